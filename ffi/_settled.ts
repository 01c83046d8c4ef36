/**
 * For adapters without worker-thread FFI calls (Bun, Node): a `nonblocking` symbol runs on the calling thread and
 * returns a settled Promise, as its type promises. Such adapters report `offThread` false, so callers never hand
 * them a blocking timeout.
 *
 * @module
 */

/** Wraps a synchronous native function so it returns a settled Promise (rejected if the call throws). */
export function settled(fn: unknown): (...a: unknown[]) => Promise<unknown> {
  const f = fn as (...a: unknown[]) => unknown;
  return (...a: unknown[]): Promise<unknown> => {
    try {
      return Promise.resolve(f(...a));
    } catch (e) {
      return Promise.reject(e);
    }
  };
}

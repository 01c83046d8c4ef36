/**
 * `waitProcs()` (psutil: `wait_procs`): waits for several processes at once.
 *
 * @module
 */
import type { Process } from "./process.ts";
import { TimeoutExpired } from "./errors.ts";

/** A process `waitProcs` found gone, with its exit code (`null` when it was not a child of this process). */
export type GoneProcess<P extends Process = Process> = P & {
  /** Exit code; negative signal number when a signal ended it; `null` for a process that is not a child. */
  returncode: number | null;
};

/** Options for {@linkcode waitProcs}. */
export interface WaitProcsOptions<P extends Process = Process> {
  /** Seconds to wait at most (`null`/absent: until all are gone). Unlike `Process.wait`, nothing is thrown past it. */
  timeout?: number | null;
  /** Called once for each process as it goes, with `returncode` already set. */
  callback?: (proc: GoneProcess<P>) => void;
}

/**
 * Waits until every process in `procs` has ended or `timeout` seconds have passed, and resolves with
 * `[gone, alive]` (psutil: `wait_procs`). Each gone process gets a `returncode` attribute, and `callback` is called
 * with it as soon as it goes. Processes are waited for concurrently (event-driven on Linux), so a slow one never
 * delays noticing the others; `gone` is in the order they ended, `alive` in the order given.
 *
 * Typical use: `terminate()` a group, `waitProcs` a few seconds, `kill()` whatever is still alive.
 *
 * @tags allow-ffi
 * @throws {RangeError} for a negative timeout; {TypeError} for a callback that is not a function.
 * @example Terminate children and collect their exit codes
 * ```ts
 * import { spawn, waitProcs } from "../mod.ts";
 * const procs = [spawn(["sleep", "30"]), spawn(["sleep", "30"])];
 * for (const p of procs) p.terminate();
 * const [gone, alive] = await waitProcs(procs, { timeout: 5 });
 * if (alive.length !== 0 || gone.some((p) => p.returncode !== -15)) throw new Error();
 * ```
 */
export async function waitProcs<P extends Process>(
  procs: Iterable<P>,
  options: WaitProcsOptions<P> = {},
): Promise<[GoneProcess<P>[], P[]]> {
  const timeout = options.timeout ?? null;
  if (timeout !== null) {
    if (typeof timeout !== "number" || Number.isNaN(timeout)) {
      throw new TypeError(`timeout must be a number, got ${typeof timeout}`);
    }
    if (timeout < 0) throw new RangeError(`timeout must be a positive number, got ${timeout}`);
  }
  const callback = options.callback;
  if (callback !== undefined && typeof callback !== "function") {
    throw new TypeError(`callback ${String(callback)} is not a function`);
  }
  const all = [...new Set(procs)];
  const gone: GoneProcess<P>[] = [];
  const goneSet = new Set<P>();
  await Promise.all(all.map(async (proc) => {
    let code: number | null;
    try {
      code = await proc.wait({ timeout });
    } catch (e) {
      if (e instanceof TimeoutExpired) return;
      throw e;
    }
    // As psutil: an exit code, or a process that no longer runs, means gone.
    if (code !== null || !proc.isRunning()) {
      const g = proc as GoneProcess<P>;
      g.returncode = code;
      gone.push(g);
      goneSet.add(proc);
      callback?.(g);
    }
  }));
  return [gone, all.filter((p) => !goneSet.has(p))];
}

/**
 * The oneshot scope (psutil's `oneshot()` + `memoize_when_activated`): a depth counter around a callback, entering
 * the backend's cache on the outermost entry and leaving it when the callback returns or, for a Promise, settles.
 *
 * @module
 */

/** A backend's oneshot hooks. */
export interface OneshotHooks {
  /** Starts caching grouped reads. */
  oneshotEnter?(): void;
  /** Stops caching and drops the cache. */
  oneshotExit?(): void;
}

/** Nesting depth per owner, shared by {@linkcode runOneshot} calls. */
export interface OneshotDepth {
  /** Open scopes. */
  depth: number;
}

function isThenable(x: unknown): x is PromiseLike<unknown> {
  return typeof x === "object" && x !== null && typeof (x as { then?: unknown }).then === "function";
}

/**
 * Runs `fn` inside a oneshot scope: nested scopes are no-ops; the cache opens on the outermost one and closes when
 * `fn` returns or its Promise settles (also on throw).
 *
 * @example
 * ```ts
 * import { runOneshot } from "./_oneshot.ts";
 * let open = 0;
 * const hooks = { oneshotEnter: () => open++, oneshotExit: () => open-- };
 * const d = { depth: 0 };
 * runOneshot(d, hooks, () => runOneshot(d, hooks, () => { if (open !== 1) throw new Error(); }));
 * if (open !== 0) throw new Error();
 * ```
 */
export function runOneshot<T>(d: OneshotDepth, hooks: OneshotHooks, fn: () => T): T {
  if (d.depth > 0) return fn();
  d.depth++;
  hooks.oneshotEnter?.();
  let async = false;
  const leave = (): void => {
    d.depth--;
    hooks.oneshotExit?.();
  };
  try {
    const r = fn();
    if (isThenable(r)) {
      async = true;
      return Promise.resolve(r).finally(leave) as T;
    }
    return r;
  } finally {
    if (!async) leave();
  }
}

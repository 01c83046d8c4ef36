/**
 * `processIter()` (psutil: `process_iter`): every process as a `Process`, instances kept between calls.
 *
 * @module
 */
import { need } from "./_backend.ts";
import { AccessDenied, NoSuchProcess, ZombieProcess } from "./errors.ts";
import { kPrefetch, kRetain, kSame, openInScope, Process } from "./process.ts";
import { checkAttrs } from "./_process_helpers.ts";

/** Options for {@linkcode processIter}. */
export interface ProcessIterOptions {
  /** Attributes to fetch into each process's `info` (inside one oneshot scope). */
  attrs?: readonly string[];
  /** What stands in for an attribute that raised `AccessDenied` or `ZombieProcess` (default `null`). */
  adValue?: unknown;
}

const cache = new Map<number, Process>();

function evict(pid: number): void {
  const p = cache.get(pid);
  if (p !== undefined) {
    p[kRetain](false);
    cache.delete(pid);
  }
}

const REUSED = Symbol("reused");

function* iterate(options: ProcessIterOptions): Generator<Process, void, undefined> {
  const attrs = options.attrs === undefined ? undefined : checkAttrs(options.attrs, Process.attrs);
  const all = attrs !== undefined && attrs.length === 0 ? [...Process.attrs] : attrs;
  const adValue = options.adValue ?? null;
  const fetch = (p: Process): Record<string, unknown> | null => {
    if (!p[kSame]()) throw REUSED;
    return all === undefined ? null : p.asDict({ attrs: all, adValue });
  };
  const current = need("pids", "processIter")();
  const alive = new Set(current);
  for (const pid of [...cache.keys()]) if (!alive.has(pid)) evict(pid);
  for (const pid of current) {
    let result: Process | null = null;
    for (let attempt = 0; attempt < 2 && result === null; attempt++) {
      const kept = cache.get(pid);
      let p: Process | undefined = kept;
      try {
        let info: Record<string, unknown> | null;
        if (kept !== undefined) {
          kept[kPrefetch](null);
          info = kept.oneshot(() => fetch(kept));
        } else {
          // A new pid: construct inside the scope so the identity read is shared with the attributes' reads.
          [p, info] = openInScope(pid, (q) => {
            try {
              return fetch(q);
            } catch (e) {
              q[kRetain](false);
              throw e;
            }
          });
          cache.set(pid, p);
        }
        if (info !== null) p![kPrefetch](info, adValue, true);
        result = p!;
      } catch (e) {
        if (e instanceof ZombieProcess && p !== undefined) {
          cache.set(pid, p);
          result = p;
        } else if (e === REUSED || e instanceof NoSuchProcess || e instanceof AccessDenied) {
          if (p !== undefined) p[kRetain](false);
          cache.delete(pid);
          if (kept === undefined) break; // a new pid that vanished (or refused): skip it
        } else throw e;
      }
    }
    if (result !== null) yield result;
  }
}

/**
 * Yields a `Process` for every running process, by ascending pid (psutil: `process_iter`). Instances are kept
 * between calls (keyed by pid, replaced when the pid's creation time changes), so `cpuPercent()` works across
 * scans. With `attrs`, each process's `info` holds those attributes, fetched in one oneshot scope, and the methods
 * called without arguments return them; `AccessDenied` gives `adValue`; processes that vanish are skipped. It never
 * throws `NoSuchProcess` or `AccessDenied`.
 *
 * @throws {TypeError} for an unknown attribute name.
 * @example
 * ```ts
 * import { processIter } from "../mod.ts";
 * let n = 0;
 * for (const p of processIter({ attrs: ["pid", "name", "username"] })) if (typeof p.info!.pid === "number") n++;
 * if (n === 0) throw new Error();
 * ```
 */
export function processIter(options: ProcessIterOptions = {}): Generator<Process, void, undefined> {
  return iterate(options);
}

/**
 * Forgets the kept instances (psutil 6.0: `process_iter.cache_clear`), closing what they held open.
 *
 * @example
 * ```ts
 * import { processIter } from "../mod.ts";
 * processIter.cacheClear();
 * ```
 */
processIter.cacheClear = function cacheClear(): void {
  for (const pid of [...cache.keys()]) evict(pid);
};

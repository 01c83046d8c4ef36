/**
 * `processIter()` (psutil: `process_iter`): every process as a `Process`, instances kept between calls.
 *
 * @module
 */
import { need } from "./_backend.ts";
import { AccessDenied, NoSuchProcess, ZombieProcess } from "./errors.ts";
import { kPrefetch, kRetain, kSame, Process } from "./process.ts";
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

function fresh(pid: number): Process | null {
  try {
    const p = new Process(pid);
    p[kRetain](true);
    cache.set(pid, p);
    return p;
  } catch (e) {
    if (e instanceof NoSuchProcess || e instanceof AccessDenied) return null;
    throw e;
  }
}

const REUSED = Symbol("reused");

function* iterate(options: ProcessIterOptions): Generator<Process, void, undefined> {
  const attrs = options.attrs === undefined ? undefined : checkAttrs(options.attrs, Process.attrs);
  const all = attrs !== undefined && attrs.length === 0 ? [...Process.attrs] : attrs;
  const adValue = options.adValue ?? null;
  const current = need("pids", "processIter")();
  const alive = new Set(current);
  for (const pid of [...cache.keys()]) if (!alive.has(pid)) evict(pid);
  for (const pid of current) {
    let p: Process | null | undefined = cache.get(pid);
    let result: Process | null = null;
    for (let attempt = 0; attempt < 2 && result === null; attempt++) {
      if (p === undefined) p = fresh(pid);
      if (p === null) break;
      const proc: Process = p;
      try {
        proc[kPrefetch](null);
        const info = proc.oneshot(() => {
          if (!proc[kSame]()) throw REUSED;
          return all === undefined ? null : proc.asDict({ attrs: all, adValue });
        });
        if (info !== null) proc[kPrefetch](info, adValue, true);
        result = proc;
      } catch (e) {
        if (e instanceof ZombieProcess) result = proc;
        else if (e === REUSED || e instanceof NoSuchProcess) {
          evict(pid);
          p = undefined;
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

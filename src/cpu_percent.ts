/**
 * CPU utilisation as percentages: {@linkcode cpuPercent} and {@linkcode cpuTimesPercent}, computed from two
 * {@linkcode cpuTimes} samples with psutil's formulas. Without an interval each compares with its own previous
 * call, kept in this module as psutil keeps `_last_cpu_times`.
 *
 * @module
 */
import { backend, need } from "./_backend.ts";
import type { PlatformBackend } from "../platforms/backend.ts";
import { round1 } from "./_percent.ts";
import type { CpuTimes } from "./types.ts";

/** An interval in seconds; `undefined`, `null` and `0` mean "since the previous call". */
export type Interval = number | null | undefined;

/**
 * The result type for interval `I`: immediate for no interval or `0`, a `Promise` for a positive literal, either
 * one for an interval only known at run time (a `number` that may be 0).
 */
export type Sampled<I, T> = [I] extends [0 | null | undefined] ? T : number extends I ? T | Promise<T> : Promise<T>;

/** Options for {@linkcode cpuPercent} and {@linkcode cpuTimesPercent}. */
export interface CpuPercentOptions<I extends Interval = Interval> {
  /**
   * Seconds to sample over (the call then resolves after that long); `undefined`, `null` or `0` (default):
   * compare with the previous call, returning immediately (the first call returns 0).
   */
  interval?: I;
  /** `true`: one value per logical CPU; `false` (default): the whole system. */
  percpu?: boolean;
}

type Times = Record<string, number>;

function checkOptions(options: CpuPercentOptions | undefined): { interval: number; percpu: boolean } {
  const interval = options?.interval ?? 0;
  const percpu = options?.percpu ?? false;
  if (typeof interval !== "number" || Number.isNaN(interval)) {
    throw new TypeError(`interval must be a number of seconds, got ${String(interval)}`);
  }
  if (interval < 0) throw new RangeError(`interval is not positive (got ${interval})`);
  if (typeof percpu !== "boolean") throw new TypeError(`percpu must be a boolean, got ${typeof percpu}`);
  return { interval, percpu };
}

/** Per-field `t2 - t1`, negative deltas (counters that went backwards) trimmed to 0 as top and psutil do. */
function deltas(t1: CpuTimes, t2: CpuTimes): Times {
  const a = t1 as unknown as Times;
  const out: Times = {};
  for (const [k, v] of Object.entries(t2 as unknown as Times)) {
    const d = v - (a[k] ?? 0);
    out[k] = d > 0 ? d : 0;
  }
  return out;
}

/** Total time: the sum of every field, less guest times, which Linux already counts in user and nice. */
function totalTime(d: Times): number {
  let total = 0;
  for (const v of Object.values(d)) total += v;
  total -= d.guest ?? 0;
  total -= d.guestNice ?? 0;
  return total;
}

function clamp(p: number): number {
  return Math.min(Math.max(0, p), 100);
}

/** Busy share of the time between two samples, in percent with one decimal (idle and iowait are not busy). */
export function busyPercent(t1: CpuTimes, t2: CpuTimes): number {
  const d = deltas(t1, t2);
  const all = totalTime(d);
  if (all === 0) return 0;
  const busy = all - (d.idle ?? 0) - (d.iowait ?? 0);
  return clamp(round1((busy / all) * 100));
}

/**
 * Each field's share of the time between two samples, in percent with one decimal. As psutil, the total is taken
 * as at least 1 second.
 */
export function timesPercent(t1: CpuTimes, t2: CpuTimes): CpuTimes {
  const d = deltas(t1, t2);
  const scale = 100 / Math.max(1, totalTime(d));
  const out: Times = {};
  for (const [k, v] of Object.entries(d)) out[k] = clamp(round1(v * scale));
  return out as unknown as CpuTimes;
}

/**
 * One "since the previous call" state: psutil's `_last_cpu_times` / `_last_per_cpu_times` pair, kept per backend so
 * that `configure()` pointing at other roots starts afresh instead of comparing two different machines.
 */
class Sampler<R> {
  #last = new WeakMap<PlatformBackend, { total?: CpuTimes; per?: CpuTimes[] }>();
  constructor(readonly calc: (t1: CpuTimes, t2: CpuTimes) => R) {}

  #state(): { total?: CpuTimes; per?: CpuTimes[] } {
    const b = backend();
    let st = this.#last.get(b);
    if (st === undefined) this.#last.set(b, st = {});
    return st;
  }

  run(interval: number, percpu: boolean): R | R[] | Promise<R | R[]> {
    const sample = percpu ? need("perCpuTimes", "cpuTimes") : need("cpuTimes");
    if (interval > 0) {
      const first = sample();
      return new Promise((resolve) => setTimeout(resolve, interval * 1000)).then(() => this.#finish(first, percpu));
    }
    const st = this.#state();
    return this.#finish(percpu ? st.per : st.total, percpu);
  }

  #finish(first: CpuTimes | CpuTimes[] | undefined, percpu: boolean): R | R[] {
    if (percpu) {
      const now = need("perCpuTimes", "cpuTimes")();
      const before = (first as CpuTimes[] | undefined) ?? now;
      this.#state().per = now;
      const n = Math.min(before.length, now.length);
      const out: R[] = new Array(n);
      for (let i = 0; i < n; i++) out[i] = this.calc(before[i], now[i]);
      return out;
    }
    const now = need("cpuTimes")();
    const before = (first as CpuTimes | undefined) ?? now;
    this.#state().total = now;
    return this.calc(before, now);
  }
}

const busy = new Sampler(busyPercent);
const perField = new Sampler(timesPercent);

/**
 * CPU utilisation in percent (psutil: `cpu_percent`): the share of time not idle (nor waiting for I/O) between
 * two samples, rounded to one decimal.
 *
 * With `interval > 0`, samples now and after `interval` seconds and returns a `Promise`. Without an interval (or
 * `0`), compares with the previous call and returns at once; the first such call returns `0`, so call it once,
 * wait (at least 0.1 s), then call it again. `cpuTimesPercent` keeps its own previous sample.
 *
 * Availability: Linux.
 *
 * @tags allow-ffi
 * @param options `interval` in seconds; `percpu: true` for one value per logical CPU.
 * @throws {RangeError} for a negative interval.
 * @example
 * ```ts
 * import { cpuPercent } from "../mod.ts";
 * cpuPercent(); // first call: 0, starts the measurement
 * const p = await cpuPercent({ interval: 0.1 });
 * const per = cpuPercent({ percpu: true });
 * if (p < 0 || p > 100 || per.some((x) => x < 0 || x > 100)) throw new Error();
 * ```
 */
export function cpuPercent<I extends Interval = undefined>(
  options: CpuPercentOptions<I> & { percpu: true },
): Sampled<I, number[]>;
/** Without `percpu`: one system-wide percentage (a Promise when `interval` is given). */
export function cpuPercent<I extends Interval = undefined>(
  options?: CpuPercentOptions<I> & { percpu?: false },
): Sampled<I, number>;
/** With options known only at run time. */
export function cpuPercent(
  options?: CpuPercentOptions,
): number | number[] | Promise<number | number[]>;
export function cpuPercent(options?: CpuPercentOptions): number | number[] | Promise<number | number[]> {
  const { interval, percpu } = checkOptions(options);
  return busy.run(interval, percpu);
}

/**
 * The share of each CPU time field in percent (psutil: `cpu_times_percent`), one decimal each, with the same
 * `interval`/`percpu` semantics as {@linkcode cpuPercent} and its own previous sample. The fields are those of
 * {@linkcode cpuTimes}.
 *
 * Availability: Linux.
 *
 * @tags allow-ffi
 * @param options `interval` in seconds; `percpu: true` for one record per logical CPU.
 * @throws {RangeError} for a negative interval.
 * @example
 * ```ts
 * import { cpuTimesPercent } from "../mod.ts";
 * const t = await cpuTimesPercent({ interval: 0.1 });
 * if (!(t.idle >= 0 && t.idle <= 100)) throw new Error();
 * ```
 */
export function cpuTimesPercent<I extends Interval = undefined>(
  options: CpuPercentOptions<I> & { percpu: true },
): Sampled<I, CpuTimes[]>;
/** Without `percpu`: one system-wide record (a Promise when `interval` is given). */
export function cpuTimesPercent<I extends Interval = undefined>(
  options?: CpuPercentOptions<I> & { percpu?: false },
): Sampled<I, CpuTimes>;
/** With options known only at run time. */
export function cpuTimesPercent(
  options?: CpuPercentOptions,
): CpuTimes | CpuTimes[] | Promise<CpuTimes | CpuTimes[]>;
export function cpuTimesPercent(options?: CpuPercentOptions): CpuTimes | CpuTimes[] | Promise<CpuTimes | CpuTimes[]> {
  const { interval, percpu } = checkOptions(options);
  return perField.run(interval, percpu);
}

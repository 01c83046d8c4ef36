/**
 * CPU: counts, times, statistics, frequency and load average. Utilisation percentages are in `cpu_percent.ts`.
 *
 * @module
 */
import { need } from "./_backend.ts";
import type { CpuFreq, CpuStats, CpuTimes, LoadAvg } from "./types.ts";

/** Options for {@linkcode cpuCount}. */
export interface CpuCountOptions {
  /** `true` (default): logical CPUs; `false`: physical cores. */
  logical?: boolean;
}

/**
 * The number of logical CPUs, or of physical cores with `{ logical: false }` (psutil: `cpu_count`).
 * `null` when undetermined, as psutil returns `None`.
 *
 * Availability: Linux.
 *
 * @tags allow-ffi
 * @example
 * ```ts
 * import { cpuCount } from "../mod.ts";
 * const n = cpuCount();
 * if (n !== null && n < 1) throw new Error();
 * ```
 */
export function cpuCount(options: CpuCountOptions = {}): number | null {
  const logical = options.logical ?? true;
  return logical ? need("cpuCountLogical", "cpuCount")() : need("cpuCountCores", "cpuCount")();
}

/**
 * The 1, 5 and 15-minute load averages (psutil: `getloadavg`).
 *
 * Availability: Linux.
 *
 * @tags allow-ffi
 * @example
 * ```ts
 * import { getloadavg } from "../mod.ts";
 * const [one] = getloadavg();
 * if (one < 0) throw new Error();
 * ```
 */
export function getloadavg(): LoadAvg {
  return need("getloadavg")();
}

/** Options for {@linkcode cpuTimes} and {@linkcode cpuFreq}. */
export interface PercpuOptions {
  /** `true`: one entry per logical CPU; `false` (default): the whole system. */
  percpu?: boolean;
}

function percpuOf(options: PercpuOptions | undefined): boolean {
  const percpu = options?.percpu ?? false;
  if (typeof percpu !== "boolean") throw new TypeError(`percpu must be a boolean, got ${typeof percpu}`);
  return percpu;
}

/**
 * Seconds the CPUs spent in each mode since boot (psutil: `cpu_times`). On Linux: `user`, `nice`, `system`,
 * `idle`, `iowait`, `irq`, `softirq`, `steal`, `guest`, `guestNice` (the last three only on kernels that report
 * them). `guest` and `guestNice` are already included in `user` and `nice`.
 *
 * Availability: Linux.
 *
 * @tags allow-ffi
 * @param options `percpu: true` for one record per logical CPU, in CPU order.
 * @throws {MalformedFileError} when /proc/stat cannot be parsed.
 * @example
 * ```ts
 * import { cpuCount, cpuTimes } from "../mod.ts";
 * const t = cpuTimes();
 * if (!(t.user >= 0 && t.idle > 0)) throw new Error();
 * if (cpuTimes({ percpu: true }).length !== cpuCount()) throw new Error();
 * ```
 */
export function cpuTimes(options?: { percpu?: false }): CpuTimes;
/** With `{ percpu: true }`: one record per logical CPU, in CPU order. */
export function cpuTimes(options: { percpu: true }): CpuTimes[];
/** With `percpu` known only at run time: a record or an array of them. */
export function cpuTimes(options?: PercpuOptions): CpuTimes | CpuTimes[];
export function cpuTimes(options?: PercpuOptions): CpuTimes | CpuTimes[] {
  return percpuOf(options) ? need("perCpuTimes", "cpuTimes")() : need("cpuTimes")();
}

/**
 * CPU statistics since boot (psutil: `cpu_stats`): context switches, interrupts, soft interrupts and system calls
 * (always 0 on Linux, which does not count them).
 *
 * Availability: Linux.
 *
 * @tags allow-ffi
 * @example
 * ```ts
 * import { cpuStats } from "../mod.ts";
 * const s = cpuStats();
 * if (!(s.ctxSwitches > 0 && s.interrupts > 0)) throw new Error();
 * ```
 */
export function cpuStats(): CpuStats {
  return need("cpuStats")();
}

/**
 * CPU frequency in MHz (psutil: `cpu_freq`): `current`, `min`, `max`. On Linux from cpufreq's sysfs files, or
 * from /proc/cpuinfo's `cpu MHz` (then `min` and `max` are 0) where the kernel has no cpufreq driver, as in most
 * virtual machines. System-wide, the mean over the CPUs; `null` when no frequency is known (most ARM VMs).
 *
 * Availability: Linux.
 *
 * @tags allow-ffi
 * @param options `percpu: true` for one record per CPU (an empty array when unknown).
 * @example
 * ```ts
 * import { cpuFreq } from "../mod.ts";
 * const f = cpuFreq();
 * if (f !== null && !(f.current > 0)) throw new Error();
 * ```
 */
export function cpuFreq(options?: { percpu?: false }): CpuFreq | null;
/** With `{ percpu: true }`: one record per CPU (an empty array when unknown). */
export function cpuFreq(options: { percpu: true }): CpuFreq[];
/** With `percpu` known only at run time: a record (or `null`) or an array of them. */
export function cpuFreq(options?: PercpuOptions): CpuFreq | CpuFreq[] | null;
export function cpuFreq(options?: PercpuOptions): CpuFreq | CpuFreq[] | null {
  const percpu = percpuOf(options);
  const all = need("cpuFreq")();
  if (percpu) return all;
  if (all.length === 0) return null;
  if (all.length === 1) return all[0];
  let current = 0;
  let min = 0;
  let max = 0;
  for (const f of all) {
    current += f.current;
    min += f.min;
    max += f.max;
  }
  return { current: current / all.length, min: min / all.length, max: max / all.length };
}

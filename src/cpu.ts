/**
 * CPU: counts and load average.
 *
 * @module
 */
import { need } from "./_backend.ts";
import type { LoadAvg } from "./types.ts";

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

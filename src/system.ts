/**
 * System-wide facts: boot time.
 *
 * @module
 */
import { need } from "./_backend.ts";

/**
 * The system boot time, in seconds since the epoch (psutil: `boot_time`).
 *
 * Availability: Linux.
 *
 * @tags allow-ffi
 * @returns Seconds since 1970-01-01 UTC.
 * @throws {UnsupportedError} on platforms without a backend member.
 * @example
 * ```ts
 * import { bootTime } from "../mod.ts";
 * const t = bootTime();
 * if (!(t > 0 && t * 1000 < Date.now())) throw new Error("bad boot time");
 * ```
 */
export function bootTime(): number {
  return need("bootTime")();
}

/**
 * Pids: listing and existence.
 *
 * @module
 */
import { need } from "./_backend.ts";
import { checkPid } from "./_validate.ts";

/**
 * Every running pid, ascending (psutil: `pids`).
 *
 * Availability: Linux.
 *
 * @tags allow-ffi
 * @example
 * ```ts
 * import { pids } from "../mod.ts";
 * if (pids().length === 0) throw new Error();
 * ```
 */
export function pids(): number[] {
  return need("pids")();
}

/**
 * Whether `pid` names a running process (psutil: `pid_exists`); threads' ids do not count.
 *
 * Availability: Linux.
 *
 * @tags allow-ffi
 * @throws {TypeError} for a non-integer, {RangeError} for a negative pid.
 * @example
 * ```ts
 * import { pidExists } from "../mod.ts";
 * if (!pidExists(1)) throw new Error();
 * ```
 */
export function pidExists(pid: number): boolean {
  return need("pidExists")(checkPid(pid));
}

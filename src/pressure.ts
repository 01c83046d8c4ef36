/**
 * Pressure stall information (PSI): how much time tasks lose waiting for CPU, memory, I/O and interrupts,
 * system-wide or inside one cgroup. Beyond psutil.
 *
 * @module
 */
import { need } from "./_backend.ts";
import { checkPath, checkPid } from "./_validate.ts";
import type { Pressure, PressureTarget } from "./pressure_types.ts";

/**
 * Pressure stall information for CPU, memory, I/O and (kernel 6.1+, where present) IRQ: the `some` and `full`
 * lines with their 10 s, 60 s and 300 s averages (percent) and total stall time (s). System-wide by default (from
 * /proc/pressure/*); `{ pid }` reads that process's v2 cgroup and `{ cgroup: "/system.slice/x" }` a named one
 * (from `<cgroup>/*.pressure`).
 *
 * A kernel without PSI (built without CONFIG_PSI, or booted with `psi=0`) raises `UnsupportedError` rather than
 * reporting zeros; so does a cgroup outside a v2 hierarchy.
 *
 * Availability: Linux 4.20+.
 *
 * @experimental The shape may still move.
 * @tags allow-ffi
 * @param target Whose pressure: omit for the whole system.
 * @returns Pressure per resource.
 * @throws {UnsupportedError} without PSI, or off Linux.
 * @throws {NoSuchProcess} when `pid` does not exist.
 * @example System-wide CPU pressure
 * ```ts
 * import { pressure, UnsupportedError } from "../mod.ts";
 * try {
 *   const p = pressure();
 *   if (p.cpu.some !== null && !(p.cpu.some.avg10 >= 0)) throw new Error();
 * } catch (e) {
 *   if (!(e instanceof UnsupportedError)) throw e; // a kernel without PSI
 * }
 * ```
 */
export function pressure(target: PressureTarget = {}): Pressure {
  if (typeof target !== "object" || target === null) throw new TypeError("pressure() takes an options object");
  if (target.pid !== undefined) checkPid(target.pid);
  if (target.cgroup !== undefined) checkPath(target.cgroup, "cgroup");
  if (target.pid !== undefined && target.cgroup !== undefined) {
    throw new TypeError("pressure() takes either pid or cgroup, not both");
  }
  return need("pressure")(target);
}

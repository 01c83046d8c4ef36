/**
 * GPUs: every GPU with its load, memory, temperature, power and clocks, and which processes use it. Beyond psutil.
 *
 * @module
 */
import { need } from "./_backend.ts";
import { checkPid } from "./_validate.ts";
import type { Gpu, ProcessGpuUsage } from "./gpu_types.ts";

/**
 * Every GPU: name, vendor, driver, PCI bus id, utilisation, memory used/total, temperature (°C), power (W) and
 * clocks (MHz) where the driver reports them, and the processes using it with their GPU memory and engine use.
 * NVIDIA GPUs are read through NVML (libnvidia-ml.so.1, opened on first call); AMD, Intel and other DRM devices
 * through sysfs, with per-process figures from the DRM fdinfo keys (processes of other users need root).
 *
 * No GPU, or no driver, gives an empty list, never an error. Figures a driver does not report are `null`.
 *
 * Availability: Linux.
 *
 * @experimental The shape may still move.
 * @tags allow-ffi
 * @returns The GPUs, in NVML order then DRM card order.
 * @throws {UnsupportedError} off Linux.
 * @example
 * ```ts
 * import { gpus } from "../mod.ts";
 * for (const g of gpus()) {
 *   if (g.memoryTotal !== null && g.memoryUsed !== null && g.memoryUsed > g.memoryTotal) throw new Error();
 * }
 * ```
 */
export function gpus(): Gpu[] {
  return need("gpus")();
}

/**
 * One process's use of each GPU it has open (default: this process): its GPU memory, and per engine its busy time
 * (DRM) or its SM/memory/encoder/decoder utilisation (NVML). Empty when it uses none.
 *
 * Availability: Linux.
 *
 * @experimental The shape may still move.
 * @tags allow-ffi
 * @param pid The process (default: the caller).
 * @returns One entry per GPU the process uses.
 * @throws {NoSuchProcess} when `pid` does not exist.
 * @example
 * ```ts
 * import { processGpuUsage } from "../mod.ts";
 * if (!Array.isArray(processGpuUsage())) throw new Error();
 * ```
 */
export function processGpuUsage(pid?: number): ProcessGpuUsage[] {
  if (pid !== undefined) checkPid(pid);
  return need("processGpuUsage")(pid);
}

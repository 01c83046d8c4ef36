/**
 * NVML struct descriptors (nvml.h field names; LP64). Sizes are pinned in `tests/structs/nvml_structs_test.ts`.
 *
 * @module
 */
import { array, sizeOf, struct } from "../../ffi/struct.ts";

/** `nvmlPciInfo_t` (the v3 layout, also returned by `nvmlDeviceGetPciInfo_v2`): 68 bytes. */
export const nvmlPciInfo_t = struct("nvmlPciInfo_t", [
  ["busIdLegacy", array("char", 16)],
  ["domain", "u32"],
  ["bus", "u32"],
  ["device", "u32"],
  ["pciDeviceId", "u32"],
  ["pciSubSystemId", "u32"],
  ["busId", array("char", 32)],
]);

/** `nvmlUtilization_t`: percentages over the last sample period. */
export const nvmlUtilization_t = struct("nvmlUtilization_t", [["gpu", "u32"], ["memory", "u32"]]);

/** `nvmlMemory_t` (v1): bytes. */
export const nvmlMemory_t = struct("nvmlMemory_t", [["total", "u64"], ["free", "u64"], ["used", "u64"]]);

/** `nvmlMemory_v2_t`: `version` must be set to {@linkcode nvmlMemory_v2} before the call. */
export const nvmlMemory_v2_t = struct("nvmlMemory_v2_t", [
  ["version", "u32"],
  ["total", "u64"],
  ["reserved", "u64"],
  ["free", "u64"],
  ["used", "u64"],
]);

/** `NVML_STRUCT_VERSION(Memory, 2)`: the struct size with the version in the top byte. */
export const nvmlMemory_v2: number = sizeOf(nvmlMemory_v2_t, "lp64") | (2 << 24);

/** `nvmlProcessInfo_v1_t` (the unversioned running-processes calls). */
export const nvmlProcessInfo_v1_t = struct("nvmlProcessInfo_v1_t", [["pid", "u32"], ["usedGpuMemory", "u64"]]);

/** `nvmlProcessInfo_v2_t` / `nvmlProcessInfo_t` (v3): same layout, MIG instance ids added. */
export const nvmlProcessInfo_v2_t = struct("nvmlProcessInfo_v2_t", [
  ["pid", "u32"],
  ["usedGpuMemory", "u64"],
  ["gpuInstanceId", "u32"],
  ["computeInstanceId", "u32"],
]);

/** `nvmlProcessUtilizationSample_t`: one process's utilisation at `timeStamp` (µs). */
export const nvmlProcessUtilizationSample_t = struct("nvmlProcessUtilizationSample_t", [
  ["pid", "u32"],
  ["timeStamp", "u64"],
  ["smUtil", "u32"],
  ["memUtil", "u32"],
  ["encUtil", "u32"],
  ["decUtil", "u32"],
]);

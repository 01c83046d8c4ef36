/**
 * NVIDIA's management library (NVML, libnvidia-ml.so.1): where to find it and the functions tsutil calls, declared
 * once for every runtime. Versioned entry points (`_v2`, `_v3`) are optional: the reader uses the newest the
 * installed library exports. Every function returns an `nvmlReturn_t` (0 is success).
 *
 * @module
 */
import type { LibrarySpec, SymbolTable } from "../../ffi/types.ts";

/** The driver's soname, then the development link name. Override: `TSUTIL_NVML`. */
export const NVML: LibrarySpec = {
  name: "libnvidia-ml",
  candidates: ["libnvidia-ml.so.1", "libnvidia-ml.so"],
  envOverride: "TSUTIL_NVML",
};

/** The NVML functions used. `nvmlDevice_t` is an opaque pointer. */
export const NVML_TABLE = {
  nvmlInit_v2: { args: [], returns: "i32" }, // void
  nvmlDeviceGetCount_v2: { args: ["buffer"], returns: "i32" }, // unsigned int *deviceCount
  nvmlDeviceGetHandleByIndex_v2: { args: ["u32", "buffer"], returns: "i32" }, // unsigned int index, nvmlDevice_t *device
  nvmlDeviceGetName: { args: ["pointer", "buffer", "u32"], returns: "i32", optional: true }, // nvmlDevice_t device, char *name, unsigned int length
  nvmlDeviceGetPciInfo_v3: { args: ["pointer", "buffer"], returns: "i32", optional: true }, // nvmlDevice_t device, nvmlPciInfo_t *pci
  nvmlDeviceGetPciInfo_v2: { args: ["pointer", "buffer"], returns: "i32", optional: true }, // nvmlDevice_t device, nvmlPciInfo_t *pci
  nvmlDeviceGetUtilizationRates: { args: ["pointer", "buffer"], returns: "i32", optional: true }, // nvmlDevice_t device, nvmlUtilization_t *utilization
  nvmlDeviceGetMemoryInfo_v2: { args: ["pointer", "buffer"], returns: "i32", optional: true }, // nvmlDevice_t device, nvmlMemory_v2_t *memory
  nvmlDeviceGetMemoryInfo: { args: ["pointer", "buffer"], returns: "i32", optional: true }, // nvmlDevice_t device, nvmlMemory_t *memory
  nvmlDeviceGetTemperature: { args: ["pointer", "i32", "buffer"], returns: "i32", optional: true }, // nvmlDevice_t device, nvmlTemperatureSensors_t sensorType, unsigned int *temp
  nvmlDeviceGetPowerUsage: { args: ["pointer", "buffer"], returns: "i32", optional: true }, // nvmlDevice_t device, unsigned int *power (mW)
  nvmlDeviceGetClockInfo: { args: ["pointer", "i32", "buffer"], returns: "i32", optional: true }, // nvmlDevice_t device, nvmlClockType_t type, unsigned int *clock (MHz)
  nvmlDeviceGetComputeRunningProcesses_v3: { args: ["pointer", "buffer", "buffer"], returns: "i32", optional: true }, // nvmlDevice_t device, unsigned int *infoCount, nvmlProcessInfo_t *infos
  nvmlDeviceGetComputeRunningProcesses_v2: { args: ["pointer", "buffer", "buffer"], returns: "i32", optional: true }, // nvmlDevice_t device, unsigned int *infoCount, nvmlProcessInfo_v2_t *infos
  nvmlDeviceGetComputeRunningProcesses: { args: ["pointer", "buffer", "buffer"], returns: "i32", optional: true }, // nvmlDevice_t device, unsigned int *infoCount, nvmlProcessInfo_v1_t *infos
  nvmlDeviceGetGraphicsRunningProcesses_v3: { args: ["pointer", "buffer", "buffer"], returns: "i32", optional: true }, // nvmlDevice_t device, unsigned int *infoCount, nvmlProcessInfo_t *infos
  nvmlDeviceGetGraphicsRunningProcesses_v2: { args: ["pointer", "buffer", "buffer"], returns: "i32", optional: true }, // nvmlDevice_t device, unsigned int *infoCount, nvmlProcessInfo_v2_t *infos
  nvmlDeviceGetGraphicsRunningProcesses: { args: ["pointer", "buffer", "buffer"], returns: "i32", optional: true }, // nvmlDevice_t device, unsigned int *infoCount, nvmlProcessInfo_v1_t *infos
  nvmlDeviceGetProcessUtilization: { args: ["pointer", "buffer", "buffer", "u64"], returns: "i32", optional: true }, // nvmlDevice_t device, nvmlProcessUtilizationSample_t *utilization, unsigned int *processSamplesCount, unsigned long long lastSeenTimeStamp
} as const satisfies SymbolTable;

/** `nvmlReturn_t` values the reader tells apart. */
export const NVML_SUCCESS = 0;
/** The buffer was too small; the count out-parameter says how many entries there are. */
export const NVML_ERROR_INSUFFICIENT_SIZE = 7;
/** No data (e.g. no process utilisation samples yet). */
export const NVML_ERROR_NOT_FOUND = 6;
/** `NVML_TEMPERATURE_GPU`: the GPU die sensor. */
export const NVML_TEMPERATURE_GPU = 0;
/** `NVML_CLOCK_GRAPHICS`. */
export const NVML_CLOCK_GRAPHICS = 0;
/** `NVML_CLOCK_MEM`. */
export const NVML_CLOCK_MEM = 2;
/** `NVML_DEVICE_NAME_V2_BUFFER_SIZE`: enough for any device name. */
export const NVML_DEVICE_NAME_V2_BUFFER_SIZE = 96;

/**
 * Result records for {@linkcode gpus} and {@linkcode processGpuUsage}.
 *
 * Every figure the driver does not report is `null`; no GPU, or no driver, gives an empty list.
 *
 * @module
 */

/** How much of one engine a process used (DRM fdinfo `drm-engine-*`, `drm-cycles-*`; see drm-usage-stats). */
export interface GpuEngineUse {
  /** Cumulative busy time, s (`drm-engine-<name>`); diff two reads for a share. `null` where the driver counts cycles. */
  busyTime: number | null;
  /** Cumulative busy cycles (`drm-cycles-<name>`, xe), or `null`. */
  cycles: number | null;
  /** Cumulative total cycles of the engine (`drm-total-cycles-<name>`): the denominator for `cycles`, or `null`. */
  totalCycles: number | null;
  /** Engines of this class the busy time spans (`drm-engine-capacity-<name>`, default 1). */
  capacity: number;
}

/** One process's use of one GPU. */
export interface GpuProcess {
  /** Process id. */
  pid: number;
  /** GPU memory the process holds, bytes (NVML `usedGpuMemory`; DRM: sum of resident memory over regions). */
  memory: number | null;
  /** DRM: resident bytes per memory region (`vram`, `system`, `gtt`, `stolen`…); empty for NVML. */
  memoryRegions: Record<string, number>;
  /** DRM: use per engine (`render`, `copy`, `video`, `gfx`, `compute`…); empty for NVML. */
  engines: Record<string, GpuEngineUse>;
  /** NVML: SM (compute) utilisation over the last sample window, percent, or `null`. */
  smUtilization: number | null;
  /** NVML: memory controller utilisation, percent, or `null`. */
  memoryUtilization: number | null;
  /** NVML: encoder utilisation, percent, or `null`. */
  encoderUtilization: number | null;
  /** NVML: decoder utilisation, percent, or `null`. */
  decoderUtilization: number | null;
}

/** One GPU. */
export interface Gpu {
  /** Position in the list. */
  index: number;
  /** Marketing name (NVML, amdgpu `product_name`), else `"<vendor> [vvvv:dddd]"` from the PCI ids. */
  name: string;
  /** `nvidia`, `amd`, `intel`, or the PCI vendor id (`0x1a03`) for others. */
  vendor: string;
  /** Kernel driver (`nvidia`, `amdgpu`, `i915`, `xe`), or `null`. */
  driver: string | null;
  /** PCI bus id, `domain:bus:device.function` in lower case (`0000:01:00.0`), or `null`. */
  busId: string | null;
  /** GPU busy share, percent (NVML utilisation.gpu, amdgpu `gpu_busy_percent`). */
  utilization: number | null;
  /** Memory controller busy share, percent (NVML utilisation.memory, amdgpu `mem_busy_percent`). */
  memoryUtilization: number | null;
  /** Device memory in use, bytes. */
  memoryUsed: number | null;
  /** Device memory, bytes. */
  memoryTotal: number | null;
  /** Temperature, °C. */
  temperature: number | null;
  /** Power draw, W. */
  power: number | null;
  /** Graphics/shader clock, MHz. */
  clockGraphics: number | null;
  /** Memory clock, MHz. */
  clockMemory: number | null;
  /** Processes using the GPU, with their memory and engine use. */
  processes: GpuProcess[];
}

/** One process's use of one GPU, with the GPU named. */
export interface ProcessGpuUsage extends GpuProcess {
  /** PCI bus id of the GPU, or `null`. */
  busId: string | null;
  /** Vendor, as in {@linkcode Gpu.vendor}. */
  vendor: string;
  /** Kernel driver, or `null`. */
  driver: string | null;
}

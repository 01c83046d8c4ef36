/**
 * tsutil: process and system utilization for Deno and Bun (and Node), in pure TypeScript — psutil's API in
 * camelCase, with no native build. Linux reads /proc and /sys directly; other OSes are reached through the
 * runtime's own FFI.
 *
 * ```ts
 * import * as tsutil from "./mod.ts";
 * console.log(tsutil.cpuCount(), tsutil.bootTime(), tsutil.diskUsage("/").percent);
 * ```
 *
 * Under Deno, run with `--allow-ffi` (procfs is read through libc, since Deno keeps /proc behind `--allow-all`).
 *
 * @module
 */
export * from "./src/errors.ts";
export { LibraryNotFoundError, SystemCallError } from "./ffi/errors.ts";
export type * from "./src/types.ts";
export * from "./src/constants.ts";
export { configure, type ConfigureOptions } from "./src/_backend.ts";
export { bootTime, users } from "./src/system.ts";
export {
  cpuCount,
  type CpuCountOptions,
  cpuFreq,
  cpuStats,
  cpuTimes,
  getloadavg,
  type PercpuOptions,
} from "./src/cpu.ts";
export { cpuPercent, type CpuPercentOptions, cpuTimesPercent, type Interval, type Sampled } from "./src/cpu_percent.ts";
export { swapMemory, virtualMemory } from "./src/memory.ts";
export { sensorsBattery, sensorsFans, sensorsTemperatures, type SensorsTemperaturesOptions } from "./src/sensors.ts";
export {
  diskIoCounters,
  type DiskIoCountersFn,
  type DiskIoCountersOptions,
  diskPartitions,
  type DiskPartitionsOptions,
  diskUsage,
} from "./src/disk.ts";
export {
  CONN_KINDS,
  type ConnKind,
  netConnections,
  netIfAddrs,
  netIfStats,
  netIoCounters,
  type NetIoCountersFn,
  type NetIoCountersOptions,
} from "./src/net.ts";
export { pidExists, pids } from "./src/pids.ts";
export { heapInfo, heapTrim } from "./src/heap.ts";
export { type AsDictOptions, Process, type ProcessCpuPercentOptions } from "./src/process.ts";
export { processIter, type ProcessIterOptions } from "./src/process_iter.ts";
export { Popen, type PopenWaitOptions, spawn, type SpawnOptions, type StdioMode } from "./src/spawn.ts";
export { type GoneProcess, waitProcs, type WaitProcsOptions } from "./src/wait_procs.ts";
export type * from "./src/process_types.ts";
export { cgroup, containerMemory, usableCpuCount } from "./src/cgroup.ts";
export type * from "./src/cgroup_types.ts";
export { pressure } from "./src/pressure.ts";
export type * from "./src/pressure_types.ts";
export { sample, type SampleOptions } from "./src/sample.ts";
export type { DiskRate, NetRate, Sample, SamplerOptions, TopProcess } from "./src/sample.ts";
export { gpus, processGpuUsage } from "./src/gpu.ts";
export type * from "./src/gpu_types.ts";
export { bytes2human, type Bytes2HumanOptions } from "./src/bytes2human.ts";
export * from "./src/constants_windows.ts";
export {
  NoSuchService,
  WindowsService,
  type WindowsServiceInfo,
  winServiceGet,
  winServiceIter,
} from "./src/win_services.ts";

/**
 * The contract every `platforms/<os>/` backend implements. A member a platform cannot provide is absent, and
 * `src/` turns its absence into `UnsupportedError(fn, platform)`. Backends return raw values; cross-platform
 * maths (percentages, deltas, wrap-around) lives in `src/`.
 *
 * @module
 */
import type {
  Battery,
  CpuFreq,
  CpuStats,
  CpuTimes,
  DiskIoCounters,
  DiskPartition,
  DiskUsage,
  Fan,
  HeapInfo,
  LoadAvg,
  NetConnection,
  NetIoCounters,
  NicAddress,
  NicStats,
  SwapMemory,
  Temperature,
  User,
  VirtualMemory,
} from "../src/types.ts";
import type { ProcessBackend } from "./process_backend.ts";
import type { CgroupHost, CgroupRaw } from "../src/cgroup_types.ts";
import type { Pressure, PressureTarget } from "../src/pressure_types.ts";
import type { Gpu, ProcessGpuUsage } from "../src/gpu_types.ts";

export type { ProcessBackend } from "./process_backend.ts";

/** Connection kinds accepted by `netConnections` (psutil's `kind`). */
export type ConnKind =
  | "inet"
  | "inet4"
  | "inet6"
  | "tcp"
  | "tcp4"
  | "tcp6"
  | "udp"
  | "udp4"
  | "udp6"
  | "unix"
  | "all";

/** One OS backend. Every member but `os` is optional. */
export interface PlatformBackend {
  /** Normalised OS name: `linux`, `darwin`, `windows`, `freebsd`, or the runtime's name for others. */
  readonly os: string;

  // --- system ---
  /** Boot time, seconds since the epoch. */
  bootTime?(): number;
  /** Logged-in users. */
  users?(): User[];

  // --- cpu ---
  /** Logical CPUs, `null` when unknown. */
  cpuCountLogical?(): number | null;
  /** Physical cores, `null` when unknown. */
  cpuCountCores?(): number | null;
  /** 1/5/15-minute load averages. */
  getloadavg?(): LoadAvg;
  /** System-wide CPU times. */
  cpuTimes?(): CpuTimes;
  /** CPU times per logical CPU. */
  perCpuTimes?(): CpuTimes[];
  /** CPU statistics. */
  cpuStats?(): CpuStats;
  /** Frequency per CPU (one entry when the platform has only a system-wide value); empty when unknown. */
  cpuFreq?(): CpuFreq[];

  // --- memory ---
  /** System memory. */
  virtualMemory?(): VirtualMemory;
  /** Swap. */
  swapMemory?(): SwapMemory;

  // --- disks ---
  /** Mounted partitions; `all` keeps pseudo filesystems. */
  diskPartitions?(all: boolean): DiskPartition[];
  /** Usage of the filesystem holding `path`. */
  diskUsage?(path: string): DiskUsage;
  /**
   * Raw I/O counters per disk name. `perdisk` false lets a backend drop entries that would be counted twice in a
   * sum (Linux keeps whole devices only, psutil's `is_storage_device`); other backends may ignore it.
   */
  diskIoCounters?(perdisk: boolean): Map<string, DiskIoCounters>;

  // --- network ---
  /** Raw I/O counters per NIC name. */
  netIoCounters?(): Map<string, NetIoCounters>;
  /** Socket connections of `kind`; only those of `pid` when given. */
  netConnections?(kind: ConnKind, pid?: number): NetConnection[];
  /** Addresses per NIC name. */
  netIfAddrs?(): Map<string, NicAddress[]>;
  /** State per NIC name. */
  netIfStats?(): Map<string, NicStats>;

  // --- sensors ---
  /** Temperatures per chip name, in °C. */
  sensorsTemperatures?(): Map<string, Temperature[]>;
  /** Fans per chip name. */
  sensorsFans?(): Map<string, Fan[]>;
  /** Battery, `null` when there is none. */
  sensorsBattery?(): Battery | null;

  // --- this process's C heap ---
  /** Allocator statistics of the calling process. */
  heapInfo?(): HeapInfo;
  /** Returns free heap memory to the OS; whether any was released. */
  heapTrim?(): boolean;

  // --- processes ---
  /** Every pid, ascending. */
  pids?(): number[];
  /** Whether `pid` names a live (or zombie) process. */
  pidExists?(pid: number): boolean;
  /** The per-process backend bound to `pid` (does not check that it exists). */
  process?(pid: number): ProcessBackend;

  // --- beyond psutil (Linux): cgroups, pressure, GPUs ---
  /** `pid`'s (default: the caller's) cgroup, limits per level; `null` without cgroups. */
  cgroup?(pid?: number): CgroupRaw | null;
  /** Affinity CPU count of `pid` and the host's memory, for the container views. */
  cgroupHost?(pid?: number): CgroupHost;
  /** Pressure stall information, system-wide or for a cgroup. */
  pressure?(target: PressureTarget): Pressure;
  /** Every GPU; empty when there is none or no driver answers. */
  gpus?(): Gpu[];
  /** GPU use of `pid` (default: the caller) on every GPU it uses. */
  processGpuUsage?(pid?: number): ProcessGpuUsage[];
  /** `{pid: ppid}` for every process, read in one pass (psutil's `ppid_map`). */
  ppidMap?(): Map<number, number>;
  /** This process's pid. */
  selfPid?(): number;

  // --- Windows services ---
  /** Installed Win32 services as `[name, displayName]` (EnumServicesStatusExW). Windows. */
  winServiceList?(): [string, string][];
  /** A service's configuration (QueryServiceConfigW). Windows. */
  winServiceConfig?(name: string): WinServiceConfig;
  /** A service's state and pid (QueryServiceStatusEx). Windows. */
  winServiceStatus?(name: string): WinServiceStatus;
  /** A service's description, `""` when it has none (QueryServiceConfig2W). Windows. */
  winServiceDescription?(name: string): string;
}

/** A Windows service's configuration, raw from the backend. */
export interface WinServiceConfig {
  /** Display name. */
  displayName: string;
  /** Binary path with arguments. */
  binpath: string;
  /** Account it runs as. */
  username: string;
  /** `automatic`, `manual`, `disabled` or `unknown`. */
  startType: string;
}

/** A Windows service's state, raw from the backend. */
export interface WinServiceStatus {
  /** `running`, `stopped`, `paused`, `start_pending`, ... */
  status: string;
  /** Pid of its process, `null` when not running. */
  pid: number | null;
}

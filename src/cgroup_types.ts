/**
 * Result records for {@linkcode cgroup}, {@linkcode usableCpuCount} and {@linkcode containerMemory}, and the raw
 * shape a backend hands to `src/cgroup.ts`.
 *
 * Conventions, everywhere in these records: a limit the kernel reports as `max` (or v1's "unlimited" sentinels,
 * `-1` and `PAGE_COUNTER_MAX`) is `Infinity`; a value whose controller or file is absent is `null`.
 *
 * @module
 */

/** Which cgroup layout the process lives in. `hybrid`: v1 controllers beside a v2 unified hierarchy. */
export type CgroupMode = "v1" | "v2" | "hybrid";

/** Where one controller of the process is. */
export interface CgroupController {
  /** 1 for a v1 hierarchy, 2 for the unified one. */
  version: 1 | 2;
  /** The process's cgroup path in that hierarchy, as `/proc/<pid>/cgroup` writes it (e.g. `/system.slice/x`). */
  path: string;
  /** Where that hierarchy is mounted (from mountinfo), e.g. `/sys/fs/cgroup` or `/sys/fs/cgroup/memory`. */
  mountpoint: string;
  /** The directory holding the process's cgroup files: `mountpoint` joined with `path` (relative to the mount root). */
  directory: string;
}

/** CPU limits and usage of a cgroup (v2: cpu.max, cpu.stat, cpuset.cpus.effective; v1: cpu, cpuacct, cpuset). */
export interface CgroupCpu {
  /** Effective quota, µs of CPU time per `period`: the tightest along the path to the root. `Infinity` for max. */
  quota: number | null;
  /** The period that goes with `quota`, µs. */
  period: number | null;
  /** `quota / period` in CPUs (e.g. 1.5); `Infinity` when unlimited, `null` when no cpu controller. */
  limit: number | null;
  /** Effective cpuset: the CPUs this cgroup may run on, ascending; `null` when no cpuset controller. */
  cpuset: number[] | null;
  /** CPU time consumed, s. */
  usage: number | null;
  /** User CPU time, s. */
  user: number | null;
  /** System CPU time, s. */
  system: number | null;
  /** Enforcement periods elapsed. */
  periods: number | null;
  /** Periods in which the cgroup was throttled. */
  throttledPeriods: number | null;
  /** Time throttled, s. */
  throttledTime: number | null;
}

/** The main fields of memory.stat, bytes (counts for the page faults); `null` where the kernel lacks a field. */
export interface CgroupMemoryStat {
  /** Anonymous memory (v1: `total_rss`). */
  anon: number | null;
  /** Page cache (v1: `total_cache`). */
  file: number | null;
  /** Kernel memory (v2 only). */
  kernel: number | null;
  /** Kernel stacks (v2 only). */
  kernelStack: number | null;
  /** Page tables (v2 only). */
  pagetables: number | null;
  /** Network buffers (v2 only). */
  sock: number | null;
  /** tmpfs/shared memory. */
  shmem: number | null;
  /** Mapped file pages. */
  fileMapped: number | null;
  /** Dirty file pages. */
  fileDirty: number | null;
  /** File pages under writeback. */
  fileWriteback: number | null;
  /** Active anonymous pages. */
  activeAnon: number | null;
  /** Inactive anonymous pages. */
  inactiveAnon: number | null;
  /** Active file pages. */
  activeFile: number | null;
  /** Inactive file pages (what container tools subtract from usage). */
  inactiveFile: number | null;
  /** Unevictable pages. */
  unevictable: number | null;
  /** Slab (v2 only). */
  slab: number | null;
  /** Page faults (count). */
  pgfault: number | null;
  /** Major page faults (count). */
  pgmajfault: number | null;
}

/** Memory limits and usage of a cgroup (v2: memory.*; v1: memory.limit_in_bytes, memsw, usage). */
export interface CgroupMemory {
  /** Hard limit, bytes: the tightest along the path. `Infinity` for max. */
  max: number | null;
  /** Throttling threshold (v2 memory.high), bytes; `null` on v1, which has none. */
  high: number | null;
  /** Usage now, bytes. */
  current: number | null;
  /** Peak usage, bytes (v2 memory.peak, kernel 5.19+; v1 max_usage_in_bytes). */
  peak: number | null;
  /** Swap limit, bytes (v1: memsw limit minus memory limit). */
  swapMax: number | null;
  /** Swap in use, bytes. */
  swapCurrent: number | null;
  /** memory.stat. */
  stat: CgroupMemoryStat | null;
}

/** The pids controller. */
export interface CgroupPids {
  /** Process limit, the tightest along the path; `Infinity` for max. */
  max: number | null;
  /** Processes (tasks) now. */
  current: number | null;
}

/** I/O of a cgroup on one block device (v2 io.stat; v1 blkio.throttle.*). */
export interface CgroupIoStat {
  /** Device name (`sda`) when /sys/dev/block resolves it, else `null`. */
  name: string | null;
  /** Bytes read. */
  readBytes: number;
  /** Bytes written. */
  writeBytes: number;
  /** Read operations. */
  readCount: number;
  /** Write operations. */
  writeCount: number;
  /** Bytes discarded. */
  discardBytes: number;
  /** Discard operations. */
  discardCount: number;
}

/** A process's cgroup: where it is, its effective limits and its usage. */
export interface Cgroup {
  /** v1, v2 or hybrid. */
  mode: CgroupMode;
  /** The process's path in the v2 hierarchy (the `0::` line), or `null` when it has none (pure v1). */
  path: string | null;
  /** Where the v2 hierarchy is mounted, `null` when it is not mounted. */
  mountpoint: string | null;
  /** Where each controller the process belongs to lives (`cpu`, `memory`, `pids`, `io`/`blkio`, …). */
  controllers: Record<string, CgroupController>;
  /** CPU. */
  cpu: CgroupCpu;
  /** Memory. */
  memory: CgroupMemory;
  /** Processes. */
  pids: CgroupPids;
  /** I/O per device, keyed by `major:minor`. */
  io: Record<string, CgroupIoStat>;
}

/** Resources of the host as a process sees them, before any cgroup limit. */
export interface CgroupHost {
  /** CPUs in the process's affinity mask (`Cpus_allowed_list`). */
  cpusAllowed: number;
  /** MemTotal, bytes. */
  memTotal: number;
  /** MemAvailable (or psutil's estimate on kernels without it), bytes. */
  memAvailable: number;
}

/** One cgroup directory along the path from the process's cgroup up to the root, with the limits it sets. */
export interface CgroupLevel {
  /** The cgroup path of this level. */
  path: string;
  /** CPU quota, µs (`Infinity` for max, `null` when this level has no such file). */
  cpuQuota: number | null;
  /** CPU period, µs. */
  cpuPeriod: number | null;
  /** Memory hard limit, bytes. */
  memoryMax: number | null;
  /** Memory high threshold, bytes. */
  memoryHigh: number | null;
  /** Swap limit, bytes. */
  swapMax: number | null;
  /** Process limit. */
  pidsMax: number | null;
}

/** What a backend reads for {@linkcode Cgroup}: per-level limits (leaf first) and the leaf's usage. */
export interface CgroupRaw {
  /** Layout. */
  mode: CgroupMode;
  /** v2 path, or `null`. */
  path: string | null;
  /** v2 mountpoint, or `null`. */
  mountpoint: string | null;
  /** Controllers. */
  controllers: Record<string, CgroupController>;
  /** Levels of the cpu controller's hierarchy, leaf first. */
  cpuLevels: CgroupLevel[];
  /** Levels of the memory controller's hierarchy, leaf first. */
  memoryLevels: CgroupLevel[];
  /** Levels of the pids controller's hierarchy, leaf first. */
  pidsLevels: CgroupLevel[];
  /** Usage figures of the leaf (limits in `cpu`/`memory`/`pids` are left for `src/` to reduce from the levels). */
  cpu: Omit<CgroupCpu, "quota" | "period" | "limit">;
  /** Memory usage of the leaf. */
  memory: Omit<CgroupMemory, "max" | "high" | "swapMax">;
  /** Current pids of the leaf. */
  pidsCurrent: number | null;
  /** I/O per device. */
  io: Record<string, CgroupIoStat>;
}

/** Memory as a process in a container sees it. */
export interface ContainerMemory {
  /** The memory the process may use, bytes: the cgroup limit when tighter than the host's RAM, else MemTotal. */
  total: number;
  /** Memory still available to it, bytes: `total - used`, never more than the host's MemAvailable. */
  available: number;
  /** `(total - available) / total * 100`, one decimal. */
  percent: number;
  /** Used, bytes: memory.current minus inactive file pages (as `docker stats` computes it) inside a limited cgroup,
   * else `MemTotal - MemAvailable`. */
  used: number;
  /** The effective cgroup memory limit, bytes (`Infinity` when none). */
  limit: number;
  /** Whether the cgroup limit is what bounds `total`. */
  limited: boolean;
  /** The host's MemTotal, bytes. */
  hostTotal: number;
}

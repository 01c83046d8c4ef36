/**
 * Result records of `Process` methods: psutil's fields, in psutil's order, in camelCase.
 *
 * @module
 */

/** Process CPU times in seconds (psutil: `pcputimes`). */
export interface ProcessCpuTimes {
  /** User time, s. */
  user: number;
  /** System time, s. */
  system: number;
  /** User time of waited-for children, s (0 on Windows and macOS). */
  childrenUser: number;
  /** System time of waited-for children, s (0 on Windows and macOS). */
  childrenSystem: number;
  /** Time blocked on I/O (delay accounting), s. Linux. */
  iowait?: number;
}

/**
 * Process memory in bytes (psutil: `pmem`). Linux: rss, vms, shared, text, lib, data, dirty. Windows: rss, vms and
 * numPageFaults, peakWset, wset, peakPagedPool, pagedPool, peakNonpagedPool, nonpagedPool, pagefile, peakPagefile,
 * private. macOS: rss, vms, pfaults, pageins.
 */
export interface ProcessMemoryInfo {
  /** Resident set size, bytes. */
  rss: number;
  /** Virtual memory size, bytes. */
  vms: number;
  /** Resident shared (file-backed) memory, bytes. Linux. */
  shared?: number;
  /** Text (code) segment, bytes. Linux. */
  text?: number;
  /** Libraries (always 0 since Linux 2.6), bytes. Linux. */
  lib?: number;
  /** Data + stack, bytes. Linux. */
  data?: number;
  /** Dirty pages (always 0 since Linux 2.6), bytes. Linux. */
  dirty?: number;
  /** Page faults. Windows. */
  numPageFaults?: number;
  /** Peak working set, bytes. Windows. */
  peakWset?: number;
  /** Working set, bytes. Windows. */
  wset?: number;
  /** Peak paged pool, bytes. Windows. */
  peakPagedPool?: number;
  /** Paged pool, bytes. Windows. */
  pagedPool?: number;
  /** Peak non-paged pool, bytes. Windows. */
  peakNonpagedPool?: number;
  /** Non-paged pool, bytes. Windows. */
  nonpagedPool?: number;
  /** Pagefile (commit charge), bytes. Windows. */
  pagefile?: number;
  /** Peak pagefile, bytes. Windows. */
  peakPagefile?: number;
  /** Private bytes. Windows. */
  private?: number;
}

/** What `memoryInfoEx()` adds to `memoryInfo()` (psutil 8.0: `pmem_ex`), bytes. Linux fields; 0 when the kernel lacks a line. */
export interface ProcessMemoryInfoExtra {
  /** Peak resident set size (VmHWM), bytes. */
  peakRss?: number;
  /** Peak virtual memory size (VmPeak), bytes. */
  peakVms?: number;
  /** Resident anonymous memory (RssAnon, Linux 4.5+), bytes. */
  rssAnon?: number;
  /** Resident file mappings (RssFile), bytes. */
  rssFile?: number;
  /** Resident shared memory (RssShmem), bytes. */
  rssShmem?: number;
  /** Swapped out (VmSwap), bytes. */
  swap?: number;
  /** Hugetlb pages (HugetlbPages), bytes. */
  hugetlb?: number;
}

/** `memoryInfo()` plus the platform's extra figures (psutil 8.0: `pmem_ex`). */
export type ProcessMemoryInfoEx = ProcessMemoryInfo & ProcessMemoryInfoExtra;

/** `memoryInfo()` plus unique, proportional and swapped memory (psutil: `pfullmem`). */
export interface ProcessMemoryFullInfo extends ProcessMemoryInfo {
  /** Unique set size: memory freed if the process exits, bytes. */
  uss: number;
  /** Proportional set size, bytes. Linux. */
  pss?: number;
  /** Swapped out, bytes. Linux. */
  swap?: number;
}

/** Unique, proportional and swapped memory (psutil 8.0: `memory_footprint`). */
export interface ProcessMemoryFootprint {
  /** Unique set size, bytes. */
  uss: number;
  /** Proportional set size, bytes. Linux. */
  pss?: number;
  /** Swapped out, bytes. Linux. */
  swap?: number;
}

/** Real, effective and saved user or group ids (psutil: `puids` / `pgids`). */
export interface ProcessIds {
  /** Real id. */
  real: number;
  /** Effective id. */
  effective: number;
  /** Saved id. */
  saved: number;
}

/** I/O scheduling (psutil: `pionice`). */
export interface ProcessIoNice {
  /** `IOPRIO_CLASS_*` (Linux) or `IOPRIO_*` (Windows). */
  ioclass: number;
  /** Level within the class (Linux; 0 on Windows). */
  value: number;
}

/** Process I/O counters (psutil: `pio`). */
export interface ProcessIoCounters {
  /** Read syscalls (Linux: syscr). */
  readCount: number;
  /** Write syscalls. */
  writeCount: number;
  /** Bytes read from storage. */
  readBytes: number;
  /** Bytes written to storage. */
  writeBytes: number;
  /** Bytes passed to read syscalls (rchar). Linux. */
  readChars?: number;
  /** Bytes passed to write syscalls (wchar). Linux. */
  writeChars?: number;
  /** Other operations. Windows. */
  otherCount?: number;
  /** Bytes of other operations. Windows. */
  otherBytes?: number;
}

/** Context switches (psutil: `pctxsw`). */
export interface ProcessCtxSwitches {
  /** Voluntary switches. */
  voluntary: number;
  /** Involuntary switches. */
  involuntary: number;
}

/** One thread (psutil: `pthread`). */
export interface ProcessThread {
  /** Thread id. */
  id: number;
  /** User time, s. */
  userTime: number;
  /** System time, s. */
  systemTime: number;
}

/** Page faults (psutil 8.0: `page_faults`). */
export interface ProcessPageFaults {
  /** Minor faults (no disk I/O). */
  minor: number;
  /** Major faults (disk I/O). */
  major: number;
}

/** An open regular file (psutil: `popenfile`). */
export interface ProcessOpenFile {
  /** Absolute path. */
  path: string;
  /** File descriptor (-1 on Windows). */
  fd: number;
  /** File position. Linux. */
  position?: number;
  /** `"r"`, `"w"`, `"a"`, `"r+"`, `"a+"`. Linux. */
  mode?: string;
  /** `open()` flags. Linux. */
  flags?: number;
}

/** A memory mapping (psutil: `pmmap_grouped` / `pmmap_ext`), bytes. `addr`/`perms` only when not grouped. */
export interface ProcessMemoryMap {
  /** Address range `start-end` (ungrouped only). */
  addr?: string;
  /** Permissions such as `r-xp` (ungrouped only). */
  perms?: string;
  /** Mapped file or `[heap]`, `[stack]`, `[anon]`. */
  path: string;
  /** Resident, bytes. */
  rss: number;
  /** Size, bytes. Linux. */
  size?: number;
  /** Proportional, bytes. Linux. */
  pss?: number;
  /** Shared clean, bytes. Linux. */
  sharedClean?: number;
  /** Shared dirty, bytes. Linux. */
  sharedDirty?: number;
  /** Private clean, bytes. Linux. */
  privateClean?: number;
  /** Private dirty, bytes. Linux. */
  privateDirty?: number;
  /** Referenced, bytes. Linux. */
  referenced?: number;
  /** Anonymous, bytes. Linux. */
  anonymous?: number;
  /** Swapped, bytes. Linux. */
  swap?: number;
}

/**
 * Result records: plain objects with psutil's fields, in psutil's order, in camelCase.
 * Each says which psutil named tuple it mirrors and the unit of every field.
 *
 * @module
 */

/** `[1 min, 5 min, 15 min]` load averages (psutil: `getloadavg()` tuple). */
export type LoadAvg = [number, number, number];

/**
 * System CPU times in seconds (psutil: `scputimes`). `user`, `system`, `idle` exist everywhere; the rest only
 * where the platform reports them (Linux: nice … guestNice; Windows: interrupt, dpc; macOS: nice; FreeBSD: nice, irq).
 */
export interface CpuTimes {
  /** Time in user mode, s. */
  user: number;
  /** Time in user mode at low priority (niced), s. Linux, macOS, BSD. */
  nice?: number;
  /** Time in kernel mode, s. */
  system: number;
  /** Idle time, s. */
  idle: number;
  /** Time waiting for I/O, s. Linux. */
  iowait?: number;
  /** Time servicing hardware interrupts, s. Linux, BSD. */
  irq?: number;
  /** Time servicing software interrupts, s. Linux. */
  softirq?: number;
  /** Time stolen by other guests of the hypervisor, s. Linux. */
  steal?: number;
  /** Time running a guest OS, s. Linux. */
  guest?: number;
  /** Time running a niced guest, s. Linux. */
  guestNice?: number;
  /** Time servicing hardware interrupts, s. Windows. */
  interrupt?: number;
  /** Time servicing deferred procedure calls, s. Windows. */
  dpc?: number;
}

/** CPU statistics since boot (psutil: `scpustats`). Counts. */
export interface CpuStats {
  /** Context switches. */
  ctxSwitches: number;
  /** Interrupts. */
  interrupts: number;
  /** Software interrupts (0 on Windows and macOS). */
  softInterrupts: number;
  /** System calls (0 on Linux). */
  syscalls: number;
}

/** CPU frequency in MHz (psutil: `scpufreq`); `min`/`max` are 0 when unknown. */
export interface CpuFreq {
  /** Current frequency, MHz. */
  current: number;
  /** Minimum frequency, MHz. */
  min: number;
  /** Maximum frequency, MHz. */
  max: number;
}

/**
 * System memory in bytes (psutil: `svmem`). `total`, `available`, `percent`, `used`, `free` everywhere; the others
 * where the platform has them (Linux: all but wired; macOS: active, inactive, wired; BSD: also buffers, cached, shared).
 */
export interface VirtualMemory {
  /** Physical memory, bytes. */
  total: number;
  /** Memory available to processes without swapping, bytes. */
  available: number;
  /** `(total - available) / total * 100`. */
  percent: number;
  /** Memory used, bytes (platform formula; not `total - free`). */
  used: number;
  /** Memory not used at all, bytes. */
  free: number;
  /** Recently used memory, bytes. */
  active?: number;
  /** Memory not recently used, bytes. */
  inactive?: number;
  /** Buffer cache, bytes. Linux, BSD. */
  buffers?: number;
  /** Page cache, bytes. Linux, BSD. */
  cached?: number;
  /** Shared memory (tmpfs), bytes. Linux, BSD. */
  shared?: number;
  /** Kernel data structures cache, bytes. Linux. */
  slab?: number;
  /** Memory that is never swapped, bytes. macOS, BSD. */
  wired?: number;
}

/** Swap memory (psutil: `sswap`). */
export interface SwapMemory {
  /** Total swap, bytes. */
  total: number;
  /** Used swap, bytes. */
  used: number;
  /** Free swap, bytes. */
  free: number;
  /** `used / total * 100`. */
  percent: number;
  /** Bytes swapped in since boot (0 on Windows). */
  sin: number;
  /** Bytes swapped out since boot (0 on Windows). */
  sout: number;
}

/** A mounted partition (psutil: `sdiskpart`). */
export interface DiskPartition {
  /** Device path, e.g. `/dev/sda1` (empty for some pseudo filesystems). */
  device: string;
  /** Mount point. */
  mountpoint: string;
  /** Filesystem type, e.g. `ext4`. */
  fstype: string;
  /** Comma-separated mount options. */
  opts: string;
}

/** Disk usage of the filesystem holding a path (psutil: `sdiskusage`). */
export interface DiskUsage {
  /** Total bytes. */
  total: number;
  /** Used bytes. */
  used: number;
  /** Bytes free for unprivileged users. */
  free: number;
  /** `used / (used + free) * 100`, rounded to one decimal, as psutil. */
  percent: number;
}

/** Disk I/O counters (psutil: `sdiskio`). Times in milliseconds. */
export interface DiskIoCounters {
  /** Reads completed. */
  readCount: number;
  /** Writes completed. */
  writeCount: number;
  /** Bytes read. */
  readBytes: number;
  /** Bytes written. */
  writeBytes: number;
  /** Time spent reading, ms. */
  readTime: number;
  /** Time spent writing, ms. */
  writeTime: number;
  /** Merged reads. Linux. */
  readMergedCount?: number;
  /** Merged writes. Linux. */
  writeMergedCount?: number;
  /** Time spent doing I/O, ms. Linux, FreeBSD. */
  busyTime?: number;
}

/** Network I/O counters (psutil: `snetio`). */
export interface NetIoCounters {
  /** Bytes sent. */
  bytesSent: number;
  /** Bytes received. */
  bytesRecv: number;
  /** Packets sent. */
  packetsSent: number;
  /** Packets received. */
  packetsRecv: number;
  /** Receive errors. */
  errin: number;
  /** Send errors. */
  errout: number;
  /** Incoming packets dropped. */
  dropin: number;
  /** Outgoing packets dropped. */
  dropout: number;
}

/** A socket address (psutil: `addr`). */
export interface Address {
  /** IP address, or a path for AF_UNIX. */
  ip: string;
  /** Port (0 for AF_UNIX). */
  port: number;
}

/** A socket connection (psutil: `sconn`; `pconn` omits `pid`). */
export interface NetConnection {
  /** File descriptor (-1 when unknown). */
  fd: number;
  /** Address family: `AF_INET` (2), `AF_INET6` (10 on Linux), `AF_UNIX` (1). */
  family: number;
  /** Socket type: `SOCK_STREAM` (1), `SOCK_DGRAM` (2), `SOCK_SEQPACKET` (5). */
  type: number;
  /** Local address; for AF_UNIX a path string. */
  laddr: Address | string | null;
  /** Remote address; `null` (psutil: `()`) when unconnected. */
  raddr: Address | string | null;
  /** A `CONN_*` status, `"NONE"` for UDP/UNIX. */
  status: string;
  /** Owning pid, `null` when unknown. */
  pid: number | null;
}

/** One address of a NIC (psutil: `snicaddr`). */
export interface NicAddress {
  /** `AF_INET`, `AF_INET6` or `AF_LINK` (-1 in psutil; 17 = AF_PACKET on Linux). */
  family: number;
  /** The address (MAC for AF_LINK). */
  address: string;
  /** Netmask, or `null`. */
  netmask: string | null;
  /** Broadcast address, or `null`. */
  broadcast: string | null;
  /** Point-to-point destination, or `null`. */
  ptp: string | null;
}

/** NIC state (psutil: `snicstats`). */
export interface NicStats {
  /** Whether the NIC is up. */
  isup: boolean;
  /** `NIC_DUPLEX_FULL` (2), `NIC_DUPLEX_HALF` (1) or `NIC_DUPLEX_UNKNOWN` (0). */
  duplex: number;
  /** Speed in Mbit/s, 0 when unknown. */
  speed: number;
  /** MTU, bytes. */
  mtu: number;
  /** Comma-separated flags (`up,broadcast,running,multicast`). */
  flags: string;
}

/** A temperature sensor (psutil: `shwtemp`), °C (°F with `fahrenheit`). */
export interface Temperature {
  /** Sensor label, may be empty. */
  label: string;
  /** Current temperature. */
  current: number;
  /** High threshold, or `null`. */
  high: number | null;
  /** Critical threshold, or `null`. */
  critical: number | null;
}

/** A fan (psutil: `sfan`). */
export interface Fan {
  /** Fan label. */
  label: string;
  /** Speed, RPM. */
  current: number;
}

/** Battery status (psutil: `sbattery`). */
export interface Battery {
  /** Charge percentage. */
  percent: number;
  /** Seconds left, or `POWER_TIME_UNLIMITED` / `POWER_TIME_UNKNOWN`. */
  secsleft: number;
  /** Whether AC power is connected, `null` when unknown. */
  powerPlugged: boolean | null;
}

/** A logged-in user (psutil: `suser`). */
export interface User {
  /** User name. */
  name: string;
  /** Terminal, or `null`. */
  terminal: string | null;
  /** Remote host, or `null`. */
  host: string | null;
  /** Login time, seconds since the epoch. */
  started: number;
  /** Login process pid, or `null`. */
  pid: number | null;
}

/** Statistics of the C heap allocator of this process (psutil 7.1: `pheap`), bytes. */
export interface HeapInfo {
  /** Bytes in use in blocks from the main heap and arenas (glibc: `uordblks`). */
  heapUsed: number;
  /** Bytes in use in blocks mapped with mmap (glibc: `hblkhd`). */
  mmapUsed: number;
}

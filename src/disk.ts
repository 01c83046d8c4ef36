/**
 * Disks: partitions, usage and I/O counters.
 *
 * @module
 */
import { need } from "./_backend.ts";
import { checkPath } from "./_validate.ts";
import { wrapCacheClear, wrapNumbers } from "./_wrap_numbers.ts";
import type { DiskIoCounters, DiskPartition, DiskUsage } from "./types.ts";

/**
 * Usage of the filesystem holding `path` (psutil: `disk_usage`). `percent` is `used / (used + free)`, rounded to
 * one decimal, so it matches `df` rather than `used / total`.
 *
 * Availability: Linux.
 *
 * @tags allow-ffi
 * @param path Any path on the filesystem.
 * @throws {SystemCallError} naming the path when it does not exist (`ENOENT`) or cannot be read.
 * @example
 * ```ts
 * import { diskUsage } from "../mod.ts";
 * const u = diskUsage("/");
 * if (!(u.total > 0 && u.percent >= 0 && u.percent <= 100)) throw new Error();
 * ```
 */
export function diskUsage(path: string): DiskUsage {
  return need("diskUsage")(checkPath(path));
}

/** Options for {@linkcode diskPartitions}. */
export interface DiskPartitionsOptions {
  /** `false` (default): physical devices only; `true`: every mount, pseudo filesystems included. */
  all?: boolean;
}

/**
 * Mounted partitions (psutil: `disk_partitions`), with psutil 6's fields: `device`, `mountpoint`, `fstype`,
 * `opts`. By default only physical devices: on Linux, mounts whose device is not empty and whose filesystem type
 * `/proc/filesystems` lists without `nodev` (zfs included). A device `none` is reported as `""`; `/dev/root` and
 * `rootfs` are resolved to the real device of `/` where it can be found. Escaped characters in the mount table
 * (`\040` for a space) are decoded.
 *
 * Availability: Linux.
 *
 * @tags allow-ffi
 * @param options `all` keeps every mount.
 * @example
 * ```ts
 * import { diskPartitions } from "../mod.ts";
 * const all = diskPartitions({ all: true });
 * if (!all.some((p) => p.mountpoint === "/")) throw new Error();
 * ```
 */
export function diskPartitions(options: DiskPartitionsOptions = {}): DiskPartition[] {
  const all = options.all ?? false;
  if (typeof all !== "boolean") throw new TypeError("all must be a boolean");
  return need("diskPartitions")(all);
}

/** Options for {@linkcode diskIoCounters}. */
export interface DiskIoCountersOptions {
  /** `true`: an object of counters per disk; `false` (default): one sum over the whole disks. */
  perdisk?: boolean;
  /** `true` (default): counters that wrap around (restart from 0) keep growing; see `diskIoCounters.cacheClear()`. */
  nowrap?: boolean;
}

const DISK_FIELDS = [
  "readCount",
  "writeCount",
  "readBytes",
  "writeBytes",
  "readTime",
  "writeTime",
  "readMergedCount",
  "writeMergedCount",
  "busyTime",
] as const satisfies readonly (keyof DiskIoCounters)[];

const DISK_WRAP_KEY = "diskIoCounters";

function diskFields(raw: Map<string, DiskIoCounters>): (keyof DiskIoCounters)[] {
  const first = raw.values().next().value as DiskIoCounters;
  return DISK_FIELDS.filter((f) => first[f] !== undefined);
}

function toRecord(fields: readonly (keyof DiskIoCounters)[], values: readonly number[]): DiskIoCounters {
  if (fields.length === DISK_FIELDS.length) {
    // Every field (Linux): a literal keeps one object shape, which engines build and read fastest.
    return {
      readCount: values[0],
      writeCount: values[1],
      readBytes: values[2],
      writeBytes: values[3],
      readTime: values[4],
      writeTime: values[5],
      readMergedCount: values[6],
      writeMergedCount: values[7],
      busyTime: values[8],
    };
  }
  const out: Partial<Record<keyof DiskIoCounters, number>> = {};
  for (let i = 0; i < fields.length; i++) out[fields[i]] = values[i];
  return out as DiskIoCounters;
}

/** The signature of {@linkcode diskIoCounters}: overloads plus the `cacheClear()` property. */
export interface DiskIoCountersFn {
  /** Counters summed over the whole disks, or `null` when the system has no disk. */
  (options?: DiskIoCountersOptions & { perdisk?: false }): DiskIoCounters | null;
  /** Counters per disk name (partitions included), `{}` when the system has no disk. */
  (options: DiskIoCountersOptions & { perdisk: true }): Record<string, DiskIoCounters>;
  /** Either form, chosen at run time. */
  (options?: DiskIoCountersOptions): DiskIoCounters | Record<string, DiskIoCounters> | null;
  /** Forgets the wrap-around history (psutil: `disk_io_counters.cache_clear()`). */
  cacheClear(): void;
}

/**
 * Disk I/O statistics since boot (psutil: `disk_io_counters`): reads and writes completed, bytes, time spent in
 * ms, and on Linux merged reads/writes and busy time. Summed over whole disks (never partitions, so nothing is
 * counted twice) unless `perdisk`, which returns every device and partition by name.
 *
 * On Linux the byte counts are the kernel's sector counts × 512: `/proc/diskstats` counts in fixed 512-byte
 * units (`bio bytes >> 9`, Documentation/admin-guide/iostats.rst), not in the device's logical sector size, so
 * `/sys/block/<dev>/queue/hw_sector_size` must not be used (it would overstate 4Kn disks 8×). psutil also uses 512.
 *
 * With `nowrap` (default), a counter that went down since the previous call (a 32-bit kernel counter that
 * overflowed) has the previous value added, so results never decrease; `diskIoCounters.cacheClear()` resets this.
 *
 * Availability: Linux.
 *
 * @tags allow-ffi
 * @param options `perdisk`, `nowrap`.
 * @example
 * ```ts
 * import { diskIoCounters } from "../mod.ts";
 * const perDisk = diskIoCounters({ perdisk: true });
 * for (const c of Object.values(perDisk)) if (c.readBytes < 0) throw new Error();
 * ```
 */
export const diskIoCounters: DiskIoCountersFn = Object.assign(
  function diskIoCounters(
    options: DiskIoCountersOptions = {},
  ): DiskIoCounters | Record<string, DiskIoCounters> | null {
    const perdisk = options.perdisk ?? false;
    const nowrap = options.nowrap ?? true;
    if (typeof perdisk !== "boolean") throw new TypeError("perdisk must be a boolean");
    if (typeof nowrap !== "boolean") throw new TypeError("nowrap must be a boolean");
    const raw = need("diskIoCounters")(perdisk);
    if (raw.size === 0) return perdisk ? {} : null;
    const fields = diskFields(raw);
    let values = new Map<string, readonly number[]>();
    for (const [name, c] of raw) {
      const v = new Array<number>(fields.length);
      for (let i = 0; i < fields.length; i++) v[i] = c[fields[i]] as number;
      values.set(name, v);
    }
    if (nowrap) values = wrapNumbers(values, DISK_WRAP_KEY);
    if (perdisk) {
      const out: Record<string, DiskIoCounters> = {};
      for (const [name, v] of values) out[name] = toRecord(fields, v);
      return out;
    }
    const sum = new Array<number>(fields.length).fill(0);
    for (const v of values.values()) for (let i = 0; i < sum.length; i++) sum[i] += v[i];
    return toRecord(fields, sum);
  },
  {
    cacheClear(): void {
      wrapCacheClear(DISK_WRAP_KEY);
    },
  },
) as DiskIoCountersFn;

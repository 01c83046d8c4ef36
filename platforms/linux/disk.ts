/**
 * Linux disks: usage through libc `statvfs`; partitions and I/O counters from their own modules.
 *
 * @module
 */
import * as fs from "node:fs";
import type { DiskIoCounters, DiskPartition, DiskUsage } from "../../src/types.ts";
import type { PlatformBackend } from "../backend.ts";
import type { LinuxContext } from "./context.ts";
import { adapter } from "../../ffi/mod.ts";
import { cstr } from "../../ffi/cstring.ts";
import { offsetOf, sizeOf } from "../../ffi/struct.ts";
import { SystemCallError } from "../../ffi/errors.ts";
import { lastError, libcIo } from "./libc.ts";
import { statvfs } from "./structs.ts";
import { diskPartitions } from "./disk_partitions.ts";
import { diskIoCounters } from "./disk_io.ts";

const STATVFS_SIZE = sizeOf(statvfs, "lp64");
const F_FRSIZE = offsetOf(statvfs, "f_frsize", "lp64");
const F_BLOCKS = offsetOf(statvfs, "f_blocks", "lp64");
const F_BFREE = offsetOf(statvfs, "f_bfree", "lp64");
const F_BAVAIL = offsetOf(statvfs, "f_bavail", "lp64");
// Reused across calls: the path (PATH_MAX bytes) and the struct libc fills.
const encoder = new TextEncoder();
const pathBuf = new Uint8Array(4096);
const statBuf = new Uint8Array(new ArrayBuffer(STATVFS_SIZE));
const statView = new DataView(statBuf.buffer);

/** Raw statvfs figures in bytes. */
export interface RawUsage {
  total: number;
  availToRoot: number;
  availToUser: number;
}

/** Applies psutil's `disk_usage` formulas to raw statvfs figures. */
export function usageFromRaw(raw: RawUsage): DiskUsage {
  const used = raw.total - raw.availToRoot;
  const totalUser = used + raw.availToUser;
  const percent = totalUser === 0 ? 0 : Math.round((used / totalUser) * 1000) / 10;
  return { total: raw.total, used, free: raw.availToUser, percent };
}

function statvfsRaw(path: string): RawUsage {
  if (adapter() === null) {
    try {
      const s = fs.statfsSync(path);
      return { total: s.blocks * s.bsize, availToRoot: s.bfree * s.bsize, availToUser: s.bavail * s.bsize };
    } catch (e) {
      const err = e as { code?: string; errno?: number };
      throw new SystemCallError("statvfs", Math.abs(err.errno ?? 0), err.code ?? "EIO", path);
    }
  }
  const { written } = encoder.encodeInto(path, pathBuf.subarray(0, pathBuf.length - 1));
  if (written >= pathBuf.length - 1 || path.includes("\0")) {
    // Longer than PATH_MAX or with a NUL: the kernel answers for it (ENAMETOOLONG) via a fresh buffer.
    if (libcIo().statvfs(cstr(path), statBuf) !== 0) throw lastError("statvfs", path);
  } else {
    pathBuf[written] = 0;
    if (libcIo().statvfs(pathBuf, statBuf) !== 0) throw lastError("statvfs", path);
  }
  const frsize = Number(statView.getBigUint64(F_FRSIZE, true));
  return {
    total: Number(statView.getBigUint64(F_BLOCKS, true)) * frsize,
    availToRoot: Number(statView.getBigUint64(F_BFREE, true)) * frsize,
    availToUser: Number(statView.getBigUint64(F_BAVAIL, true)) * frsize,
  };
}

/** The disk members of the Linux backend. */
export function linuxDisk(ctx: LinuxContext): Pick<PlatformBackend, "diskUsage" | "diskPartitions" | "diskIoCounters"> {
  return {
    diskUsage(path: string): DiskUsage {
      return usageFromRaw(statvfsRaw(path));
    },
    diskPartitions(all: boolean): DiskPartition[] {
      return diskPartitions(ctx, all);
    },
    diskIoCounters(perdisk: boolean): Map<string, DiskIoCounters> {
      return diskIoCounters(ctx, perdisk);
    },
  };
}

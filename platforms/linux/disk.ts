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
import { decode, sizeOf } from "../../ffi/struct.ts";
import { SystemCallError } from "../../ffi/errors.ts";
import { lastError, libcIo } from "./libc.ts";
import { statvfs } from "./structs.ts";
import { diskPartitions } from "./disk_partitions.ts";
import { diskIoCounters } from "./disk_io.ts";

const STATVFS_SIZE = sizeOf(statvfs, "lp64");

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
  const buf = new Uint8Array(STATVFS_SIZE);
  if (libcIo().statvfs(cstr(path), buf) !== 0) throw lastError("statvfs", path);
  const st = decode(statvfs, new DataView(buf.buffer), 0, "lp64");
  return {
    total: st.f_blocks * st.f_frsize,
    availToRoot: st.f_bfree * st.f_frsize,
    availToUser: st.f_bavail * st.f_frsize,
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

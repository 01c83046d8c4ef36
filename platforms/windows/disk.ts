/**
 * Windows disks: drive letters (GetLogicalDriveStringsW), usage (GetDiskFreeSpaceExW) and per-physical-drive
 * counters (IOCTL_DISK_PERFORMANCE on `\\.\PhysicalDriveN`).
 *
 * @module
 */
import { decode, sizeOf } from "../../ffi/struct.ts";
import { wstr } from "../../ffi/cstring.ts";
import type { DiskIoCounters, DiskPartition, DiskUsage } from "../../src/types.ts";
import type { PlatformBackend } from "../backend.ts";
import { DISK_PERFORMANCE } from "./structs.ts";
import {
  alloc,
  ERROR_INSUFFICIENT_BUFFER,
  ERROR_INVALID_FUNCTION,
  ERROR_NOT_SUPPORTED,
  getLastError,
  kernel32,
  lastError,
  viewOf,
  wideFrom,
  winError,
} from "./_win32.ts";

/** `GetDriveType` results. */
const DRIVE_TYPES: Readonly<Record<number, string>> = Object.freeze({
  0: "unknown",
  1: "unmounted",
  2: "removable",
  3: "fixed",
  4: "remote",
  5: "cdrom",
  6: "ramdisk",
});
const DRIVE_UNKNOWN = 0;
const DRIVE_NO_ROOT_DIR = 1;
const DRIVE_REMOVABLE = 2;
const DRIVE_REMOTE = 4;
const DRIVE_RAMDISK = 6;
/** `FILE_READ_ONLY_VOLUME`. */
const FILE_READ_ONLY_VOLUME = 0x00080000;
/** `FILE_SUPPORTS_REPARSE_POINTS`: only such volumes can have other volumes mounted on their folders. */
const FILE_SUPPORTS_REPARSE_POINTS = 0x00000080;
/** `MAX_PATH`. */
const MAX_PATH = 260;
/** `FILE_VOLUME_IS_COMPRESSED`. */
const FILE_VOLUME_IS_COMPRESSED = 0x00008000;
/** `SEM_FAILCRITICALERRORS`: no "insert a disk" dialog for empty drives. */
const SEM_FAILCRITICALERRORS = 0x0001;
/** `IOCTL_DISK_PERFORMANCE`. */
const IOCTL_DISK_PERFORMANCE = 0x00070020;
const FILE_SHARE_READ = 1;
const FILE_SHARE_WRITE = 2;
const OPEN_EXISTING = 3;
const INVALID_HANDLE_VALUE = -1;

/** Splits a `GetLogicalDriveStringsW` double-NUL list (`C:\`, `D:\`). */
export function splitMultiString(units: Uint16Array, count: number): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < count; i++) {
    if (units[i] === 0) {
      if (i > start) out.push(wideFrom(units.subarray(start, i)));
      start = i + 1;
    }
  }
  if (start < count) out.push(wideFrom(units.subarray(start, count)));
  return out;
}

/** psutil's `opts` for a volume's flags: rw/ro, compressed, readonly (empty when the volume could not be read). */
export function volumeOpts(flags: number | null): string[] {
  const parts: string[] = [];
  if (flags !== null) {
    parts.push(flags & FILE_READ_ONLY_VOLUME ? "ro" : "rw");
    if (flags & FILE_VOLUME_IS_COMPRESSED) parts.push("compressed");
    if (flags & FILE_READ_ONLY_VOLUME) parts.push("readonly");
  }
  return parts;
}

/** psutil's `opts` for a drive: its volume's flags, then the drive type. */
export function driveOpts(flags: number | null, type: number): string {
  return [...volumeOpts(flags), DRIVE_TYPES[type] ?? "?"].join(",");
}

/**
 * The folders under drive `root` that other volumes are mounted on (FindFirstVolumeMountPointW), each as `root` +
 * the relative path with its trailing backslash (`C:\mnt\data\`), as psutil lists them. None when the drive
 * has none, or when listing them is refused (it takes administrator rights on some Windows versions).
 */
export function mountPointsUnder(root: string): string[] {
  const k = kernel32();
  const buf = new Uint16Array(MAX_PATH + 1);
  const h = k.FindFirstVolumeMountPointW(wstr(root), buf, buf.length);
  if (h === INVALID_HANDLE_VALUE || h === 0) return [];
  const out: string[] = [];
  try {
    do out.push(root + wideFrom(buf)); while (k.FindNextVolumeMountPointW(h, buf, buf.length));
  } finally {
    k.FindVolumeMountPointClose(h);
  }
  return out;
}

/**
 * psutil's entries for one drive: first one per volume mounted on one of its folders (device: the drive; the
 * drive's file system and flags, without the drive type), then the drive itself. psutil 5.9 lists the mount points
 * of the first drive that has any only (its loop flag is never reset); here every drive's are listed.
 */
export function drivePartitions(
  drive: string,
  type: number,
  fstype: string,
  flags: number | null,
  mountPoints: readonly string[],
): DiskPartition[] {
  const opts = volumeOpts(flags).join(",");
  return [
    ...mountPoints.map((mountpoint) => ({ device: drive, mountpoint, fstype, opts })),
    { device: drive, mountpoint: drive, fstype, opts: driveOpts(flags, type) },
  ];
}

/** The disk members of the Windows backend. */
export function windowsDisk(): Pick<PlatformBackend, "diskPartitions" | "diskUsage" | "diskIoCounters"> {
  return {
    diskPartitions(all: boolean): DiskPartition[] {
      const k = kernel32();
      const units = new Uint16Array(512);
      const n = k.GetLogicalDriveStringsW(units.length - 1, units);
      if (n === 0) throw lastError("GetLogicalDriveStringsW");
      const old = k.SetErrorMode(SEM_FAILCRITICALERRORS);
      try {
        const out: DiskPartition[] = [];
        for (const drive of splitMultiString(units, Math.min(n, units.length))) {
          const root = wstr(drive);
          const type = k.GetDriveTypeW(root);
          if (!all) {
            if ([DRIVE_UNKNOWN, DRIVE_NO_ROOT_DIR, DRIVE_REMOTE, DRIVE_RAMDISK].includes(type)) continue;
            if (type === DRIVE_REMOVABLE && drive === "A:\\") continue;
          }
          const fsName = new Uint16Array(261);
          const flags = new Uint32Array(1);
          const maxComp = new Uint32Array(1);
          const ok = k.GetVolumeInformationW(root, null, 0, null, maxComp, flags, fsName, fsName.length);
          const volFlags = ok ? flags[0] : null;
          const mounted = volFlags !== null && volFlags & FILE_SUPPORTS_REPARSE_POINTS ? mountPointsUnder(drive) : [];
          out.push(...drivePartitions(drive, type, ok ? wideFrom(fsName) : "", volFlags, mounted));
        }
        return out;
      } finally {
        k.SetErrorMode(old);
      }
    },
    diskUsage(path: string): DiskUsage {
      const avail = new BigUint64Array(1);
      const total = new BigUint64Array(1);
      const free = new BigUint64Array(1);
      if (!kernel32().GetDiskFreeSpaceExW(wstr(path), avail, total, free)) {
        throw lastError("GetDiskFreeSpaceExW", path);
      }
      const t = Number(total[0]);
      const f = Number(free[0]);
      const used = t - f;
      return { total: t, used, free: f, percent: t > 0 ? Math.round((used / t) * 1000) / 10 : 0 };
    },
    diskIoCounters(): Map<string, DiskIoCounters> {
      const k = kernel32();
      const out = new Map<string, DiskIoCounters>();
      const size = sizeOf(DISK_PERFORMANCE, "llp64");
      for (let n = 0; n <= 32; n++) {
        const h = k.CreateFileW(
          wstr(`\\\\.\\PhysicalDrive${n}`),
          0,
          FILE_SHARE_READ | FILE_SHARE_WRITE,
          null,
          OPEN_EXISTING,
          0,
          0,
        );
        if (h === INVALID_HANDLE_VALUE || h === 0) continue; // no such drive
        try {
          let buf = alloc(size);
          const returned = new Uint32Array(1);
          let ok = false;
          for (let i = 0; i < 8 && !ok; i++) {
            ok = k.DeviceIoControl(h, IOCTL_DISK_PERFORMANCE, null, 0, buf, buf.byteLength, returned, null) !== 0;
            if (ok) break;
            const err = getLastError();
            if (err === ERROR_INSUFFICIENT_BUFFER) {
              buf = alloc(buf.byteLength * 2);
              continue;
            }
            // Drives without performance counters (psutil skips them too).
            if (err === ERROR_INVALID_FUNCTION || err === ERROR_NOT_SUPPORTED) break;
            throw winError("DeviceIoControl(IOCTL_DISK_PERFORMANCE)", err, `PhysicalDrive${n}`);
          }
          if (!ok) continue;
          const d = decode(DISK_PERFORMANCE, viewOf(buf), 0, "llp64");
          out.set(`PhysicalDrive${n}`, {
            readCount: d.ReadCount,
            writeCount: d.WriteCount,
            readBytes: d.BytesRead,
            writeBytes: d.BytesWritten,
            readTime: Math.floor(d.ReadTime / 10000), // 100 ns units -> ms
            writeTime: Math.floor(d.WriteTime / 10000),
          });
        } finally {
          k.CloseHandle(h);
        }
      }
      return out;
    },
  };
}

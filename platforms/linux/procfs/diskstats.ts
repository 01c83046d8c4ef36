/**
 * Parser for `/proc/diskstats` (and the per-device `/sys/block/<dev>/stat` files), every layout psutil handles.
 *
 * Layouts, by the number of whitespace-separated fields on a line (Documentation/admin-guide/iostats.rst):
 * - 15: Linux 2.4 (`major minor #blocks name reads merged sectors ms writes merged sectors ms inflight io_ms weighted`)
 * - 14: Linux 2.6+, a disk (`major minor name` then 11 counters)
 * - 7: Linux 2.6.0–2.6.24, a partition (`major minor name reads sectors writes sectors`)
 * - 18: 4.18+ adds 4 discard fields; 20: 5.5+ adds 2 flush fields (only the first 11 counters are used)
 *
 * Sector counts are in 512-byte units whatever the device's logical sector size: the block layer counts
 * `bio bytes >> 9` (block/genhd.c prints `sectors[]` which `blk_account_io_done` fills with `bio_sectors()`).
 *
 * @module
 */
import { MalformedFileError } from "./_parse.ts";

/** The kernel's diskstats sector unit, bytes (fixed: `SECTOR_SHIFT` is 9). */
export const DISKSTATS_SECTOR_SIZE = 512;

/** One device's raw counters, sectors already converted to bytes. Times in ms. */
export interface DiskstatsEntry {
  name: string;
  readCount: number;
  writeCount: number;
  readBytes: number;
  writeBytes: number;
  readTime: number;
  writeTime: number;
  readMergedCount: number;
  writeMergedCount: number;
  busyTime: number;
}

function int(s: string, path: string, line: string): number {
  // Counters are unsigned decimal integers; anything else is a malformed file.
  if (!/^\d+$/.test(s)) throw new MalformedFileError(path, `not a counter ("${s}") in line "${line.trim()}"`);
  return Number(s);
}

/** Parses one diskstats line's fields (already split), or throws `MalformedFileError` for an unknown layout. */
export function parseDiskstatsFields(f: string[], path: string, line: string): DiskstatsEntry {
  const n = f.length;
  const c = (i: number): number => int(f[i], path, line);
  if (n === 15) {
    // Linux 2.4: major minor #blocks name ...
    return {
      name: f[3],
      readCount: c(4),
      readMergedCount: c(5),
      readBytes: c(6) * DISKSTATS_SECTOR_SIZE,
      readTime: c(7),
      writeCount: c(8),
      writeMergedCount: c(9),
      writeBytes: c(10) * DISKSTATS_SECTOR_SIZE,
      writeTime: c(11),
      busyTime: c(13),
    };
  }
  if (n === 14 || n >= 18) {
    return {
      name: f[2],
      readCount: c(3),
      readMergedCount: c(4),
      readBytes: c(5) * DISKSTATS_SECTOR_SIZE,
      readTime: c(6),
      writeCount: c(7),
      writeMergedCount: c(8),
      writeBytes: c(9) * DISKSTATS_SECTOR_SIZE,
      writeTime: c(10),
      busyTime: c(12),
    };
  }
  if (n === 7) {
    // Linux 2.6 partition line: reads, sectors read, writes, sectors written.
    return {
      name: f[2],
      readCount: c(3),
      readBytes: c(4) * DISKSTATS_SECTOR_SIZE,
      writeCount: c(5),
      writeBytes: c(6) * DISKSTATS_SECTOR_SIZE,
      readTime: 0,
      writeTime: 0,
      readMergedCount: 0,
      writeMergedCount: 0,
      busyTime: 0,
    };
  }
  throw new MalformedFileError(path, `${n} fields, not a known diskstats layout, in line "${line.trim()}"`);
}

/** Parses the text of /proc/diskstats into entries in file order (blank lines skipped). */
export function parseDiskstats(s: string, path: string): DiskstatsEntry[] {
  const out: DiskstatsEntry[] = [];
  for (const line of s.split("\n")) {
    const f = line.split(/\s+/).filter((x) => x !== "");
    if (f.length === 0) continue;
    out.push(parseDiskstatsFields(f, path, line));
  }
  return out;
}

/** Parses a sysfs `stat` file (11, 15 or 17 counters; the first 10 are used) for device `name`. */
export function parseBlockStat(s: string, name: string, path: string): DiskstatsEntry {
  const f = s.split(/\s+/).filter((x) => x !== "");
  if (f.length < 10) throw new MalformedFileError(path, `${f.length} fields, expected at least 10`);
  const c = (i: number): number => int(f[i], path, s);
  return {
    name,
    readCount: c(0),
    readMergedCount: c(1),
    readBytes: c(2) * DISKSTATS_SECTOR_SIZE,
    readTime: c(3),
    writeCount: c(4),
    writeMergedCount: c(5),
    writeBytes: c(6) * DISKSTATS_SECTOR_SIZE,
    writeTime: c(7),
    busyTime: c(9),
  };
}

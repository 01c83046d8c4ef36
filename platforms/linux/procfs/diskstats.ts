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

const decoder = new TextDecoder();
const encoder = new TextEncoder();
const starts = new Int32Array(32);
const ends = new Int32Array(32);

/**
 * Parses /proc/diskstats (bytes, or text) into entries in file order, blank lines skipped. Works on bytes: only
 * the device names are decoded.
 */
export function parseDiskstats(input: Uint8Array | string, path: string): DiskstatsEntry[] {
  const b = typeof input === "string" ? encoder.encode(input) : input;
  const out: DiskstatsEntry[] = [];
  let pos = 0;
  while (pos < b.length) {
    let eol = b.indexOf(10, pos);
    if (eol < 0) eol = b.length;
    let n = 0;
    for (let i = pos; i < eol;) {
      while (i < eol && (b[i] === 32 || b[i] === 9)) i++;
      if (i >= eol) break;
      if (n < 32) starts[n] = i;
      while (i < eol && b[i] !== 32 && b[i] !== 9) i++;
      if (n < 32) ends[n] = i;
      n++;
    }
    if (n > 0) {
      const line = (): string => decoder.decode(b.subarray(pos, eol));
      const nameAt = n === 15 ? 3 : 2;
      if (n !== 15 && n !== 14 && n !== 7 && n < 18) {
        throw new MalformedFileError(path, `${n} fields, not a known diskstats layout, in line "${line().trim()}"`);
      }
      const c = (k: number): number => {
        let v = 0;
        for (let i = starts[k]; i < ends[k]; i++) {
          const d = b[i] - 48;
          if (d < 0 || d > 9) {
            throw new MalformedFileError(path, `not a counter in line "${line().trim()}"`);
          }
          v = v * 10 + d;
        }
        return v;
      };
      const name = decoder.decode(b.subarray(starts[nameAt], ends[nameAt]));
      if (n === 7) {
        out.push({
          name,
          readCount: c(3),
          readBytes: c(4) * DISKSTATS_SECTOR_SIZE,
          writeCount: c(5),
          writeBytes: c(6) * DISKSTATS_SECTOR_SIZE,
          readTime: 0,
          writeTime: 0,
          readMergedCount: 0,
          writeMergedCount: 0,
          busyTime: 0,
        });
      } else {
        const k = nameAt + 1; // first counter
        out.push({
          name,
          readCount: c(k),
          readMergedCount: c(k + 1),
          readBytes: c(k + 2) * DISKSTATS_SECTOR_SIZE,
          readTime: c(k + 3),
          writeCount: c(k + 4),
          writeMergedCount: c(k + 5),
          writeBytes: c(k + 6) * DISKSTATS_SECTOR_SIZE,
          writeTime: c(k + 7),
          busyTime: c(k + 9),
        });
      }
    }
    pos = eol + 1;
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

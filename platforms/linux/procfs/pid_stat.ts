/**
 * Parser for `/proc/<pid>/stat` (and `/proc/<pid>/task/<tid>/stat`), byte by byte: no string is built but the
 * name. The name sits between the first `(` and the LAST `)` (it may itself hold spaces and parentheses), as
 * psutil reads it; the fields after it are counted from the state letter (index 0), as psutil does.
 *
 * @module
 */
import { MalformedFileError } from "./_parse.ts";

const decoder = new TextDecoder();

/** The fields of `/proc/<pid>/stat` that tsutil uses; times are in clock ticks, as the kernel writes them. */
export interface PidStat {
  /** `comm`: the name, at most 15 bytes (decoded with replacement). */
  name: string;
  /** State letter: `R`, `S`, `D`, `Z`, `T`, `t`, `X`, `x`, `K`, `W`, `P`, `I`. */
  state: string;
  /** Parent pid. */
  ppid: number;
  /** Controlling terminal device number (0: none). */
  ttyNr: number;
  /** The kernel's `PF_*` task flags (`PF_KTHREAD` = 0x00200000 marks a kernel thread). */
  flags: number;
  /** Minor faults. */
  minflt: number;
  /** Major faults. */
  majflt: number;
  /** User time, ticks. */
  utime: number;
  /** System time, ticks. */
  stime: number;
  /** Waited-for children's user time, ticks. */
  cutime: number;
  /** Waited-for children's system time, ticks. */
  cstime: number;
  /** Nice value. */
  nice: number;
  /** Threads. */
  numThreads: number;
  /** Start time after boot, ticks. */
  starttime: number;
  /** Virtual memory size, bytes. */
  vsize: number;
  /** Resident pages. */
  rss: number;
  /** CPU last run on. */
  processor: number;
  /** Aggregated block I/O delay, ticks (0 when the kernel lacks the field). */
  blkioTicks: number;
}

// Indexes of the fields after ")", counting the state letter as 0 (man proc's number minus 3).
const F_PPID = 1;
const F_TTY = 4;
const F_FLAGS = 6;
const F_MINFLT = 7;
const F_MAJFLT = 9;
const F_UTIME = 11;
const F_STIME = 12;
const F_CUTIME = 13;
const F_CSTIME = 14;
const F_NICE = 16;
const F_THREADS = 17;
const F_START = 19;
const F_VSIZE = 20;
const F_RSS = 21;
const F_CPU = 36;
const F_BLKIO = 39;
const LAST_NEEDED = F_CPU;

/**
 * Parses the bytes of a stat file. Throws `MalformedFileError` naming `path` when the name's parentheses or the
 * fields up to `processor` are missing (a truncated file).
 *
 * @example
 * ```ts
 * import { parsePidStat } from "./pid_stat.ts";
 * const s = parsePidStat(new TextEncoder().encode("7 (a) b) S 1 7 7 0 -1 0 0 0 0 0 3 4 0 0 20 0 1 0 99 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1 0 0 0 0"), "stat");
 * if (s.name !== "a) b" || s.utime !== 3 || s.starttime !== 99 || s.processor !== 1) throw new Error();
 * ```
 */
export function parsePidStat(b: Uint8Array, path: string): PidStat {
  const n = b.length;
  let open = -1;
  for (let i = 0; i < n; i++) {
    if (b[i] === 40) {
      open = i;
      break;
    }
  }
  let close = -1;
  for (let i = n - 1; i > open; i--) {
    if (b[i] === 41) {
      close = i;
      break;
    }
  }
  if (open < 0 || close < 0) throw new MalformedFileError(path, "no (name) field");
  const name = decoder.decode(b.subarray(open + 1, close));
  let i = close + 2;
  if (i >= n) throw new MalformedFileError(path, "truncated after the name");
  const state = String.fromCharCode(b[i]);
  i++;
  const v = new Array<number>(F_BLKIO + 1).fill(0);
  let field = 1;
  while (field <= F_BLKIO) {
    while (i < n && b[i] === 32) i++;
    if (i >= n || b[i] === 10) break;
    let neg = false;
    if (b[i] === 45) {
      neg = true;
      i++;
    }
    let x = 0;
    let any = false;
    while (i < n) {
      const c = b[i] - 48;
      if (c < 0 || c > 9) break;
      x = x * 10 + c;
      any = true;
      i++;
    }
    if (!any || (i < n && b[i] !== 32 && b[i] !== 10)) {
      throw new MalformedFileError(path, `field ${field + 3} is not a number`);
    }
    v[field++] = neg ? -x : x;
  }
  if (field <= LAST_NEEDED) throw new MalformedFileError(path, `only ${field + 2} fields`);
  return {
    name,
    state,
    ppid: v[F_PPID],
    ttyNr: v[F_TTY],
    flags: v[F_FLAGS],
    minflt: v[F_MINFLT],
    majflt: v[F_MAJFLT],
    utime: v[F_UTIME],
    stime: v[F_STIME],
    cutime: v[F_CUTIME],
    cstime: v[F_CSTIME],
    nice: v[F_NICE],
    numThreads: v[F_THREADS],
    starttime: v[F_START],
    vsize: v[F_VSIZE],
    rss: v[F_RSS],
    processor: v[F_CPU],
    blkioTicks: field > F_BLKIO ? v[F_BLKIO] : 0,
  };
}

/** The state letter of a stat file (after the last `)`), or `""` when the file has none. Cheap zombie test. */
export function statState(b: Uint8Array): string {
  for (let i = b.length - 1; i >= 0; i--) {
    if (b[i] === 41) return i + 2 < b.length ? String.fromCharCode(b[i + 2]) : "";
  }
  return "";
}

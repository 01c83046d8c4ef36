/**
 * Parser for /proc/stat (proc(5)): the `cpu` lines (clock ticks per mode) and the `ctxt`, `intr` and `softirq`
 * counters. Works on bytes; each number is parsed once, with no intermediate strings.
 *
 * @module
 */
import { MalformedFileError } from "./_parse.ts";

const NL = 10;
const SPACE = 32;
const TAB = 9;

/** The kernel prints 7 times (up to softirq) since 2.6.0, `steal` since 2.6.11, `guest` 2.6.24, `guest_nice` 3.2. */
export const MIN_CPU_FIELDS = 7;
/** The fields psutil knows; later ones, if a kernel ever adds them, are ignored as psutil does. */
export const MAX_CPU_FIELDS = 10;

function lineEnd(b: Uint8Array, pos: number): number {
  const i = b.indexOf(NL, pos);
  return i < 0 ? b.length : i;
}

/**
 * Parses the numbers after the label of the line starting at `start` (up to `max` of them) into `out`; returns how
 * many there were. Anything but unsigned decimals separated by blanks is malformed.
 */
function ticksOfLine(b: Uint8Array, start: number, end: number, out: number[], max: number, path: string): number {
  let i = start;
  while (i < end && b[i] !== SPACE && b[i] !== TAB) i++; // the label: cpu, cpu0, ...
  let n = 0;
  while (i < end) {
    const c = b[i];
    if (c === SPACE || c === TAB) {
      i++;
      continue;
    }
    let v = 0;
    let digits = 0;
    while (i < end) {
      const d = b[i] - 48;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
      digits++;
      i++;
    }
    if (digits === 0 || (i < end && b[i] !== SPACE && b[i] !== TAB)) {
      throw new MalformedFileError(path, `non-numeric value in a cpu line`);
    }
    if (n < max) out[n] = v;
    n++;
  }
  return n;
}

function startsWith(b: Uint8Array, pos: number, word: string): boolean {
  if (pos + word.length > b.length) return false;
  for (let k = 0; k < word.length; k++) if (b[pos + k] !== word.charCodeAt(k)) return false;
  return true;
}

/**
 * The clock ticks of the first line (all CPUs together), `MIN_CPU_FIELDS` to `MAX_CPU_FIELDS` of them, in the
 * kernel's order (user, nice, system, idle, iowait, irq, softirq, steal, guest, guest_nice).
 *
 * @throws {MalformedFileError} when the file does not start with a `cpu` line of at least 7 numbers.
 */
export function parseStatCpuTotal(b: Uint8Array, path: string): number[] {
  if (!startsWith(b, 0, "cpu ")) throw new MalformedFileError(path, "no aggregate cpu line");
  const out: number[] = [];
  const n = ticksOfLine(b, 0, lineEnd(b, 0), out, MAX_CPU_FIELDS, path);
  if (n < MIN_CPU_FIELDS) throw new MalformedFileError(path, `cpu line has ${n} values, expected at least 7`);
  return out;
}

/**
 * The clock ticks of every `cpuN` line, in file order. Each has as many values as the first line (psutil sizes
 * its record from the first line).
 *
 * @throws {MalformedFileError} when a line is shorter than the first or not numeric.
 */
export function parseStatPerCpu(b: Uint8Array, path: string): number[][] {
  const width = parseStatCpuTotal(b, path).length;
  const cpus: number[][] = [];
  let pos = lineEnd(b, 0) + 1;
  while (pos < b.length && startsWith(b, pos, "cpu")) {
    const end = lineEnd(b, pos);
    const out: number[] = new Array(width);
    const n = ticksOfLine(b, pos, end, out, width, path);
    if (n < width) throw new MalformedFileError(path, `cpu${cpus.length} line has ${n} values, expected ${width}`);
    cpus.push(out);
    pos = end + 1;
  }
  return cpus;
}

/** The `ctxt`, `intr` (total) and `softirq` (total) counters. */
export interface StatCounters {
  /** Context switches since boot. */
  ctxt: number;
  /** Interrupts serviced since boot. */
  intr: number;
  /** Soft interrupts serviced since boot. */
  softirq: number;
}

function firstNumber(b: Uint8Array, pos: number, end: number, path: string, what: string): number {
  let i = pos;
  while (i < end && (b[i] === SPACE || b[i] === TAB)) i++;
  let v = 0;
  let digits = 0;
  while (i < end) {
    const d = b[i] - 48;
    if (d < 0 || d > 9) break;
    v = v * 10 + d;
    digits++;
    i++;
  }
  if (digits === 0) throw new MalformedFileError(path, `${what} has no number`);
  return v;
}

/**
 * Reads the `ctxt`, `intr` and `softirq` lines (the first number of each).
 *
 * @throws {MalformedFileError} when one is missing or not numeric.
 */
export function parseStatCounters(b: Uint8Array, path: string): StatCounters {
  let ctxt = -1;
  let intr = -1;
  let softirq = -1;
  let pos = 0;
  while (pos < b.length && (ctxt < 0 || intr < 0 || softirq < 0)) {
    const end = lineEnd(b, pos);
    if (startsWith(b, pos, "ctxt ")) ctxt = firstNumber(b, pos + 5, end, path, "ctxt");
    else if (startsWith(b, pos, "intr ")) intr = firstNumber(b, pos + 5, end, path, "intr");
    else if (startsWith(b, pos, "softirq ")) softirq = firstNumber(b, pos + 8, end, path, "softirq");
    pos = end + 1;
  }
  if (ctxt < 0) throw new MalformedFileError(path, "no ctxt line");
  if (intr < 0) throw new MalformedFileError(path, "no intr line");
  if (softirq < 0) throw new MalformedFileError(path, "no softirq line");
  return { ctxt, intr, softirq };
}

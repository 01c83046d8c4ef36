/**
 * Parser for /proc/meminfo (proc(5)): `Key:   value kB` lines, values converted to bytes as psutil does (every
 * value times 1024, including the page counts of the `HugePages_*` lines, which psutil does not use).
 *
 * @module
 */
import { MalformedFileError } from "./_parse.ts";

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * Every line of /proc/meminfo as key (without the colon) → value × 1024.
 *
 * @throws {MalformedFileError} for a line without a colon or without a number after it.
 */
export function parseMeminfo(s: string, path: string): Map<string, number> {
  const out = new Map<string, number>();
  let pos = 0;
  const n = s.length;
  while (pos < n) {
    let end = s.indexOf("\n", pos);
    if (end < 0) end = n;
    if (end > pos) {
      const colon = s.indexOf(":", pos);
      if (colon < 0 || colon > end) throw new MalformedFileError(path, `line without a colon ("${s.slice(pos, end)}")`);
      let i = colon + 1;
      while (i < end && isBlank(s.charCodeAt(i))) i++;
      let v = 0;
      let digits = 0;
      while (i < end) {
        const d = s.charCodeAt(i) - 48;
        if (d < 0 || d > 9) break;
        v = v * 10 + d;
        digits++;
        i++;
      }
      if (digits === 0 || (i < end && !isBlank(s.charCodeAt(i)))) {
        throw new MalformedFileError(path, `no number on the ${s.slice(pos, colon)} line`);
      }
      out.set(s.slice(pos, colon), v * 1024);
    }
    pos = end + 1;
  }
  return out;
}

/**
 * Parser for /proc/zoneinfo: the sum of every zone's `low` watermark, in pages.
 *
 * @module
 */
import { MalformedFileError } from "./_parse.ts";

/**
 * The sum of the second field of every line that starts (after indentation) with `low`: the zones' low
 * watermarks in pages, which the kernel's `MemAvailable` estimate subtracts.
 *
 * @throws {MalformedFileError} when such a line has no integer.
 */
export function parseZoneinfoLow(s: string, path: string): number {
  let sum = 0;
  for (const raw of s.split("\n")) {
    const line = raw.trim();
    if (!line.startsWith("low")) continue;
    const v = line.split(/\s+/)[1];
    if (v === undefined || !/^[+-]?\d+$/.test(v)) throw new MalformedFileError(path, `bad "${line}" line`);
    sum += Number(v);
  }
  return sum;
}

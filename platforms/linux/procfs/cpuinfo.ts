/**
 * Parser for /proc/cpuinfo: the `cpu MHz` value of each processor.
 *
 * @module
 */
import { MalformedFileError } from "./_parse.ts";
import { pyFloat } from "./py_number.ts";

const CPU_MHZ = /^cpu mhz.*$/gim;

/**
 * The `cpu MHz` values in file order (one per processor on x86; none on most ARM kernels). Lines are matched
 * case-insensitively, as psutil does.
 *
 * @throws {MalformedFileError} when such a line has no `:` or no number after it.
 */
export function parseCpuinfoMhz(s: string, path: string): number[] {
  const out: number[] = [];
  for (const [line] of s.matchAll(CPU_MHZ)) {
    const colon = line.indexOf(":");
    const v = colon < 0 ? null : pyFloat(line.slice(colon + 1));
    if (v === null) throw new MalformedFileError(path, `bad "${line.trim()}" line`);
    out.push(v);
  }
  return out;
}

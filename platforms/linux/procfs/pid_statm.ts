/**
 * Parser for `/proc/<pid>/statm`: seven page counts (size, resident, shared, text, lib, data, dt).
 *
 * @module
 */
import { MalformedFileError, uintAt } from "./_parse.ts";

/** The seven page counts of statm, in pages. */
export interface PidStatm {
  /** Total program size (vms), pages. */
  size: number;
  /** Resident set, pages. */
  resident: number;
  /** Resident shared (file-backed) pages. */
  shared: number;
  /** Text (code), pages. */
  text: number;
  /** Library (0 since Linux 2.6), pages. */
  lib: number;
  /** Data + stack, pages. */
  data: number;
  /** Dirty (0 since Linux 2.6), pages. */
  dt: number;
}

/**
 * Parses statm bytes; throws `MalformedFileError` naming `path` when fewer than seven numbers are present.
 *
 * @example
 * ```ts
 * import { parsePidStatm } from "./pid_statm.ts";
 * const m = parsePidStatm(new TextEncoder().encode("10 5 2 1 0 3 0\n"), "statm");
 * if (m.resident !== 5 || m.data !== 3) throw new Error();
 * ```
 */
export function parsePidStatm(b: Uint8Array, path: string): PidStatm {
  const v = [0, 0, 0, 0, 0, 0, 0];
  let pos = 0;
  for (let k = 0; k < 7; k++) {
    while (pos < b.length && b[pos] === 32) pos++;
    const [x, next] = uintAt(b, pos);
    if (x < 0) throw new MalformedFileError(path, `field ${k + 1} is missing or not a number`);
    v[k] = x;
    pos = next;
  }
  return { size: v[0], resident: v[1], shared: v[2], text: v[3], lib: v[4], data: v[5], dt: v[6] };
}

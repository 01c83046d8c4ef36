/**
 * Windows pids: EnumProcesses with a buffer grown until the OS leaves part of it unused.
 *
 * @module
 */
import { lastError, psapi } from "./_win32.ts";

/** Every pid EnumProcesses lists, ascending. */
export function enumPidsRaw(): number[] {
  let n = 1024;
  const needed = new Uint32Array(1);
  for (;;) {
    const buf = new Uint32Array(n);
    if (!psapi().EnumProcesses(buf, buf.byteLength, needed)) throw lastError("EnumProcesses");
    // A full buffer may have been cut short: try again with twice the room.
    if (needed[0] < buf.byteLength) return Array.from(buf.subarray(0, needed[0] / 4)).sort((a, b) => a - b);
    n *= 2;
  }
}

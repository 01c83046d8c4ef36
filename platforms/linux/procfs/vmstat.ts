/**
 * Parser for /proc/vmstat: the swap-in and swap-out page counters.
 *
 * @module
 */
import { MalformedFileError } from "./_parse.ts";

function counter(s: string, name: string, path: string): number | null {
  const at = s.startsWith(`${name} `) ? 0 : s.indexOf(`\n${name} `);
  if (at < 0) return null;
  const start = at === 0 ? name.length + 1 : at + name.length + 2;
  let end = s.indexOf("\n", start);
  if (end < 0) end = s.length;
  const text = s.slice(start, end).trim();
  if (!/^\d+$/.test(text)) throw new MalformedFileError(path, `${name} is not a number ("${text}")`);
  return Number(text);
}

/**
 * `pswpin` and `pswpout` (pages swapped in and out since boot), or `null` for one the kernel does not print.
 *
 * @throws {MalformedFileError} when a counter is present but not a number.
 */
export function parseVmstatSwap(s: string, path: string): { pswpin: number | null; pswpout: number | null } {
  return { pswpin: counter(s, "pswpin", path), pswpout: counter(s, "pswpout", path) };
}

/**
 * Byte-level parsing helpers for kernel text files, and the error for a malformed file.
 *
 * @module
 */
import { MalformedFileError } from "../../../src/errors.ts";

const decoder = new TextDecoder();

export { MalformedFileError } from "../../../src/errors.ts";

/** Decodes bytes as UTF-8, replacing invalid sequences. */
export function text(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/**
 * The text of `b[start..end)`: ASCII (nearly every name in /proc, /sys and netlink answers) without the UTF-8
 * decoder, anything else through it.
 *
 * @example
 * ```ts
 * import { asciiOrUtf8 } from "./_parse.ts";
 * if (asciiOrUtf8(new TextEncoder().encode("eth0 café"), 0, 4) !== "eth0") throw new Error();
 * ```
 */
export function asciiOrUtf8(b: Uint8Array, start: number, end: number): string {
  for (let i = start; i < end; i++) if (b[i] >= 0x80) return decoder.decode(b.subarray(start, end));
  return String.fromCharCode(...b.subarray(start, end));
}

/** Parses a decimal number from a string, or throws `MalformedFileError` naming `path`. */
export function num(s: string | undefined, path: string, what: string): number {
  if (s === undefined || s === "") throw new MalformedFileError(path, `missing ${what}`);
  const n = Number(s);
  if (!Number.isFinite(n)) throw new MalformedFileError(path, `${what} is not a number ("${s}")`);
  return n;
}

/** Parses an unsigned decimal integer starting at `pos`; returns `[value, nextPos]` (value -1 when no digit). */
export function uintAt(b: Uint8Array, pos: number): [number, number] {
  let i = pos;
  let v = 0;
  let any = false;
  while (i < b.length) {
    const c = b[i] - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
    any = true;
    i++;
  }
  return [any ? v : -1, i];
}

/** Splits `s` on runs of whitespace, dropping empty fields. */
export function fields(s: string): string[] {
  return s.trim().split(/\s+/).filter((x) => x !== "");
}

/**
 * Parses `Key: value [kB]` lines (meminfo, status) into a map of numbers (kB converted to bytes when `kb`).
 * Lines whose value is not numeric are skipped.
 */
export function keyValues(s: string, multiplyKb = true): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of s.split("\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const parts = fields(line.slice(colon + 1));
    if (parts.length === 0) continue;
    const n = Number(parts[0]);
    if (!Number.isFinite(n)) continue;
    out.set(line.slice(0, colon).trim(), multiplyKb && parts[1] === "kB" ? n * 1024 : n);
  }
  return out;
}

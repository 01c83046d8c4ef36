/**
 * C string helpers: encode by UTF-8 byte length with a terminating NUL, decode up to the first NUL.
 *
 * @module
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Encodes `s` as a NUL-terminated UTF-8 C string, sized by its encoded byte length.
 *
 * @example
 * ```ts
 * import { cstr } from "./cstring.ts";
 * if (cstr("é").length !== 3) throw new Error();
 * ```
 */
export function cstr(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 3 + 1);
  const { written } = encoder.encodeInto(s, out);
  return out.subarray(0, written + 1);
}

/**
 * Encodes `s` as a NUL-terminated C string into `into` (grown when too small); returns the buffer used.
 */
export function cstrInto(s: string, into: Uint8Array): Uint8Array {
  let buf = into;
  if (buf.length < s.length * 3 + 1) buf = new Uint8Array(s.length * 3 + 1);
  const { written } = encoder.encodeInto(s, buf);
  buf[written] = 0;
  return buf;
}

/**
 * Decodes bytes up to the first NUL (or the end), replacing invalid UTF-8.
 *
 * @example
 * ```ts
 * import { fromCString } from "./cstring.ts";
 * if (fromCString(new Uint8Array([104, 105, 0, 120])) !== "hi") throw new Error();
 * ```
 */
export function fromCString(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let n = start;
  while (n < end && bytes[n] !== 0) n++;
  return decoder.decode(bytes.subarray(start, n));
}

/** Encodes `s` as a NUL-terminated UTF-16LE string (Windows `W` APIs). */
export function wstr(s: string): Uint16Array {
  const out = new Uint16Array(s.length + 1);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Decodes UTF-16LE code units up to the first NUL; unpaired surrogates become U+FFFD, never an exception. */
export function fromWString(units: Uint16Array, start = 0, end = units.length): string {
  let n = start;
  while (n < end && units[n] !== 0) n++;
  let s = "";
  for (let i = start; i < n; i++) {
    const c = units[i];
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < n ? units[i + 1] : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        s += String.fromCharCode(c, d);
        i++;
        continue;
      }
      s += "\ufffd";
    } else if (c >= 0xdc00 && c <= 0xdfff) s += "\ufffd";
    else s += String.fromCharCode(c);
  }
  return s;
}

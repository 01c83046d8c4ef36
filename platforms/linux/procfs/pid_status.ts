/**
 * Parser for `/proc/<pid>/status`: `Key:\tvalue` lines into a map, plus typed accessors that raise
 * `MalformedFileError` naming the file when a needed line is missing or not numeric.
 *
 * @module
 */
import { MalformedFileError } from "./_parse.ts";

/** The lines of a status file, by key (values trimmed, `kB` suffix kept). */
export type PidStatus = ReadonlyMap<string, string>;

/**
 * Splits a status file into its `Key: value` lines.
 *
 * @example
 * ```ts
 * import { parsePidStatus, statusInt } from "./pid_status.ts";
 * const s = parsePidStatus("Name:\tsh\nThreads:\t3\n");
 * if (statusInt(s, "Threads", "status") !== 3) throw new Error();
 * ```
 */
export function parsePidStatus(text: string): PidStatus {
  const out = new Map<string, string>();
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const colon = text.indexOf(":", start);
    if (colon > start && colon < end) out.set(text.slice(start, colon), text.slice(colon + 1, end).trim());
    start = end + 1;
  }
  return out;
}

/** The integer value of `key`. */
export function statusInt(s: PidStatus, key: string, path: string): number {
  const v = s.get(key);
  if (v === undefined) throw new MalformedFileError(path, `no ${key} line`);
  const n = Number(v.split(/\s+/)[0]);
  if (!Number.isInteger(n)) throw new MalformedFileError(path, `${key} is not a number ("${v}")`);
  return n;
}

/** A `kB` value of `key` in bytes, or 0 when the kernel does not write that line (as psutil does). */
export function statusKb(s: PidStatus, key: string): number {
  const v = s.get(key);
  if (v === undefined) return 0;
  const n = Number(v.split(/\s+/)[0]);
  return Number.isFinite(n) ? n * 1024 : 0;
}

/**
 * The value of line `key` straight from the status text (trimmed, as in {@linkcode parsePidStatus}'s map), or
 * `undefined`: one line found without splitting the whole file.
 *
 * @example
 * ```ts
 * import { statusField } from "./pid_status.ts";
 * if (statusField("Name:\tsh\nUid:\t1\t2\t3\t4\n", "Uid") !== "1\t2\t3\t4") throw new Error();
 * ```
 */
export function statusField(text: string, key: string): string | undefined {
  const head = `${key}:`;
  let at = text.startsWith(head) ? 0 : text.indexOf(`\n${head}`);
  if (at < 0) return undefined;
  if (at > 0) at++;
  let end = text.indexOf("\n", at);
  if (end < 0) end = text.length;
  return text.slice(at + head.length, end).trim();
}

/** The first three numbers of an id line (`Uid`, `Gid`): real, effective, saved. */
export function statusIds(s: PidStatus, key: string, path: string): [number, number, number] {
  return idTriple(s.get(key), key, path);
}

/** The first three numbers of an id line's value (`statusField(text, "Uid")`): real, effective, saved. */
export function idTriple(v: string | undefined, key: string, path: string): [number, number, number] {
  if (v === undefined) throw new MalformedFileError(path, `no ${key} line`);
  const f = v.split(/\s+/).map(Number);
  if (f.length < 3 || !f.slice(0, 3).every(Number.isInteger)) {
    throw new MalformedFileError(path, `${key} line is malformed ("${v}")`);
  }
  return [f[0], f[1], f[2]];
}

const UID_LINE = new TextEncoder().encode("\nUid:");

/**
 * The real uid (the first number of the `Uid` line) straight from the bytes of a status file: the one value
 * `username` needs, without decoding the other fifty lines.
 *
 * @example
 * ```ts
 * import { statusRealUid } from "./pid_status.ts";
 * if (statusRealUid(new TextEncoder().encode("Name:\tsh\nUid:\t1000\t0\t0\t0\n"), "status") !== 1000) throw new Error();
 * ```
 */
export function statusRealUid(b: Uint8Array, path: string): number {
  let at = -1;
  for (let i = b.indexOf(UID_LINE[0]); i >= 0; i = b.indexOf(UID_LINE[0], i + 1)) {
    let k = 1;
    while (k < UID_LINE.length && b[i + k] === UID_LINE[k]) k++;
    if (k === UID_LINE.length) {
      at = i + k;
      break;
    }
  }
  if (at < 0) throw new MalformedFileError(path, "no Uid line");
  while (b[at] === 9 || b[at] === 32) at++;
  let v = 0;
  let digits = 0;
  for (; b[at] >= 48 && b[at] <= 57; at++, digits++) v = v * 10 + b[at] - 48;
  if (digits === 0) throw new MalformedFileError(path, "Uid line is malformed");
  return v;
}

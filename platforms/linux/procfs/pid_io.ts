/**
 * Parser for `/proc/<pid>/io`: `name: value` lines.
 *
 * @module
 */
import { MalformedFileError } from "./_parse.ts";

/** The counters of `/proc/<pid>/io`. */
export interface PidIo {
  /** Bytes passed to read-like syscalls. */
  rchar: number;
  /** Bytes passed to write-like syscalls. */
  wchar: number;
  /** Read syscalls. */
  syscr: number;
  /** Write syscalls. */
  syscw: number;
  /** Bytes fetched from storage. */
  readBytes: number;
  /** Bytes sent to storage. */
  writeBytes: number;
}

/**
 * Parses an io file; throws `MalformedFileError` naming `path` when it is empty or lacks a counter (psutil raises
 * too).
 *
 * @example
 * ```ts
 * import { parsePidIo } from "./pid_io.ts";
 * const io = parsePidIo("rchar: 1\nwchar: 2\nsyscr: 3\nsyscw: 4\nread_bytes: 5\nwrite_bytes: 6\n", "io");
 * if (io.syscw !== 4 || io.writeBytes !== 6) throw new Error();
 * ```
 */
export function parsePidIo(text: string, path: string): PidIo {
  const f = new Map<string, number>();
  for (const line of text.split("\n")) {
    const sep = line.indexOf(": ");
    if (sep <= 0) continue;
    const n = Number(line.slice(sep + 2).trim());
    if (Number.isFinite(n)) f.set(line.slice(0, sep).trim(), n);
  }
  if (f.size === 0) throw new MalformedFileError(path, "the file is empty");
  const get = (k: string): number => {
    const v = f.get(k);
    if (v === undefined) throw new MalformedFileError(path, `no ${k} field (found ${[...f.keys()].join(", ")})`);
    return v;
  };
  return {
    rchar: get("rchar"),
    wchar: get("wchar"),
    syscr: get("syscr"),
    syscw: get("syscw"),
    readBytes: get("read_bytes"),
    writeBytes: get("write_bytes"),
  };
}

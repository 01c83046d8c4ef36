/**
 * Parser for `/proc/net/unix`, on bytes.
 *
 * Each line after the header is `Num: RefCount Protocol Flags Type St Inode [Path]`. The kernel writes the path
 * after one space, byte for byte (abstract names start with `@`), so a path may hold spaces: it is everything up
 * to the end of the line. (psutil 5.9 keeps the path only when the line splits into exactly 8 words and reports
 * `""` for a path with a space; tsutil reports the path.)
 *
 * @module
 */
import { MalformedFileError } from "./_parse.ts";

/** One AF_UNIX socket. */
export interface UnixSocket {
  /** `SOCK_STREAM` (1), `SOCK_DGRAM` (2) or `SOCK_SEQPACKET` (5). */
  type: number;
  inode: number;
  /** Bound path, `""` when unbound. */
  path: string;
}

const decoder = new TextDecoder();

/** Calls `visit` for each socket of /proc/net/unix; throws `MalformedFileError` naming `path` on a bad line. */
export function parseUnixTable(b: Uint8Array, path: string, visit: (s: UnixSocket) => void): void {
  let pos = b.indexOf(10);
  if (pos < 0) return;
  pos++;
  let lineNo = 0;
  while (pos < b.length) {
    let eol = b.indexOf(10, pos);
    if (eol < 0) eol = b.length;
    lineNo++;
    let i = pos;
    let n = 0;
    let type = -1;
    let inode = -1;
    while (n < 7) {
      while (i < eol && b[i] === 32) i++;
      if (i >= eol) break;
      const s = i;
      while (i < eol && b[i] !== 32) i++;
      if (n === 4) {
        type = 0;
        for (let k = s; k < i; k++) {
          const c = b[k];
          const h = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1;
          if (h < 0) {
            type = -1;
            break;
          }
          type = type * 16 + h;
        }
      } else if (n === 6) {
        inode = 0;
        for (let k = s; k < i; k++) {
          const d = b[k] - 48;
          if (d < 0 || d > 9) {
            inode = -1;
            break;
          }
          inode = inode * 10 + d;
        }
      }
      n++;
    }
    if (n === 0 || (n < 7 && !b.subarray(pos, eol).includes(32))) {
      // Blank line, or a line without a space: a path continued after a newline in its name (psutil #766).
      pos = eol + 1;
      continue;
    }
    if (n < 7 || type < 0 || inode < 0) throw new MalformedFileError(path, `bad line ${lineNo}`);
    const sockPath = i + 1 < eol ? decoder.decode(b.subarray(i + 1, eol)) : "";
    visit({ type, inode, path: sockPath });
    pos = eol + 1;
  }
}

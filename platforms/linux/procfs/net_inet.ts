/**
 * Parser for `/proc/net/{tcp,tcp6,udp,udp6}`, on bytes (no decoding of the whole file).
 *
 * Each line after the header is `sl: local remote st tx:rx tr:when retrnsmt uid timeout inode ...`. An address
 * is `HEX:PORT`, where HEX is the IPv4 address (8 digits) or the IPv6 address (32 digits) printed as 32-bit words
 * in host byte order (`%08X` of each `__be32` read natively), so on little-endian hosts each word's bytes are
 * reversed. A port of 0 means "no address" (psutil's empty tuple).
 *
 * @module
 */
import type { Address } from "../../../src/types.ts";
import { formatIpv4, formatIpv6 } from "../net_ntop.ts";
import { MalformedFileError } from "./_parse.ts";

/** Whether this host stores integers little-endian (how the kernel's hex words must be read). */
export const LITTLE_ENDIAN: boolean = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** TCP states as numbered in the kernel's `include/net/tcp_states.h`, to psutil's `CONN_*` strings. */
export const TCP_STATUSES: readonly string[] = [
  "",
  "ESTABLISHED",
  "SYN_SENT",
  "SYN_RECV",
  "FIN_WAIT1",
  "FIN_WAIT2",
  "TIME_WAIT",
  "CLOSE",
  "CLOSE_WAIT",
  "LAST_ACK",
  "LISTEN",
  "CLOSING",
];

/** One socket line: addresses decoded (`null` when the port is 0), the raw state number, the inode. */
export interface InetSocket {
  laddr: Address | null;
  raddr: Address | null;
  /** Kernel TCP state number (UDP sockets use the same numbering: 7 unconnected, 1 connected). */
  state: number;
  inode: number;
}

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

const ipBytes = new Uint8Array(16);

/**
 * Decodes `HEX:PORT` spanning `b[start..end)` (psutil: `decode_address`); `null` when the port is 0. Returns
 * `undefined` when malformed.
 */
export function decodeAddress(b: Uint8Array, start: number, end: number, v6: boolean): Address | null | undefined {
  const hexLen = v6 ? 32 : 8;
  if (end - start !== hexLen + 5 || b[start + hexLen] !== 58) return undefined;
  let port = 0;
  for (let i = start + hexLen + 1; i < end; i++) {
    const h = hexVal(b[i]);
    if (h < 0) return undefined;
    port = port * 16 + h;
  }
  if (port === 0) return null;
  for (let w = 0; w < hexLen / 8; w++) {
    for (let k = 0; k < 4; k++) {
      const p = start + w * 8 + k * 2;
      const hi = hexVal(b[p]);
      const lo = hexVal(b[p + 1]);
      if (hi < 0 || lo < 0) return undefined;
      ipBytes[w * 4 + (LITTLE_ENDIAN ? 3 - k : k)] = hi * 16 + lo;
    }
  }
  return { ip: v6 ? formatIpv6(ipBytes) : formatIpv4(ipBytes), port };
}

const SPACE = 32;
const NL = 10;

/** Calls `visit` for each socket line of a tcp/udp table; throws `MalformedFileError` naming `path` on a bad line. */
export function parseInetTable(b: Uint8Array, v6: boolean, path: string, visit: (s: InetSocket) => void): void {
  let pos = b.indexOf(NL);
  if (pos < 0) return;
  pos++;
  const starts = new Int32Array(10);
  const ends = new Int32Array(10);
  let lineNo = 0;
  while (pos < b.length) {
    let eol = b.indexOf(NL, pos);
    if (eol < 0) eol = b.length;
    lineNo++;
    let n = 0;
    let i = pos;
    while (n < 10) {
      while (i < eol && (b[i] === SPACE || b[i] === 9)) i++;
      if (i >= eol) break;
      starts[n] = i;
      while (i < eol && b[i] !== SPACE && b[i] !== 9) i++;
      ends[n] = i;
      n++;
    }
    if (n === 0) {
      pos = eol + 1;
      continue;
    }
    if (n < 10) throw new MalformedFileError(path, `line ${lineNo} has ${n} fields, expected at least 10`);
    const laddr = decodeAddress(b, starts[1], ends[1], v6);
    const raddr = decodeAddress(b, starts[2], ends[2], v6);
    let state = 0;
    for (let k = starts[3]; k < ends[3]; k++) {
      const h = hexVal(b[k]);
      state = h < 0 ? -1 : state * 16 + h;
      if (h < 0) break;
    }
    let inode = 0;
    for (let k = starts[9]; k < ends[9]; k++) {
      const d = b[k] - 48;
      if (d < 0 || d > 9) {
        inode = -1;
        break;
      }
      inode = inode * 10 + d;
    }
    if (laddr === undefined || raddr === undefined || state < 0 || inode < 0) {
      throw new MalformedFileError(path, `bad address, state or inode on line ${lineNo}`);
    }
    visit({ laddr, raddr, state, inode });
    pos = eol + 1;
  }
}

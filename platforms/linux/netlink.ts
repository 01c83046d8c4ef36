/**
 * What the two netlink readers share (`net_inet_diag.ts`, sock_diag; `net_if_addrs.ts`, rtnetlink): the request
 * header, the sequence numbers, the walk over the messages of one read and the read loop of a dump.
 *
 * Messages are `struct nlmsghdr` followed by a body, each padded to 4 bytes; a dump ends with `NLMSG_DONE`, a
 * refusal comes as `NLMSG_ERROR`. Answers to an earlier request (one cut short) are told apart by sequence number.
 *
 * @module
 */
import type { SystemCallError } from "../../ffi/errors.ts";
import { offsetOf, sizeOf } from "../../ffi/struct.ts";
import { errno, lastError, libcTable } from "./libc.ts";
import { nlmsghdr } from "./structs.ts";
import { LIBC_NETLINK } from "./symbols.ts";

/** `AF_NETLINK`. */
export const AF_NETLINK = 16;
/** `struct nlmsghdr`'s size: where a message's body starts. */
export const NLMSG_HDRLEN: number = sizeOf(nlmsghdr, "lp64");
/** Set on a dump's messages when what it lists changed while it was being dumped. */
export const NLM_F_DUMP_INTR = 0x10;

const NLM_F_REQUEST = 0x1;
/** `NLM_F_ROOT | NLM_F_MATCH`. */
const NLM_F_DUMP = 0x300;
const NLMSG_ERROR = 2;
const NLMSG_DONE = 3;
const EINTR = 4;
const H_TYPE = offsetOf(nlmsghdr, "nlmsg_type", "lp64");
const H_FLAGS = offsetOf(nlmsghdr, "nlmsg_flags", "lp64");
const H_SEQ = offsetOf(nlmsghdr, "nlmsg_seq", "lp64");

let seqNo = 0;

/** The next request's sequence number. */
export function nextSeq(): number {
  return seqNo = (seqNo + 1) >>> 0;
}

/** Writes the header of a dump request of `type` that fills all of `v` (body after `NLMSG_HDRLEN`). */
export function writeDumpHeader(v: DataView, type: number, seq: number): void {
  v.setUint32(0, v.byteLength, true);
  v.setUint16(H_TYPE, type, true);
  v.setUint16(H_FLAGS, NLM_F_REQUEST | NLM_F_DUMP, true);
  v.setUint32(H_SEQ, seq, true);
}

/**
 * Calls `each(type, offset, length, flags)` for every message in `b[0..n)` answering request `seq` (the end and
 * error messages too, before they end the walk); `each` returning `false` means the message is malformed. Returns
 * `"done"` at `NLMSG_DONE`, `"error"` at `NLMSG_ERROR` or a malformed message, `"more"` when the dump goes on.
 */
export function walkDump(
  b: Uint8Array,
  n: number,
  seq: number,
  each: (type: number, off: number, len: number, flags: number) => boolean | void,
): "done" | "error" | "more" {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let off = 0; off + NLMSG_HDRLEN <= n;) {
    const len = v.getUint32(off, true);
    if (len < NLMSG_HDRLEN || off + len > n) return "error";
    if (v.getUint32(off + H_SEQ, true) === seq) {
      const type = v.getUint16(off + H_TYPE, true);
      if (each(type, off, len, v.getUint16(off + H_FLAGS, true)) === false) return "error";
      if (type === NLMSG_DONE) return "done";
      if (type === NLMSG_ERROR) return "error";
    }
    off += (len + 3) & ~3;
  }
  return "more";
}

/**
 * Reads a dump's answers on `fd` into `b` until `decode` (given the length read) says something else than
 * `"more"`: its word, `"eof"` when the socket gave nothing, or the `recv` failure.
 */
export function receiveDump<S extends string>(
  fd: number,
  b: Uint8Array,
  decode: (n: number) => S | "more",
): S | "eof" | SystemCallError {
  const lib = libcTable(LIBC_NETLINK);
  for (;;) {
    const n = Number(lib.recv(fd, b, b.length, 0));
    if (n < 0) {
      if (errno() === EINTR) continue;
      return lastError("recv");
    }
    if (n === 0) return "eof";
    const state = decode(n);
    if (state !== "more") return state as S;
  }
}

/**
 * TCP sockets of both address families in one pass over the kernel's TCP hash tables, through sock_diag netlink
 * (linux/inet_diag.h) instead of `/proc/net/tcp` and `/proc/net/tcp6`.
 *
 * Each of those two files walks every bucket of the established-connections hash table (sized from RAM: 262,144
 * buckets on this 23 GiB VM, about 0.9 ms), and that walk, not the sockets, is what reading them costs. The original
 * TCP request of sock_diag, `TCPDIAG_GETSOCK`, asks for no address family (`AF_UNSPEC`), so the kernel walks the
 * table once and answers with IPv4 and IPv6 sockets together: half the cost.
 *
 * The states asked for are those the files list: every TCP state but `TCP_BOUND_INACTIVE` (bound sockets that
 * never listened or connected, which the files do not show and whose bind-table walk costs extra). Asking for
 * `SYN_RECV` makes the kernel add the request sockets (`TCP_NEW_SYN_RECV`), reported as `SYN_RECV`, as the files
 * show them; TIME_WAIT and request sockets come with inode 0, as in the files. Addresses and ports arrive in
 * network byte order, so they need no per-word swapping.
 *
 * Where the runtime can call `send` on a worker thread (Deno), the request goes out there once the calling thread
 * has had one answer: the kernel walks its tables inside that `send`, while `netConnections` scans the fds.
 *
 * Only the live system can be asked this way (netlink answers for the caller's network namespace, which is what
 * `/proc/net` shows too): fixture roots, a host's /proc mounted elsewhere, a runtime without FFI, or a kernel or
 * sandbox that refuses the request all fall back to the files.
 *
 * @module
 */
import type { Address } from "../../src/types.ts";
import type { InetSocket } from "./procfs/net_inet.ts";
import { adapter } from "../../ffi/mod.ts";
import { offsetOf, sizeOf } from "../../ffi/struct.ts";
import { errno, libcTable } from "./libc.ts";
import { formatIpv4, formatIpv6 } from "./net_ntop.ts";
import { inet_diag_msg, inet_diag_req, inet_diag_sockid } from "./structs.ts";
import { AF_NETLINK, nextSeq, NLMSG_HDRLEN, receiveDump, walkDump, writeDumpHeader } from "./netlink.ts";
import { LIBC_NETLINK, LIBC_NETLINK_ASYNC, SOCK_CLOEXEC } from "./symbols.ts";

const SOCK_DGRAM = 2;
/** `NETLINK_INET_DIAG` (also called `NETLINK_SOCK_DIAG`). */
const NETLINK_INET_DIAG = 4;
const TCPDIAG_GETSOCK = 18;
const AF_INET = 2;
const AF_INET6 = 10;
const EINTR = 4;
/** TCP states 1 (ESTABLISHED) to 11 (CLOSING), as bits `1 << state`: what `/proc/net/tcp` lists. */
const FILE_STATES = (1 << 12) - 2;

const HDR = NLMSG_HDRLEN;
const REQ = sizeOf(inet_diag_req, "lp64");
const MSG = sizeOf(inet_diag_msg, "lp64");
const R_STATES = offsetOf(inet_diag_req, "idiag_states", "lp64");
const M_FAMILY = offsetOf(inet_diag_msg, "idiag_family", "lp64");
const M_STATE = offsetOf(inet_diag_msg, "idiag_state", "lp64");
const M_ID = offsetOf(inet_diag_msg, "id", "lp64");
const M_INODE = offsetOf(inet_diag_msg, "idiag_inode", "lp64");
const ID_SPORT = M_ID + offsetOf(inet_diag_sockid, "idiag_sport", "lp64");
const ID_DPORT = M_ID + offsetOf(inet_diag_sockid, "idiag_dport", "lp64");
const ID_SRC = M_ID + offsetOf(inet_diag_sockid, "idiag_src", "lp64");
const ID_DST = M_ID + offsetOf(inet_diag_sockid, "idiag_dst", "lp64");

/** One TCP socket of the dump, with its address family. */
export interface TcpSocket extends InetSocket {
  family: number;
}

/** The request: a dump of every TCP socket of every family in the listed states. */
function request(seq: number): Uint8Array {
  const b = new Uint8Array(HDR + REQ);
  const v = new DataView(b.buffer);
  writeDumpHeader(v, TCPDIAG_GETSOCK, seq);
  // inet_diag_req: idiag_family AF_UNSPEC (0), no address filters, no extensions.
  v.setUint32(HDR + R_STATES, FILE_STATES, true);
  return b;
}

function address(b: Uint8Array, portAt: number, ipAt: number, v6: boolean): Address | null {
  const port = (b[portAt] << 8) | b[portAt + 1];
  if (port === 0) return null;
  return { ip: v6 ? formatIpv6(b, ipAt) : formatIpv4(b, ipAt), port };
}

/**
 * Decodes the `TCPDIAG_GETSOCK` answers in `b[0..n)` for request `seq` into `out`. Returns `"done"` at
 * `NLMSG_DONE`, `"error"` at `NLMSG_ERROR` or a malformed message, `"more"` when the dump goes on.
 */
export function decodeDiagMessages(
  b: Uint8Array,
  n: number,
  seq: number,
  out: TcpSocket[],
): "done" | "error" | "more" {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return walkDump(b, n, seq, (type, off, len) => {
    if (type !== TCPDIAG_GETSOCK) return;
    if (len < HDR + MSG) return false;
    const m = off + HDR;
    const family = b[m + M_FAMILY];
    if (family !== AF_INET && family !== AF_INET6) return;
    const v6 = family === AF_INET6;
    out.push({
      family,
      laddr: address(b, m + ID_SPORT, m + ID_SRC, v6),
      raddr: address(b, m + ID_DPORT, m + ID_DST, v6),
      state: b[m + M_STATE],
      inode: v.getUint32(m + M_INODE, true),
    });
  });
}

let refused = false;
/** Set after one dump answered on the calling thread: only then is the request sent off-thread. */
let proven = false;
let buffer: Uint8Array | undefined;
const pollBuf = new Uint8Array(8);
const pollView = new DataView(pollBuf.buffer);
/** POLLIN. */
const POLLIN = 1;
/** How long to wait for an off-thread request's first answer before giving up on netlink (the walk takes ~1 ms). */
const ANSWER_TIMEOUT_MS = 5000;

/** A dump asked for and not yet read: its socket, sequence number and request (kept alive while in flight). */
export interface PendingDump {
  readonly fd: number;
  readonly seq: number;
  readonly request: Uint8Array;
  /** Whether the request went out on a worker thread (its `send` may still be running). */
  readonly offThread: boolean;
}

/**
 * Asks for every TCP socket of the caller's network namespace; the answer is read by `finishTcpDump`, which must
 * be called (in a `finally`) whatever happens in between. `null` when sock_diag cannot be asked here (no FFI, a
 * refused socket): the caller reads the files. Where the runtime runs `send` off-thread (Deno), the kernel walks its
 * TCP tables while the caller goes on with other work.
 */
export function startTcpDump(): PendingDump | null {
  const a = adapter();
  if (refused || a === null) return null;
  const lib = libcTable(LIBC_NETLINK);
  const fd = lib.socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_INET_DIAG);
  if (fd < 0) {
    refused = true;
    return null;
  }
  const seq = nextSeq();
  const req = request(seq);
  if (proven && a.offThread === true) {
    // Never awaited: finishTcpDump waits for the answer on the socket itself. A failed send shows as no answer.
    void libcTable(LIBC_NETLINK_ASYNC).send(fd, req, req.length, 0).catch(() => {});
    return { fd, seq, request: req, offThread: true };
  }
  if (Number(lib.send(fd, req, req.length, 0)) !== req.length) {
    lib.close(fd);
    refused = true;
    return null;
  }
  return { fd, seq, request: req, offThread: false };
}

/**
 * Reads the answer to `pending` and closes its socket: every TCP socket (IPv4 first, then IPv6, as the two files
 * are read), or `null` when the kernel refused the request or gave no answer (the caller then reads the files; a
 * refusal is remembered, so a sandbox that forbids sock_diag costs one try).
 */
export function finishTcpDump(pending: PendingDump): TcpSocket[] | null {
  const lib = libcTable(LIBC_NETLINK);
  const { fd, seq } = pending;
  if (pending.offThread) {
    // Wait for the first answer: until it comes, the worker's send may not have run, and closing the socket then
    // could hand its number to another file the send would then write to. Without an answer the socket is left
    // open (a leak, not a risk) and netlink is not used again.
    pollView.setInt32(0, fd, true);
    pollView.setInt16(4, POLLIN, true);
    pollView.setInt16(6, 0, true);
    let ready: number;
    do ready = lib.poll(pollBuf, 1, ANSWER_TIMEOUT_MS); while (ready < 0 && errno() === EINTR);
    if (ready <= 0) {
      refused = true;
      return null;
    }
  }
  try {
    const b = buffer ??= new Uint8Array(1 << 16);
    const found: TcpSocket[] = [];
    const end = receiveDump(fd, b, (n) => decodeDiagMessages(b, n, seq, found));
    if (end === "error") refused = true;
    if (end !== "done") return null;
    proven = true;
    const v4 = found.filter((s) => s.family === AF_INET);
    return v4.length === found.length ? found : v4.concat(found.filter((s) => s.family === AF_INET6));
  } finally {
    lib.close(fd);
  }
}

/** Every TCP socket of the caller's network namespace in one call, or `null` (see `startTcpDump`). */
export function tcpSockets(): TcpSocket[] | null {
  const pending = startTcpDump();
  return pending === null ? null : finishTcpDump(pending);
}

/**
 * Linux `netConnections`: the socket tables of `<procfs>/net/{tcp,tcp6,udp,udp6,unix}`, each socket's owner found
 * through the `socket:[inode]` links of `<procfs>/<pid>/fd/*` (psutil's `Connections` class).
 *
 * Every fd directory is read once per call. As in psutil, an inode held by several processes is attributed to
 * the highest pid holding it (and, for TCP/UDP, to its lowest fd); a UNIX socket yields one entry per fd of that
 * pid; processes whose fds cannot be read (other users' without privileges, or gone) leave their sockets with
 * `pid: null` and `fd: -1`; identical entries are reported once.
 *
 * On the live system the TCP tables come from sock_diag netlink (`net_inet_diag.ts`), one walk of the kernel's
 * hash table for both families instead of one per file; the same sockets, in the same fields.
 *
 * @module
 */
import type { NetConnection } from "../../src/types.ts";
import type { ConnKind } from "../backend.ts";
import type { LinuxContext } from "./context.ts";
import { SystemCallError } from "../../ffi/errors.ts";
import { type InetSocket, parseInetTable, TCP_STATUSES } from "./procfs/net_inet.ts";
import { parseUnixTable } from "./procfs/net_unix.ts";
import { MalformedFileError } from "./procfs/_parse.ts";
import { allInodes, type InodeMap, scanPid } from "./net_fd_scan.ts";
import { finishTcpDump, startTcpDump, type TcpSocket, tcpSockets } from "./net_inet_diag.ts";

/** Linux `AF_UNIX`, `AF_INET`, `AF_INET6`. */
const AF_UNIX = 1;
const AF_INET = 2;
const AF_INET6 = 10;
/** Linux `SOCK_STREAM`, `SOCK_DGRAM`. */
const SOCK_STREAM = 1;
const SOCK_DGRAM = 2;

type Proto = readonly [file: string, family: number, type: number];
const TCP4: Proto = ["tcp", AF_INET, SOCK_STREAM];
const TCP6: Proto = ["tcp6", AF_INET6, SOCK_STREAM];
const UDP4: Proto = ["udp", AF_INET, SOCK_DGRAM];
const UDP6: Proto = ["udp6", AF_INET6, SOCK_DGRAM];
const UNIX: Proto = ["unix", AF_UNIX, 0];

/** The tables each kind reads (psutil's `tmap`), in psutil's order. */
export const KIND_TABLES: Readonly<Record<ConnKind, readonly Proto[]>> = {
  all: [TCP4, TCP6, UDP4, UDP6, UNIX],
  tcp: [TCP4, TCP6],
  tcp4: [TCP4],
  tcp6: [TCP6],
  udp: [UDP4, UDP6],
  udp4: [UDP4],
  udp6: [UDP6],
  unix: [UNIX],
  inet: [TCP4, TCP6, UDP4, UDP6],
  inet4: [TCP4, UDP4],
  inet6: [TCP6, UDP6],
};

function statusOf(state: number, type: number, path: string): string {
  if (type !== SOCK_STREAM) return "NONE";
  const s = TCP_STATUSES[state];
  if (s === undefined || s === "") throw new MalformedFileError(path, `unknown TCP state ${state}`);
  return s;
}

/**
 * Connections of `kind`; with `pid`, only that process's (its fd directory must be readable: errors propagate
 * for the caller to map to NoSuchProcess/AccessDenied).
 */
export function netConnections(ctx: LinuxContext, kind: ConnKind, pid?: number): NetConnection[] {
  const tables = KIND_TABLES[kind];
  const wantsTcp = ctx.live && tables.some(([, , type]) => type === SOCK_STREAM);
  let inodes: InodeMap;
  let tcp: TcpSocket[] | null = null;
  if (pid !== undefined) {
    inodes = new Map();
    scanPid(ctx, pid, inodes);
    if (inodes.size === 0) return [];
    if (wantsTcp) tcp = tcpSockets();
  } else {
    // The TCP dump is asked for first: where the runtime sends it off-thread, the kernel walks its TCP tables
    // while the fd scan runs here.
    const pending = wantsTcp ? startTcpDump() : null;
    try {
      inodes = allInodes(ctx);
    } finally {
      if (pending !== null) tcp = finishTcpDump(pending);
    }
  }
  const out: NetConnection[] = [];
  const seen = new Set<string>();
  // Unowned entries can repeat (many TIME_WAIT sockets with inode 0, or unbound UNIX sockets): psutil returns a
  // set, so each distinct tuple once. Owned entries differ by (pid, fd) already.
  const push = (c: NetConnection): void => {
    if (c.pid === null) {
      const key = `${c.family}|${c.type}|${addrKey(c.laddr)}|${addrKey(c.raddr)}|${c.status}`;
      if (seen.has(key)) return;
      seen.add(key);
    }
    out.push(c);
  };
  for (const [file, family, type] of tables) {
    const path = `${ctx.procfs}/net/${file}`;
    if (family === AF_UNIX) {
      const bytes = ctx.io.read(path);
      parseUnixTable(bytes, path, (s) => {
        const pairs = inodes.get(s.inode);
        if (pairs === undefined) {
          if (pid === undefined) {
            push({ fd: -1, family, type: s.type, laddr: s.path, raddr: "", status: "NONE", pid: null });
          }
          return;
        }
        for (let i = 0; i < pairs.length; i += 2) {
          push({ fd: pairs[i + 1], family, type: s.type, laddr: s.path, raddr: "", status: "NONE", pid: pairs[i] });
        }
      });
      continue;
    }
    const visit = (s: InetSocket): void => {
      const pairs = inodes.get(s.inode);
      if (pairs === undefined && pid !== undefined) return;
      push({
        fd: pairs === undefined ? -1 : pairs[1],
        family,
        type,
        laddr: s.laddr,
        raddr: s.raddr,
        status: statusOf(s.state, type, path),
        pid: pairs === undefined ? null : pairs[0],
      });
    };
    if (type === SOCK_STREAM && tcp !== null) {
      for (const s of tcp) if (s.family === family) visit(s);
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = ctx.io.read(path);
    } catch (e) {
      // No IPv6 in this kernel: no tcp6/udp6 table, and no IPv6 connections.
      if (family === AF_INET6 && e instanceof SystemCallError && e.code === "ENOENT") continue;
      throw e;
    }
    parseInetTable(bytes, family === AF_INET6, path, visit);
  }
  return out;
}

function addrKey(a: NetConnection["laddr"]): string {
  return a === null ? "" : typeof a === "string" ? a : `${a.ip}#${a.port}`;
}

/**
 * Windows network: adapters (GetAdaptersAddresses, keyed by friendly name as psutil), their counters and state
 * (GetIfTable2's MIB_IF_ROW2) and the TCP/UDP tables with owning pids (GetExtendedTcpTable/UdpTable).
 *
 * @module
 */
import { decode, sizeOf, type StructDef, type StructValue } from "../../ffi/struct.ts";
import type { NetConnection, NetIoCounters, NicAddress, NicStats } from "../../src/types.ts";
import type { ConnKind, PlatformBackend } from "../backend.ts";
import {
  IP_ADAPTER_ADDRESSES,
  IP_ADAPTER_UNICAST_ADDRESS,
  MIB_IF_ROW2,
  MIB_TCP6ROW_OWNER_PID,
  MIB_TCPROW_OWNER_PID,
  MIB_UDP6ROW_OWNER_PID,
  MIB_UDPROW_OWNER_PID,
  SOCKADDR_IN,
  SOCKADDR_IN6,
} from "./structs_net.ts";
import {
  addressOfBuffer,
  alloc,
  ERROR_BUFFER_OVERFLOW,
  ERROR_INSUFFICIENT_BUFFER,
  ffi,
  iphlpapi,
  viewOf,
  wideAt,
  winError,
} from "./_win32.ts";
import { ipv4, ipv4Netmask, ipv6, macAddress, networkPort } from "./inet.ts";

/** Windows `AF_INET`. */
export const AF_INET = 2;
/** Windows `AF_INET6`. */
export const AF_INET6 = 23;
/** psutil's `AF_LINK` on Windows. */
export const AF_LINK = -1;
const SOCK_STREAM = 1;
const SOCK_DGRAM = 2;
const TCP_TABLE_OWNER_PID_ALL = 5;
const UDP_TABLE_OWNER_PID = 1;
/** `STATUS_UNSUCCESSFUL`, which the table calls may answer while the table grows. */
const STATUS_UNSUCCESSFUL = 0xc0000001;
const MIB_TCP_STATE_LISTEN = 2;

/** `MIB_TCP_STATE_*` → psutil's `CONN_*`. */
export const TCP_STATES: Readonly<Record<number, string>> = Object.freeze({
  1: "CLOSE",
  2: "LISTEN",
  3: "SYN_SENT",
  4: "SYN_RECV",
  5: "ESTABLISHED",
  6: "FIN_WAIT1",
  7: "FIN_WAIT2",
  8: "CLOSE_WAIT",
  9: "CLOSING",
  10: "LAST_ACK",
  11: "TIME_WAIT",
  12: "DELETE_TCB",
});

/** One adapter from GetAdaptersAddresses. */
export interface Adapter {
  /** Interface index. */
  index: number;
  /** Friendly name (the key psutil uses). */
  name: string;
  /** Hardware address bytes. */
  mac: Uint8Array;
  /** Unicast addresses: family, text, IPv4 prefix length. */
  unicast: { family: number; address: string; prefix: number }[];
}

/** Parses a GetAdaptersAddresses buffer; `base` is its native address (the list's pointers point inside it). */
export function parseAdapters(bytes: Uint8Array, base: bigint): Adapter[] {
  const view = viewOf(bytes);
  const at = (p: bigint): number | null => {
    const off = p - base;
    return p !== 0n && off >= 0n && off < BigInt(bytes.byteLength) ? Number(off) : null;
  };
  const out: Adapter[] = [];
  let off: number | null = bytes.byteLength >= sizeOf(IP_ADAPTER_ADDRESSES, "llp64") ? 0 : null;
  let guard = 0;
  while (off !== null && guard++ < 4096) {
    const a = decode(IP_ADAPTER_ADDRESSES, view, off, "llp64");
    const nameAt = at(a.FriendlyName);
    const adapter: Adapter = {
      index: a.IfIndex || a.Ipv6IfIndex,
      name: nameAt === null ? "" : wideAt(bytes, nameAt, 257),
      mac: a.PhysicalAddress.subarray(0, Math.min(8, a.PhysicalAddressLength)),
      unicast: [],
    };
    let u = at(a.FirstUnicastAddress);
    let uguard = 0;
    while (u !== null && uguard++ < 4096) {
      const ua = decode(IP_ADAPTER_UNICAST_ADDRESS, view, u, "llp64");
      const sa = at(ua.Address.lpSockaddr);
      if (sa !== null) {
        const family = view.getUint16(sa, true);
        if (family === AF_INET) {
          const s = decode(SOCKADDR_IN, view, sa, "llp64");
          adapter.unicast.push({ family, address: ipv4(s.sin_addr), prefix: ua.OnLinkPrefixLength });
        } else if (family === AF_INET6) {
          const s = decode(SOCKADDR_IN6, view, sa, "llp64");
          adapter.unicast.push({ family, address: ipv6(s.sin6_addr), prefix: ua.OnLinkPrefixLength });
        }
      }
      u = at(ua.Next);
    }
    out.push(adapter);
    off = at(a.Next);
  }
  return out;
}

/** Calls GetAdaptersAddresses (AF_UNSPEC, no flags) until the buffer is big enough. */
export function adapters(): Adapter[] {
  const size = new Uint32Array([16 * 1024]);
  for (let attempt = 0; attempt < 8; attempt++) {
    const buf = alloc(size[0]);
    const rc = iphlpapi().GetAdaptersAddresses(0, 0, null, buf, size);
    if (rc === 0) return parseAdapters(buf, addressOfBuffer(buf));
    if (rc !== ERROR_BUFFER_OVERFLOW) throw winError("GetAdaptersAddresses", rc);
  }
  throw winError("GetAdaptersAddresses", ERROR_BUFFER_OVERFLOW);
}

type IfRow = StructValue<typeof MIB_IF_ROW2>;
const ROW2_SIZE = sizeOf(MIB_IF_ROW2, "llp64");

/** Decodes a `MIB_IF_TABLE2` (NumEntries, then rows 8-byte aligned). */
export function parseIfTable2(bytes: Uint8Array): IfRow[] {
  const view = viewOf(bytes);
  const n = view.getUint32(0, true);
  const rows: IfRow[] = [];
  for (let i = 0; i < n && 8 + (i + 1) * ROW2_SIZE <= bytes.byteLength; i++) {
    rows.push(decode(MIB_IF_ROW2, view, 8 + i * ROW2_SIZE, "llp64"));
  }
  return rows;
}

/** Every interface row, by interface index (GetIfTable2; the table is freed with FreeMibTable). */
export function ifRows(): Map<number, IfRow> {
  const ip = iphlpapi();
  const a = ffi();
  const out = new BigUint64Array(1);
  const rc = ip.GetIfTable2(out);
  if (rc !== 0) throw winError("GetIfTable2", rc);
  const ptr = a.pointerFrom(out[0]);
  try {
    const n = new DataView(a.copyBytes(ptr, 8).buffer).getUint32(0, true);
    const rows = parseIfTable2(a.copyBytes(ptr, 8 + n * ROW2_SIZE));
    return new Map(rows.map((r) => [r.InterfaceIndex, r]));
  } finally {
    ip.FreeMibTable(ptr);
  }
}

/** Families and socket types of a `kind` (psutil's `conn_tmap`; AF_UNIX has no table on Windows). */
export function kindFilter(kind: ConnKind): { families: number[]; types: number[] } {
  const both = [AF_INET, AF_INET6];
  const bothTypes = [SOCK_STREAM, SOCK_DGRAM];
  switch (kind) {
    case "all":
    case "inet":
      return { families: both, types: bothTypes };
    case "inet4":
      return { families: [AF_INET], types: bothTypes };
    case "inet6":
      return { families: [AF_INET6], types: bothTypes };
    case "tcp":
      return { families: both, types: [SOCK_STREAM] };
    case "tcp4":
      return { families: [AF_INET], types: [SOCK_STREAM] };
    case "tcp6":
      return { families: [AF_INET6], types: [SOCK_STREAM] };
    case "udp":
      return { families: both, types: [SOCK_DGRAM] };
    case "udp4":
      return { families: [AF_INET], types: [SOCK_DGRAM] };
    case "udp6":
      return { families: [AF_INET6], types: [SOCK_DGRAM] };
    case "unix":
      return { families: [], types: [] };
  }
}

function table(fn: "GetExtendedTcpTable" | "GetExtendedUdpTable", af: number, cls: number): Uint8Array {
  const ip = iphlpapi();
  const size = new Uint32Array([64 * 1024]);
  for (let attempt = 0; attempt < 8; attempt++) {
    const buf = alloc(size[0]);
    const rc = ip[fn](buf, size, 0, af, cls, 0);
    if (rc === 0) return buf;
    if (rc !== ERROR_INSUFFICIENT_BUFFER && rc !== STATUS_UNSUCCESSFUL) throw winError(fn, rc);
    size[0] = Math.max(size[0] * 2, size[0] + size[0] / 4);
  }
  throw winError(fn, ERROR_INSUFFICIENT_BUFFER);
}

const isZero = (b: ArrayLike<number>): boolean => Array.prototype.every.call(b, (x: number) => x === 0);

/** Decodes a TCP or UDP owner-pid table of `af` into psutil's tuples (pid filter: -1 for all). */
export function parseConnTable(bytes: Uint8Array, af: number, type: number, pid: number): NetConnection[] {
  const view = viewOf(bytes);
  const n = view.getUint32(0, true);
  const out: NetConnection[] = [];
  const tcp = type === SOCK_STREAM;
  const def: StructDef = tcp
    ? (af === AF_INET ? MIB_TCPROW_OWNER_PID : MIB_TCP6ROW_OWNER_PID)
    : (af === AF_INET ? MIB_UDPROW_OWNER_PID : MIB_UDP6ROW_OWNER_PID);
  const size = sizeOf(def, "llp64");
  const fmt = af === AF_INET ? ipv4 : ipv6;
  for (let i = 0; i < n && 4 + (i + 1) * size <= bytes.byteLength; i++) {
    const r = decode(def, view, 4 + i * size, "llp64") as Record<string, unknown>;
    const owner = r.dwOwningPid as number;
    if (pid !== -1 && owner !== pid) continue;
    const laddrBytes = (r.dwLocalAddr ?? r.ucLocalAddr) as Uint8Array;
    const lport = r.dwLocalPort as number;
    const laddr = !isZero(laddrBytes) || lport !== 0 ? { ip: fmt(laddrBytes), port: networkPort(lport) } : null;
    let raddr = null;
    let status = "NONE";
    if (tcp) {
      const state = r.dwState as number;
      const raddrBytes = (r.dwRemoteAddr ?? r.ucRemoteAddr) as Uint8Array;
      const rport = r.dwRemotePort as number;
      if ((!isZero(raddrBytes) || rport !== 0) && state !== MIB_TCP_STATE_LISTEN) {
        raddr = { ip: fmt(raddrBytes), port: networkPort(rport) };
      }
      status = TCP_STATES[state] ?? "NONE";
    }
    out.push({ fd: -1, family: af, type, laddr, raddr, status, pid: owner });
  }
  return out;
}

/** Connections of `kind`; only those owned by `pid` when given (psutil's `net_connections`, deduplicated). */
export function connections(kind: ConnKind, pid?: number): NetConnection[] {
  const { families, types } = kindFilter(kind);
  const want = pid ?? -1;
  const all: NetConnection[] = [];
  for (const af of [AF_INET, AF_INET6]) {
    if (!families.includes(af)) continue;
    if (types.includes(SOCK_STREAM)) {
      all.push(...parseConnTable(table("GetExtendedTcpTable", af, TCP_TABLE_OWNER_PID_ALL), af, SOCK_STREAM, want));
    }
    if (types.includes(SOCK_DGRAM)) {
      all.push(...parseConnTable(table("GetExtendedUdpTable", af, UDP_TABLE_OWNER_PID), af, SOCK_DGRAM, want));
    }
  }
  const seen = new Set<string>();
  return all.filter((c) => {
    const key = JSON.stringify(c);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The network members of the Windows backend. */
export function windowsNet(): Pick<PlatformBackend, "netIoCounters" | "netIfAddrs" | "netIfStats" | "netConnections"> {
  return {
    netIoCounters(): Map<string, NetIoCounters> {
      const rows = ifRows();
      const out = new Map<string, NetIoCounters>();
      for (const a of adapters()) {
        const r = rows.get(a.index);
        if (r === undefined) continue;
        out.set(a.name, {
          bytesSent: r.OutOctets,
          bytesRecv: r.InOctets,
          packetsSent: r.OutUcastPkts + r.OutNUcastPkts,
          packetsRecv: r.InUcastPkts + r.InNUcastPkts,
          errin: r.InErrors,
          errout: r.OutErrors,
          dropin: r.InDiscards,
          dropout: r.OutDiscards,
        });
      }
      return out;
    },
    netIfAddrs(): Map<string, NicAddress[]> {
      const out = new Map<string, NicAddress[]>();
      for (const a of adapters()) {
        const list: NicAddress[] = [];
        if (a.mac.length > 0) {
          list.push({
            family: AF_LINK,
            address: macAddress(a.mac, a.mac.length),
            netmask: null,
            broadcast: null,
            ptp: null,
          });
        }
        for (const u of a.unicast) {
          list.push({
            family: u.family,
            address: u.address,
            netmask: u.family === AF_INET ? ipv4Netmask(u.prefix) : null,
            broadcast: null,
            ptp: null,
          });
        }
        out.set(a.name, list);
      }
      return out;
    },
    netIfStats(): Map<string, NicStats> {
      const rows = ifRows();
      const out = new Map<string, NicStats>();
      for (const a of adapters()) {
        const r = rows.get(a.index);
        if (r === undefined) continue;
        // IfOperStatusUp (1) and NET_IF_ADMIN_STATUS_UP (1).
        const isup = r.OperStatus === 1 && r.AdminStatus === 1;
        const speed = r.TransmitLinkSpeed >= Number.MAX_SAFE_INTEGER ? 0 : Math.floor(r.TransmitLinkSpeed / 1e6);
        // Windows reports no duplex: psutil assumes full.
        out.set(a.name, { isup, duplex: 2, speed, mtu: r.Mtu, flags: "" });
      }
      return out;
    },
    netConnections(kind: ConnKind, pid?: number): NetConnection[] {
      return connections(kind, pid);
    },
  };
}

/**
 * Linux `netIfAddrs`: the interface list glibc's `getifaddrs` would build, read straight from rtnetlink (an
 * `RTM_GETLINK` dump, then an `RTM_GETADDR` dump) into one reused buffer, and turned into psutil's records
 * (psutil: `net_if_addrs` in `_psutil_posix.c`, over `getifaddrs`).
 *
 * The entries are those `getifaddrs` lists, in its order: one `AF_PACKET` entry per link (its hardware and
 * broadcast addresses), then one per IPv4 and IPv6 address. The netlink attributes are folded the way glibc folds
 * them: an address's `IFA_ADDRESS` is its address unless an `IFA_LOCAL` comes too, in which case the local address
 * is the address and `IFA_ADDRESS` becomes the broadcast/destination field (a point-to-point peer, or the address
 * itself where no `IFA_BROADCAST` replaces it); `IFA_LABEL` names an IPv4 alias (`eth0:1`); the netmask comes
 * from the prefix length; a link-local IPv6 address carries its interface as scope. psutil then reads that field
 * as the broadcast address when the interface has `IFF_BROADCAST`, as the destination when `IFF_POINTOPOINT`.
 * Addresses are written as glibc's `getnameinfo(NI_NUMERICHOST)` writes them: a link-local (or link-local
 * multicast) IPv6 address with a scope gets `%<interface name>`.
 *
 * Reading netlink directly instead of calling `getifaddrs` saves its socket setup and its list building (and, in
 * JavaScript, a walk over native memory): about half of psutil's time.
 *
 * @module
 */
import type { NicAddress } from "../../src/types.ts";
import { requireAdapter } from "../../ffi/mod.ts";
import { offsetOf, sizeOf } from "../../ffi/struct.ts";
import { lastError, libcTable } from "./libc.ts";
import { formatIpv4, formatIpv6 } from "./net_ntop.ts";
import { asciiOrUtf8 } from "./procfs/_parse.ts";
import { ifaddrmsg, ifinfomsg, rtattr } from "./structs.ts";
import {
  AF_NETLINK,
  nextSeq,
  NLM_F_DUMP_INTR,
  NLMSG_HDRLEN,
  receiveDump,
  walkDump,
  writeDumpHeader,
} from "./netlink.ts";
import { LIBC_NETLINK, SOCK_CLOEXEC } from "./symbols.ts";

const SOCK_RAW = 3;
const NETLINK_ROUTE = 0;
const AF_INET = 2;
const AF_INET6 = 10;
const AF_PACKET = 17;
const RTM_NEWLINK = 16;
const RTM_GETLINK = 18;
const RTM_NEWADDR = 20;
const RTM_GETADDR = 22;
const IFLA_ADDRESS = 1;
const IFLA_BROADCAST = 2;
const IFLA_IFNAME = 3;
const IFA_ADDRESS = 1;
const IFA_LOCAL = 2;
const IFA_LABEL = 3;
const IFA_BROADCAST = 4;
/** `IFF_BROADCAST`, `IFF_POINTOPOINT` (linux/if.h). */
const IFF_BROADCAST = 0x2;
const IFF_POINTOPOINT = 0x10;
/** The longest hardware address glibc keeps (`sockaddr_ll_max`'s 24 bytes). */
const MAX_HWADDR = 24;

const HDR = NLMSG_HDRLEN;
const IFI = sizeOf(ifinfomsg, "lp64");
const IFI_INDEX = offsetOf(ifinfomsg, "ifi_index", "lp64");
const IFI_FLAGS = offsetOf(ifinfomsg, "ifi_flags", "lp64");
const IFA = sizeOf(ifaddrmsg, "lp64");
const IFA_FAMILY = offsetOf(ifaddrmsg, "ifa_family", "lp64");
const IFA_PREFIXLEN = offsetOf(ifaddrmsg, "ifa_prefixlen", "lp64");
const IFA_INDEX = offsetOf(ifaddrmsg, "ifa_index", "lp64");
const RTA = sizeOf(rtattr, "lp64");
const RTA_TYPE = offsetOf(rtattr, "rta_type", "lp64");

/** "00" … "ff". */
const HEX2: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** `aa:bb:…` of `len` bytes; the same zero-padding to six groups psutil applies to a short address. */
export function formatMac(b: Uint8Array, off: number, len: number): string {
  let out = "";
  for (let i = 0; i < len; i++) out += (i === 0 ? "" : ":") + HEX2[b[off + i]];
  for (let i = len; i < 6; i++) out += i === 0 ? "00" : ":00";
  return out;
}

/** Whether the 16 bytes at `off` are fe80::/10 or link-local multicast, where glibc sets the scope. */
function linkLocal(b: Uint8Array, off: number): boolean {
  return (b[off] === 0xfe && (b[off + 1] & 0xc0) === 0x80) || (b[off] === 0xff && (b[off + 1] & 0x0f) === 0x02);
}

/** The NUL-terminated name in `b[start..end)`. */
function cname(b: Uint8Array, start: number, end: number): string {
  let nul = start;
  while (nul < end && b[nul] !== 0) nul++;
  return asciiOrUtf8(b, start, nul);
}

/** The text of an IPv4/IPv6 address attribute (glibc keeps the all-zero address when the length is wrong). */
function ipText(b: Uint8Array, off: number, len: number, family: number, scopeName: string): string {
  if (family === AF_INET) return len === 4 ? formatIpv4(b, off) : "0.0.0.0";
  if (len !== 16) return "::";
  const text = formatIpv6(b, off);
  return linkLocal(b, off) ? `${text}%${scopeName}` : text;
}

/** The netmask of a `prefix`-bit IPv4 or IPv6 prefix. */
function netmaskText(family: number, prefix: number): string {
  const bytes = new Uint8Array(16);
  const max = family === AF_INET ? 32 : 128;
  let bits = Math.min(prefix, max);
  for (let i = 0; bits > 0; i++, bits -= 8) bytes[i] = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
  return family === AF_INET ? formatIpv4(bytes, 0) : formatIpv6(bytes, 0);
}

/** One `getifaddrs` entry: the NIC name, the interface flags, and psutil's record. */
interface Entry {
  name: string;
  addr: NicAddress;
}

/** A link from the `RTM_GETLINK` dump. */
interface Link {
  name: string;
  flags: number;
}

/** Calls `each(type, dataStart, dataLength)` for every `rtattr` in `[start, end)` (4-byte aligned). */
function eachAttr(
  v: DataView,
  start: number,
  end: number,
  each: (type: number, data: number, dataLen: number) => void,
): void {
  for (let a = start; a + RTA <= end;) {
    const len = v.getUint16(a, true);
    if (len < RTA || a + len > end) return;
    each(v.getUint16(a + RTA_TYPE, true), a + RTA, len - RTA);
    a += (len + 3) & ~3;
  }
}

/**
 * psutil's record: getifaddrs' broadcast/destination field (`other`) is the broadcast address when the interface
 * has `IFF_BROADCAST`, else the point-to-point peer when it has `IFF_POINTOPOINT`.
 */
function nicAddress(
  family: number,
  address: string,
  netmask: string | null,
  flags: number,
  other: string | null,
): NicAddress {
  return {
    family,
    address,
    netmask,
    broadcast: flags & IFF_BROADCAST ? other : null,
    ptp: !(flags & IFF_BROADCAST) && flags & IFF_POINTOPOINT ? other : null,
  };
}

/**
 * Decodes one `RTM_NEWLINK` message body (`b[off..end)`, after the netlink header) into `links` and, when it has
 * a hardware address, an `AF_PACKET` entry.
 */
function decodeLink(
  b: Uint8Array,
  v: DataView,
  off: number,
  end: number,
  links: Map<number, Link>,
  out: Entry[],
): void {
  const index = v.getInt32(off + IFI_INDEX, true);
  const flags = v.getUint32(off + IFI_FLAGS, true);
  let name = "";
  let hw = -1;
  let hwLen = 0;
  let brd = -1;
  let brdLen = 0;
  eachAttr(v, off + ((IFI + 3) & ~3), end, (type, data, dataLen) => {
    if (type === IFLA_IFNAME) name = cname(b, data, data + dataLen);
    else if (type === IFLA_ADDRESS && dataLen <= MAX_HWADDR) [hw, hwLen] = [data, dataLen];
    else if (type === IFLA_BROADCAST && dataLen <= MAX_HWADDR) [brd, brdLen] = [data, dataLen];
  });
  links.set(index, { name, flags });
  // glibc leaves ifa_addr NULL without IFLA_ADDRESS (psutil skips the entry), and psutil skips a 0-byte address.
  if (hw < 0 || hwLen === 0) return;
  const other = brd >= 0 && brdLen > 0 ? formatMac(b, brd, brdLen) : null;
  out.push({ name, addr: nicAddress(AF_PACKET, formatMac(b, hw, hwLen), null, flags, other) });
}

/** Decodes one `RTM_NEWADDR` message body into an entry (IPv4 and IPv6 only: psutil skips other families). */
function decodeAddr(
  b: Uint8Array,
  v: DataView,
  off: number,
  end: number,
  links: Map<number, Link>,
  out: Entry[],
): void {
  const family = b[off + IFA_FAMILY];
  if (family !== AF_INET && family !== AF_INET6) return;
  const link = links.get(v.getUint32(off + IFA_INDEX, true));
  if (link === undefined) return; // a link added after the link dump: getifaddrs would not list it either
  let name = link.name;
  // glibc's two sockaddr slots: the address, and the broadcast/destination union.
  let addr: [number, number] | null = null;
  let other: [number, number] | null = null;
  eachAttr(v, off + ((IFA + 3) & ~3), end, (type, data, dataLen) => {
    const slot: [number, number] = [data, dataLen];
    if (type === IFA_ADDRESS) {
      // After an IFA_LOCAL, IFA_ADDRESS is the peer of a point-to-point link.
      if (addr !== null) other = slot;
      else addr = slot;
    } else if (type === IFA_LOCAL) {
      // IFA_LOCAL is the address; an IFA_ADDRESS seen before it moves to the broadcast/destination slot.
      if (addr !== null) other = addr;
      addr = slot;
    } else if (type === IFA_BROADCAST) {
      other = slot;
    } else if (type === IFA_LABEL) {
      name = cname(b, data, data + dataLen);
    }
  });
  if (addr === null) return;
  const scope = link.name;
  const peer = other === null ? null : ipText(b, other[0], other[1], family, scope);
  const address = ipText(b, addr[0], addr[1], family, scope);
  out.push({ name, addr: nicAddress(family, address, netmaskText(family, b[off + IFA_PREFIXLEN]), link.flags, peer) });
}

/** What one buffer of a dump held: the end of the dump, an error, or more to read. */
type DumpState = "done" | "error" | "interrupted" | "more";

/**
 * Decodes the rtnetlink messages in `b[0..n)` answering request `seq`: links into `links` (and their
 * `AF_PACKET` entries), addresses into `out`.
 */
export function decodeRtnetlink(
  b: Uint8Array,
  n: number,
  seq: number,
  links: Map<number, Link>,
  out: Entry[],
): DumpState {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let interrupted = false;
  const state = walkDump(b, n, seq, (type, off, len, flags) => {
    if (flags & NLM_F_DUMP_INTR) interrupted = true;
    if (type === RTM_NEWLINK && len >= HDR + IFI) decodeLink(b, v, off + HDR, off + len, links, out);
    else if (type === RTM_NEWADDR && len >= HDR + IFA) decodeAddr(b, v, off + HDR, off + len, links, out);
  });
  return state !== "error" && interrupted ? "interrupted" : state;
}

let buffer: Uint8Array | undefined;
/**
 * The route netlink socket, kept for the life of the process (close-on-exec, no multicast groups joined, so
 * nothing arrives unasked); answers to an earlier request that was cut short are told apart by sequence number.
 */
let routeFd = -1;
const request = new Uint8Array(HDR + 4);
const requestView = new DataView(request.buffer);

/** Sends one dump request of `type` on `fd` and decodes the answer; false when the dump changed meanwhile. */
function dump(fd: number, type: number, links: Map<number, Link>, out: Entry[]): boolean {
  const seq = nextSeq();
  writeDumpHeader(requestView, type, seq);
  request[HDR] = AF_PACKET; // struct rtgenmsg, as glibc asks: every family
  if (Number(libcTable(LIBC_NETLINK).send(fd, request, request.length, 0)) !== request.length) throw lastError("send");
  const b = buffer ??= new Uint8Array(1 << 15);
  const end = receiveDump(fd, b, (n) => decodeRtnetlink(b, n, seq, links, out));
  if (end === "done") return true;
  if (end === "interrupted") return false;
  if (typeof end !== "string") throw end;
  throw lastError("getifaddrs");
}

/**
 * Addresses per NIC name. Entries are ordered as psutil orders them: stably sorted by family (AF_INET,
 * AF_INET6, then AF_PACKET, which psutil calls AF_LINK), NICs in order of their first entry after that sort.
 */
export function netIfAddrs(): Map<string, NicAddress[]> {
  requireAdapter("netIfAddrs");
  const lib = libcTable(LIBC_NETLINK);
  let entries: Entry[] = [];
  if (routeFd < 0) {
    routeFd = lib.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (routeFd < 0) throw lastError("socket");
  }
  try {
    // As glibc does, start over when a dump reports that the list changed under it.
    for (let attempt = 0;; attempt++) {
      const links = new Map<number, Link>();
      entries = [];
      if ((dump(routeFd, RTM_GETLINK, links, entries) && dump(routeFd, RTM_GETADDR, links, entries)) || attempt >= 3) {
        break;
      }
    }
  } catch (e) {
    // A socket in an unknown state (a dump cut short): the next call starts on a fresh one.
    lib.close(routeFd);
    routeFd = -1;
    throw e;
  }
  entries.sort((x, y) => x.addr.family - y.addr.family); // Array.prototype.sort is stable
  const out = new Map<string, NicAddress[]>();
  for (const { name, addr } of entries) {
    const list = out.get(name);
    if (list === undefined) out.set(name, [addr]);
    else list.push(addr);
  }
  return out;
}

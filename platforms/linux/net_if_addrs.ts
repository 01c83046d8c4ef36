/**
 * Linux `netIfAddrs`: libc `getifaddrs`, each `struct ifaddrs` and its `sockaddr`s decoded with the descriptors
 * of `structs.ts` (psutil: `net_if_addrs` in `_psutil_posix.c`). Addresses are written as glibc's
 * `getnameinfo(NI_NUMERICHOST)` writes them: a link-local (or link-local multicast) IPv6 address with a scope gets
 * `%<interface name>`, any other scoped IPv6 address `%<scope id>`.
 *
 * @module
 */
import type { NicAddress } from "../../src/types.ts";
import type { FfiAdapter } from "../../ffi/mod.ts";
import { requireAdapter } from "../../ffi/mod.ts";
import { offsetOf, sizeOf } from "../../ffi/struct.ts";
import { lastError, libcTable } from "./libc.ts";
import { ifaddrs, sockaddr_in, sockaddr_in6, sockaddr_ll } from "./structs.ts";
import { LIBC_NET } from "./symbols.ts";
import { formatIpv4, formatIpv6 } from "./net_ntop.ts";

const AF_INET = 2;
const AF_INET6 = 10;
const AF_PACKET = 17;
/** `IFF_BROADCAST`, `IFF_POINTOPOINT` (linux/if.h). */
const IFF_BROADCAST = 0x2;
const IFF_POINTOPOINT = 0x10;

const IFADDRS_SIZE = sizeOf(ifaddrs, "lp64");
const SIN_SIZE = sizeOf(sockaddr_in, "lp64");
const SIN6_SIZE = sizeOf(sockaddr_in6, "lp64");
const SLL_HALEN = offsetOf(sockaddr_ll, "sll_halen", "lp64");
const SLL_ADDR = offsetOf(sockaddr_ll, "sll_addr", "lp64");

const PAGE = 4096;
const decoder = new TextDecoder();

// Field offsets computed from the descriptors once (user-space addresses fit a double exactly: below 2^57).
const IFA_NEXT = offsetOf(ifaddrs, "ifa_next", "lp64");
const IFA_NAME = offsetOf(ifaddrs, "ifa_name", "lp64");
const IFA_FLAGS = offsetOf(ifaddrs, "ifa_flags", "lp64");
const IFA_ADDR = offsetOf(ifaddrs, "ifa_addr", "lp64");
const IFA_NETMASK = offsetOf(ifaddrs, "ifa_netmask", "lp64");
const IFA_IFU = offsetOf(ifaddrs, "ifa_ifu", "lp64");
const SIN_ADDR = offsetOf(sockaddr_in, "sin_addr", "lp64");
const SIN6_ADDR = offsetOf(sockaddr_in6, "sin6_addr", "lp64");
const SIN6_SCOPE = offsetOf(sockaddr_in6, "sin6_scope_id", "lp64");

/**
 * Reads native memory a page at a time and keeps the pages: glibc's `getifaddrs` puts every entry, sockaddr and
 * name in one allocation, so a whole list costs a copy or two instead of one per field (each copy is a runtime
 * call). Copying the whole page around a valid address is safe: memory protection is per page.
 */
class PageReader {
  readonly #a: FfiAdapter;
  readonly #pages = new Map<number, Uint8Array>();
  readonly #scratch = new Uint8Array(64);
  constructor(a: FfiAdapter) {
    this.#a = a;
  }

  #page(base: number): Uint8Array {
    let p = this.#pages.get(base);
    if (p === undefined) this.#pages.set(base, p = this.#a.copyBytes(this.#a.pointerFrom(BigInt(base)), PAGE));
    return p;
  }

  /** `len` bytes at `addr` (a view valid until the next call when they straddle two pages). */
  bytes(addr: number, len: number): Uint8Array {
    const off = addr % PAGE;
    if (off + len <= PAGE) return this.#page(addr - off).subarray(off, off + len);
    const out = len <= this.#scratch.length ? this.#scratch.subarray(0, len) : new Uint8Array(len);
    for (let i = 0; i < len;) {
      const o = (addr + i) % PAGE;
      const n = Math.min(len - i, PAGE - o);
      out.set(this.#page(addr + i - o).subarray(o, o + n), i);
      i += n;
    }
    return out;
  }

  /** A DataView of `len` bytes at `addr`. */
  view(addr: number, len: number): DataView {
    const b = this.bytes(addr, len);
    return new DataView(b.buffer, b.byteOffset, b.byteLength);
  }

  /** The pointer-sized field at `off` of `v`, as a number (0 for NULL). */
  pointer(v: DataView, off: number): number {
    return v.getUint32(off, true) + v.getUint32(off + 4, true) * 0x100000000;
  }

  readonly #strings = new Map<number, string>();

  /** The NUL-terminated string at `addr` (glibc points every entry of an interface at one name: decoded once). */
  cstring(addr: number): string {
    let s = this.#strings.get(addr);
    if (s === undefined) this.#strings.set(addr, s = this.#cstring(addr));
    return s;
  }

  #cstring(addr: number): string {
    const parts: Uint8Array[] = [];
    for (let a = addr;;) {
      const off = a % PAGE;
      const page = this.#page(a - off);
      const nul = page.indexOf(0, off);
      if (nul >= 0) {
        parts.push(page.subarray(off, nul));
        break;
      }
      parts.push(page.subarray(off));
      a += PAGE - off;
    }
    if (parts.length === 1) return decoder.decode(parts[0]);
    const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      all.set(p, o);
      o += p.length;
    }
    return decoder.decode(all);
  }
}

/** `aa:bb:…` of `len` bytes; the same zero-padding to six groups psutil applies to a short address. */
export function formatMac(b: Uint8Array, off: number, len: number): string {
  const parts: string[] = [];
  for (let i = 0; i < len; i++) parts.push(b[off + i].toString(16).padStart(2, "0"));
  while (parts.length < 6) parts.push("00");
  return parts.join(":");
}

/** Whether `b` (16 bytes at `off`) is fe80::/10 or link-local multicast, where glibc names the scope. */
function namedScope(b: Uint8Array, off: number): boolean {
  return (b[off] === 0xfe && (b[off + 1] & 0xc0) === 0x80) || (b[off] === 0xff && (b[off + 1] & 0x0f) === 0x02);
}

class Reader {
  readonly mem: PageReader;
  constructor(a: FfiAdapter) {
    this.mem = new PageReader(a);
  }

  /**
   * psutil's `psutil_convert_ipaddr`: the text of the sockaddr at `addr`, or `null`. `ifname` is the entry's
   * interface: glibc's `getifaddrs` sets a link-local address's `sin6_scope_id` to the index of the interface
   * the address belongs to, so the name `getnameinfo` would look up with `if_indextoname` is that interface's
   * (taken from the same snapshot, without the extra socket and ioctl per address).
   */
  convert(addr: number, family: number, ifname: string): string | null {
    if (addr === 0) return null;
    if (family === AF_INET) return formatIpv4(this.mem.bytes(addr, SIN_SIZE), SIN_ADDR);
    if (family === AF_INET6) {
      const b = this.mem.bytes(addr, SIN6_SIZE);
      let text = formatIpv6(b, SIN6_ADDR);
      const scope = new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(SIN6_SCOPE, true);
      if (scope !== 0) {
        text += `%${namedScope(b, SIN6_ADDR) ? ifname : scope}`;
      }
      return text;
    }
    if (family === AF_PACKET) {
      const len = this.mem.bytes(addr, SLL_HALEN + 1)[SLL_HALEN];
      if (len === 0) return null;
      // glibc allocates room for hardware addresses longer than sll_addr's 8 bytes (InfiniBand: 20).
      return formatMac(this.mem.bytes(addr, SLL_ADDR + len), SLL_ADDR, len);
    }
    return null;
  }
}

/** One raw entry: the NIC name and its address record. */
interface RawAddr {
  name: string;
  addr: NicAddress;
}

/**
 * Addresses per NIC name. Entries are ordered as psutil orders them: stably sorted by family (AF_INET,
 * AF_INET6, then AF_PACKET, which psutil calls AF_LINK), NICs in order of their first entry after that sort.
 */
export function netIfAddrs(): Map<string, NicAddress[]> {
  const a = requireAdapter("netIfAddrs");
  const lib = libcTable(LIBC_NET);
  const reader = new Reader(a);
  const headOut = new BigUint64Array(1);
  if (lib.getifaddrs(headOut) !== 0) throw lastError("getifaddrs");
  const head = a.pointerFrom(headOut[0]);
  const raw: RawAddr[] = [];
  try {
    const mem = reader.mem;
    let next = Number(headOut[0]);
    while (next !== 0) {
      const ifa = mem.view(next, IFADDRS_SIZE);
      next = mem.pointer(ifa, IFA_NEXT);
      const addr = mem.pointer(ifa, IFA_ADDR);
      if (addr === 0) continue;
      const flags = ifa.getUint32(IFA_FLAGS, true);
      const netmaskAt = mem.pointer(ifa, IFA_NETMASK);
      const ifuAt = mem.pointer(ifa, IFA_IFU);
      const nameAt = mem.pointer(ifa, IFA_NAME);
      const family = mem.view(addr, 2).getUint16(0, true); // sa_family
      const name = mem.cstring(nameAt);
      const address = reader.convert(addr, family, name);
      if (address === null) continue;
      const netmask = reader.convert(netmaskAt, family, name);
      let broadcast: string | null = null;
      let ptp: string | null = null;
      // ifa_ifu is the broadcast address or the point-to-point destination, by the interface's flags.
      if (flags & IFF_BROADCAST) broadcast = reader.convert(ifuAt, family, name);
      else if (flags & IFF_POINTOPOINT) ptp = reader.convert(ifuAt, family, name);
      raw.push({ name, addr: { family, address, netmask, broadcast, ptp } });
    }
  } finally {
    lib.freeifaddrs(head);
  }
  raw.sort((x, y) => x.addr.family - y.addr.family); // Array.prototype.sort is stable
  const out = new Map<string, NicAddress[]>();
  for (const { name, addr } of raw) {
    const list = out.get(name);
    if (list === undefined) out.set(name, [addr]);
    else list.push(addr);
  }
  return out;
}

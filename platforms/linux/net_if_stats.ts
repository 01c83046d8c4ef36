/**
 * Linux `netIfStats`: for each NIC of `<procfs>/net/dev`, its flags, MTU, duplex and speed.
 *
 * On the live system they are asked as psutil asks them, through ioctls on one datagram socket
 * (`SIOCGIFFLAGS`, `SIOCGIFMTU`, `SIOCETHTOOL`/`ETHTOOL_GSET`): 3 system calls per NIC. Under other roots (a
 * container agent reading the host's mounts, fixture trees) the same facts come from the files of
 * `<sysfs>/class/net/<nic>/`:
 * - `flags` is `dev->flags`. `SIOCGIFFLAGS` returns the kernel's `dev_get_flags()`, which recomputes
 *   `IFF_RUNNING` (the device is up and its operstate is `up` or `unknown`, `netif_oper_up`): tsutil does the
 *   same from `operstate`. psutil keeps the low 16 bits, so `lower_up`/`dormant` never appear. (`IFF_PROMISC` is
 *   reported from `dev->flags`, which also counts promiscuity requested by packet sockets.)
 * - `speed` (Mbit/s, -1 when unknown) and `duplex` (`full`, `half`, `unknown`) are the ethtool link settings;
 *   the kernel refuses to read them (EINVAL/EOPNOTSUPP) when the device is down or has no ethtool support, where
 *   psutil's ioctl reports `NIC_DUPLEX_UNKNOWN` and 0 as well.
 * - `isup` is psutil 5.9.4's: whether `running` is among the flags.
 *
 * @module
 */
import type { NicStats } from "../../src/types.ts";
import type { LinuxContext } from "./context.ts";
import { SystemCallError } from "../../ffi/errors.ts";
import { adapter } from "../../ffi/mod.ts";
import { decode, offsetOf, sizeOf } from "../../ffi/struct.ts";
import { MalformedFileError, text } from "./procfs/_parse.ts";
import { netIoCounters } from "./net_io.ts";
import { errno, lastError, libcTable, linuxErrnoName } from "./libc.ts";
import { ethtool_cmd, ifreq_data, ifreq_flags, ifreq_mtu } from "./structs.ts";
import { ETHTOOL_GSET, LIBC_NET, SIOCETHTOOL, SIOCGIFFLAGS, SIOCGIFMTU, SOCK_CLOEXEC } from "./symbols.ts";

/** Flag names in psutil's order, with their `IFF_*` bits (linux/if.h). */
const FLAG_NAMES: readonly [number, string][] = [
  [0x1, "up"],
  [0x2, "broadcast"],
  [0x4, "debug"],
  [0x8, "loopback"],
  [0x10, "pointopoint"],
  [0x20, "notrailers"],
  [0x40, "running"],
  [0x80, "noarp"],
  [0x100, "promisc"],
  [0x200, "allmulti"],
  [0x400, "master"],
  [0x800, "slave"],
  [0x1000, "multicast"],
  [0x2000, "portsel"],
  [0x4000, "automedia"],
  [0x8000, "dynamic"],
];
const IFF_UP = 0x1;
const IFF_RUNNING = 0x40;

/** The comma-separated flag names of `flags` (low 16 bits), in psutil's order. */
export function flagNames(flags: number): string {
  return FLAG_NAMES.filter(([bit]) => (flags & bit) !== 0).map(([, name]) => name).join(",");
}

/** `SIOCGIFFLAGS`' view of a device: `dev->flags` with `IFF_RUNNING` recomputed from the operstate. */
export function ioctlFlags(devFlags: number, operstate: string): number {
  let f = devFlags & 0xffff & ~IFF_RUNNING;
  if ((f & IFF_UP) !== 0 && (operstate === "up" || operstate === "unknown")) f |= IFF_RUNNING;
  return f;
}

/** The file's trimmed text, or `null` when it is missing or the kernel refuses it (unavailable right now). */
function attr(ctx: LinuxContext, path: string): string | null {
  try {
    return text(ctx.io.read(path)).trim();
  } catch (e) {
    if (e instanceof SystemCallError) return null;
    throw e;
  }
}

function int(s: string, path: string): number {
  const n = s.startsWith("0x") ? parseInt(s.slice(2), 16) : /^-?\d+$/.test(s) ? Number(s) : NaN;
  if (!Number.isFinite(n)) throw new MalformedFileError(path, `not a number ("${s}")`);
  return n;
}

/** Stats of one NIC, or `null` when its sysfs directory is gone (psutil skips ENODEV). */
export function nicStats(ctx: LinuxContext, name: string): NicStats | null {
  const dir = `${ctx.sysfs}/class/net/${name}`;
  const flagsText = attr(ctx, `${dir}/flags`);
  const mtuText = attr(ctx, `${dir}/mtu`);
  if (flagsText === null || mtuText === null) return null;
  const operstate = attr(ctx, `${dir}/operstate`) ?? "unknown";
  const flags = ioctlFlags(int(flagsText, `${dir}/flags`), operstate);
  const duplexText = attr(ctx, `${dir}/duplex`);
  const speedText = attr(ctx, `${dir}/speed`);
  const duplex = duplexText === "full" ? 2 : duplexText === "half" ? 1 : 0;
  const speedRaw = speedText === null ? -1 : int(speedText, `${dir}/speed`);
  const speed = speedRaw < 0 || speedRaw > 0x7fffffff ? 0 : speedRaw;
  const names = flagNames(flags);
  return { isup: (flags & IFF_RUNNING) !== 0, duplex, speed, mtu: int(mtuText, `${dir}/mtu`), flags: names };
}

const IFREQ_SIZE = sizeOf(ifreq_data, "lp64");
const ETHTOOL_SIZE = sizeOf(ethtool_cmd, "lp64");
const DATA_OFFSET = offsetOf(ifreq_data, "ifr_data", "lp64");
const CMD_OFFSET = offsetOf(ethtool_cmd, "cmd", "lp64");
const ENODEV = 19;
const encoder = new TextEncoder();

/** The ioctl reader: one socket per call, reused buffers. */
class IoctlStats {
  readonly #lib = libcTable(LIBC_NET);
  readonly #req = new Uint8Array(IFREQ_SIZE);
  readonly #view = new DataView(this.#req.buffer);
  // An explicit ArrayBuffer has an off-heap backing store that the garbage collector never moves, so the address
  // written into ifr_data stays valid during the ioctl (small typed arrays may live, movable, on the JS heap).
  readonly #cmd = new Uint8Array(new ArrayBuffer(ETHTOOL_SIZE));
  readonly #fd: number;

  constructor() {
    this.#fd = this.#lib.socket(2, 2 | SOCK_CLOEXEC, 0); // AF_INET, SOCK_DGRAM
    if (this.#fd < 0) throw lastError("socket");
  }

  close(): void {
    this.#lib.close(this.#fd);
  }

  /** Runs `request` for `name` with the current ifreq; the errno on failure, 0 on success. */
  #ioctl(name: string, request: number): number {
    this.#req.fill(0);
    const { written } = encoder.encodeInto(name, this.#req.subarray(0, 15)); // IFNAMSIZ - 1, NUL kept
    this.#req.fill(0, written, 16);
    if (request === SIOCETHTOOL) {
      this.#cmd.fill(0);
      new DataView(this.#cmd.buffer).setUint32(CMD_OFFSET, ETHTOOL_GSET, true);
      const a = adapter()!;
      this.#view.setBigUint64(DATA_OFFSET, a.addressOf(a.pointerOf(this.#cmd)), true);
    }
    return this.#lib.ioctl(this.#fd, request, this.#req) === 0 ? 0 : errno();
  }

  #fail(syscall: string, e: number, name: string): never {
    throw new SystemCallError(syscall, e, linuxErrnoName(e), name);
  }

  /** psutil's `net_if_mtu`, `net_if_flags`, `net_if_duplex_speed` for one NIC; `null` on ENODEV (gone). */
  stats(name: string): NicStats | null {
    let e = this.#ioctl(name, SIOCGIFMTU);
    if (e === ENODEV) return null;
    if (e !== 0) this.#fail("ioctl(SIOCGIFMTU)", e, name);
    const mtu = decode(ifreq_mtu, this.#view, 0, "lp64").ifr_mtu;
    e = this.#ioctl(name, SIOCGIFFLAGS);
    if (e === ENODEV) return null;
    if (e !== 0) this.#fail("ioctl(SIOCGIFFLAGS)", e, name);
    const flags = decode(ifreq_flags, this.#view, 0, "lp64").ifr_flags & 0xffff;
    e = this.#ioctl(name, SIOCETHTOOL);
    let duplex = 0;
    let speed = 0;
    // Any ethtool failure leaves duplex unknown and speed 0: psutil does so for EOPNOTSUPP and EINVAL, and a
    // device without ethtool support may answer with another errno (the device itself answered SIOCGIFFLAGS).
    if (e === 0) {
      const cmd = decode(ethtool_cmd, new DataView(this.#cmd.buffer), 0, "lp64");
      // ethtool's DUPLEX_HALF 0, DUPLEX_FULL 1, DUPLEX_UNKNOWN 0xff → psutil's NIC_DUPLEX_* (1, 2, 0).
      duplex = cmd.duplex === 1 ? 2 : cmd.duplex === 0 ? 1 : 0;
      const s = ((cmd.speed_hi << 16) | cmd.speed) >>> 0;
      speed = s === 0xffffffff || s > 0x7fffffff ? 0 : s;
    }
    return { isup: (flags & IFF_RUNNING) !== 0, duplex, speed, mtu, flags: flagNames(flags) };
  }
}

/** Stats per NIC name, for the NICs of `<procfs>/net/dev` in that order. */
export function netIfStats(ctx: LinuxContext): Map<string, NicStats> {
  const out = new Map<string, NicStats>();
  const names = [...netIoCounters(ctx).keys()];
  if (ctx.live && adapter() !== null) {
    const io = new IoctlStats();
    try {
      for (const name of names) {
        const s = io.stats(name);
        if (s !== null) out.set(name, s);
      }
    } finally {
      io.close();
    }
    return out;
  }
  for (const name of names) {
    const s = nicStats(ctx, name);
    if (s !== null) out.set(name, s);
  }
  return out;
}

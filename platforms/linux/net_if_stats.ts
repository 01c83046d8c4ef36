/**
 * Linux `netIfStats`: for each NIC of `<procfs>/net/dev`, the files of `<sysfs>/class/net/<nic>/`.
 *
 * psutil asks the same facts through ioctls (`SIOCGIFFLAGS`, `SIOCGIFMTU`, `SIOCETHTOOL`); sysfs gives them
 * without a socket and under a fixture root:
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
import { MalformedFileError, text } from "./procfs/_parse.ts";
import { netIoCounters } from "./net_io.ts";

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

/** Stats per NIC name, for the NICs of `<procfs>/net/dev` in that order. */
export function netIfStats(ctx: LinuxContext): Map<string, NicStats> {
  const out = new Map<string, NicStats>();
  for (const name of netIoCounters(ctx).keys()) {
    const s = nicStats(ctx, name);
    if (s !== null) out.set(name, s);
  }
  return out;
}

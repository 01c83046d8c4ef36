/**
 * Network: I/O counters, socket connections, interface addresses and interface stats.
 *
 * @module
 */
import type { ConnKind } from "../platforms/backend.ts";
import { need } from "./_backend.ts";
import { wrapCacheClear, wrapNumbers } from "./_wrap_numbers.ts";
import type { NetConnection, NetIoCounters, NicAddress, NicStats } from "./types.ts";

export type { ConnKind } from "../platforms/backend.ts";

/** Options for {@linkcode netIoCounters}. */
export interface NetIoCountersOptions {
  /** `true`: an object of counters per NIC; `false` (default): one sum over every NIC. */
  pernic?: boolean;
  /** `true` (default): counters that wrap around (restart from 0) keep growing; see `netIoCounters.cacheClear()`. */
  nowrap?: boolean;
}

const NET_FIELDS = [
  "bytesSent",
  "bytesRecv",
  "packetsSent",
  "packetsRecv",
  "errin",
  "errout",
  "dropin",
  "dropout",
] as const satisfies readonly (keyof NetIoCounters)[];

const NET_WRAP_KEY = "netIoCounters";

function netRecord(v: readonly number[]): NetIoCounters {
  return {
    bytesSent: v[0],
    bytesRecv: v[1],
    packetsSent: v[2],
    packetsRecv: v[3],
    errin: v[4],
    errout: v[5],
    dropin: v[6],
    dropout: v[7],
  };
}

/** The signature of {@linkcode netIoCounters}: overloads plus the `cacheClear()` property. */
export interface NetIoCountersFn {
  /** Counters summed over every NIC, or `null` when there is none. */
  (options?: NetIoCountersOptions & { pernic?: false }): NetIoCounters | null;
  /** Counters per NIC name, `{}` when there is none. */
  (options: NetIoCountersOptions & { pernic: true }): Record<string, NetIoCounters>;
  /** Either form, chosen at run time. */
  (options?: NetIoCountersOptions): NetIoCounters | Record<string, NetIoCounters> | null;
  /** Forgets the wrap-around history (psutil: `net_io_counters.cache_clear()`). */
  cacheClear(): void;
}

/**
 * Network I/O statistics since boot (psutil: `net_io_counters`): bytes and packets sent and received, errors and
 * drops, summed over every NIC unless `pernic`.
 *
 * With `nowrap` (default), a counter that went down since the previous call (a 32-bit counter that overflowed,
 * or a NIC that was reset) has the previous value added, so results never decrease; `netIoCounters.cacheClear()`
 * resets this.
 *
 * Availability: Linux.
 *
 * @tags allow-ffi
 * @param options `pernic`, `nowrap`.
 * @example
 * ```ts
 * import { netIoCounters } from "../mod.ts";
 * const total = netIoCounters();
 * if (total !== null && total.bytesRecv < 0) throw new Error();
 * ```
 */
export const netIoCounters: NetIoCountersFn = Object.assign(
  function netIoCounters(options: NetIoCountersOptions = {}): NetIoCounters | Record<string, NetIoCounters> | null {
    const pernic = options.pernic ?? false;
    const nowrap = options.nowrap ?? true;
    if (typeof pernic !== "boolean") throw new TypeError("pernic must be a boolean");
    if (typeof nowrap !== "boolean") throw new TypeError("nowrap must be a boolean");
    const raw = need("netIoCounters")();
    if (raw.size === 0) return pernic ? {} : null;
    let values = new Map<string, readonly number[]>();
    for (const [name, c] of raw) values.set(name, NET_FIELDS.map((f) => c[f]));
    if (nowrap) values = wrapNumbers(values, NET_WRAP_KEY);
    if (pernic) {
      const out: Record<string, NetIoCounters> = {};
      for (const [name, v] of values) out[name] = netRecord(v);
      return out;
    }
    const sum = new Array<number>(NET_FIELDS.length).fill(0);
    for (const v of values.values()) for (let i = 0; i < sum.length; i++) sum[i] += v[i];
    return netRecord(sum);
  },
  {
    cacheClear(): void {
      wrapCacheClear(NET_WRAP_KEY);
    },
  },
) as NetIoCountersFn;

/** Every `kind` {@linkcode netConnections} accepts, in psutil's order. */
export const CONN_KINDS: readonly ConnKind[] = Object.freeze(
  [
    "all",
    "tcp",
    "tcp4",
    "tcp6",
    "udp",
    "udp4",
    "udp6",
    "unix",
    "inet",
    "inet4",
    "inet6",
  ] as const,
);

/**
 * Throws `TypeError` naming every valid kind unless `kind` is one of {@linkcode CONN_KINDS}.
 *
 * @example
 * ```ts
 * import { checkConnKind } from "./net.ts";
 * if (checkConnKind("tcp") !== "tcp") throw new Error();
 * ```
 */
export function checkConnKind(kind: unknown): ConnKind {
  if (typeof kind !== "string" || !(CONN_KINDS as readonly string[]).includes(kind)) {
    throw new TypeError(
      `invalid kind ${JSON.stringify(kind)}; choose between ${CONN_KINDS.map((k) => `"${k}"`).join(", ")}`,
    );
  }
  return kind as ConnKind;
}

/**
 * System-wide socket connections (psutil: `net_connections`), like `netstat -an`: `fd`, `family` (`AF_INET`,
 * `AF_INET6`, `AF_UNIX`), `type` (`SOCK_STREAM`, `SOCK_DGRAM`, `SOCK_SEQPACKET`), `laddr` and `raddr` (`{ ip,
 * port }`; `raddr` is `null` when unconnected, and `laddr` too when unbound; for UNIX sockets `laddr` is the path
 * and `raddr` is `""`), `status` (a `CONN_*` string; `"NONE"` for UDP and UNIX) and the owning `pid`.
 *
 * Sockets of processes whose fds cannot be read (other users' ones without privileges) are listed with
 * `pid: null` and `fd: -1`, as psutil and `netstat` do. The order is unspecified.
 *
 * | kind    | sockets                      |
 * | ------- | ---------------------------- |
 * | `inet`  | IPv4 and IPv6 (TCP and UDP)  |
 * | `inet4` / `inet6` | IPv4 / IPv6        |
 * | `tcp`, `tcp4`, `tcp6` | TCP            |
 * | `udp`, `udp4`, `udp6` | UDP            |
 * | `unix`  | UNIX domain sockets          |
 * | `all`   | everything above             |
 *
 * Availability: Linux.
 *
 * @tags allow-ffi
 * @param kind Which sockets (default `"inet"`).
 * @throws {TypeError} for an unknown kind, naming the valid ones.
 * @example
 * ```ts
 * import { netConnections } from "../mod.ts";
 * for (const c of netConnections("tcp")) if (c.status === "NONE") throw new Error();
 * ```
 */
export function netConnections(kind: ConnKind = "inet"): NetConnection[] {
  return need("netConnections")(checkConnKind(kind));
}

/**
 * The addresses of each NIC (psutil: `net_if_addrs`): `family` (`AF_INET`, `AF_INET6`, or `AF_LINK` for the MAC
 * address), `address`, `netmask`, and either `broadcast` or `ptp` (the point-to-point destination), `null` when
 * absent. Link-local IPv6 addresses carry their scope (`fe80::1%eth0`). Within a NIC, entries are sorted by
 * family, as psutil sorts them.
 *
 * Availability: Linux.
 *
 * @tags allow-ffi
 * @example
 * ```ts
 * import { AF_INET, netIfAddrs } from "../mod.ts";
 * const lo = netIfAddrs()["lo"] ?? [];
 * if (lo.some((a) => a.family === AF_INET && a.address !== "127.0.0.1" && a.netmask === null)) throw new Error();
 * ```
 */
export function netIfAddrs(): Record<string, NicAddress[]> {
  return Object.fromEntries(need("netIfAddrs")());
}

/**
 * The state of each NIC (psutil: `net_if_stats`): `isup`, `duplex` (`NIC_DUPLEX_FULL`, `NIC_DUPLEX_HALF` or
 * `NIC_DUPLEX_UNKNOWN`), `speed` in Mbit/s (0 when unknown, as for virtual devices), `mtu` in bytes, and
 * `flags`, a comma-separated list such as `"up,broadcast,running,multicast"` (psutil 5.9.3+).
 *
 * Availability: Linux.
 *
 * @tags allow-ffi
 * @example
 * ```ts
 * import { netIfStats } from "../mod.ts";
 * for (const s of Object.values(netIfStats())) if (s.mtu <= 0) throw new Error();
 * ```
 */
export function netIfStats(): Record<string, NicStats> {
  return Object.fromEntries(need("netIfStats")());
}

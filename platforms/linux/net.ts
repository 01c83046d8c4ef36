/**
 * Linux network: I/O counters, connections, interface addresses and stats, each from its own module.
 *
 * @module
 */
import type { NetConnection, NetIoCounters, NicAddress, NicStats } from "../../src/types.ts";
import type { ConnKind, PlatformBackend } from "../backend.ts";
import type { LinuxContext } from "./context.ts";
import { netIoCounters } from "./net_io.ts";
import { netConnections } from "./net_connections.ts";
import { netIfAddrs } from "./net_if_addrs.ts";
import { netIfStats } from "./net_if_stats.ts";

/** The network members of the Linux backend. */
export function linuxNet(
  ctx: LinuxContext,
): Pick<PlatformBackend, "netIoCounters" | "netConnections" | "netIfAddrs" | "netIfStats"> {
  return {
    netIoCounters(): Map<string, NetIoCounters> {
      return netIoCounters(ctx);
    },
    netConnections(kind: ConnKind, pid?: number): NetConnection[] {
      return netConnections(ctx, kind, pid);
    },
    // Addresses come from rtnetlink, not a file: they answer for the live system whatever the roots.
    netIfAddrs(): Map<string, NicAddress[]> {
      return netIfAddrs();
    },
    netIfStats(): Map<string, NicStats> {
      return netIfStats(ctx);
    },
  };
}

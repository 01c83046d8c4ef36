/**
 * `tsutil ifconfig`: every network interface with its state, traffic and addresses, like ifconfig(8) (psutil's
 * scripts/ifconfig.py).
 *
 * ```sh
 * deno run --allow-ffi scripts/ifconfig.ts [--json]
 * ```
 *
 * @module
 */
import {
  AF_INET,
  AF_INET6,
  AF_LINK,
  netIfAddrs,
  netIfStats,
  type NetIoCounters,
  netIoCounters,
  NIC_DUPLEX_FULL,
  NIC_DUPLEX_HALF,
  type NicAddress,
  type NicStats,
} from "../mod.ts";
import { parse } from "./_cli/args.ts";
import { paint } from "./_cli/color.ts";
import { printJson } from "./_cli/json.ts";
import { printLines } from "./_cli/output.ts";
import { runTool } from "./_cli/run.ts";
import { keyValues } from "./_cli/table.ts";
import { human } from "./_cli/units.ts";

/** `--help` text. */
export const USAGE = `usage: tsutil ifconfig [--json]
Every network interface: up or down, speed, duplex, MTU, flags, bytes/packets/errors/drops in and out, and
its IPv4, IPv6 and MAC addresses.
      --json   print { name: { stats, io, addrs } } from netIfStats(), netIoCounters({ pernic: true }), netIfAddrs()`;

/** What one interface reports. */
export interface Nic {
  /** `netIfStats()[name]`, or `null`. */
  stats: NicStats | null;
  /** `netIoCounters({ pernic: true })[name]`, or `null`. */
  io: NetIoCounters | null;
  /** `netIfAddrs()[name]`, or `[]`. */
  addrs: NicAddress[];
}

/** Every interface by name, sorted by name. */
export function collect(): Record<string, Nic> {
  const stats = netIfStats();
  const io = netIoCounters({ pernic: true });
  const addrs = netIfAddrs();
  const names = [...new Set([...Object.keys(stats), ...Object.keys(io), ...Object.keys(addrs)])].sort();
  return Object.fromEntries(
    names.map((n) => [n, { stats: stats[n] ?? null, io: io[n] ?? null, addrs: addrs[n] ?? [] }]),
  );
}

function familyName(f: number): string {
  return f === AF_INET ? "IPv4" : f === AF_INET6 ? "IPv6" : f === AF_LINK ? "MAC" : `family ${f}`;
}

/** A block per interface. */
export function render(nics: Record<string, Nic>): string[] {
  const out: string[] = [];
  for (const [name, n] of Object.entries(nics)) {
    if (out.length) out.push("");
    out.push(paint(name, "bold"));
    const pairs: [string, string][] = [];
    if (n.stats) {
      const s = n.stats;
      const duplex = s.duplex === NIC_DUPLEX_FULL ? "full" : s.duplex === NIC_DUPLEX_HALF ? "half" : "?";
      pairs.push([
        "stats",
        `${s.isup ? paint("up", "green") : paint("down", "red")}, speed=${s.speed}MB, duplex=${duplex}, mtu=${s.mtu}`,
      ]);
      if (s.flags) pairs.push(["flags", s.flags]);
    }
    if (n.io) {
      const io = n.io;
      pairs.push(
        ["incoming", `bytes=${human(io.bytesRecv)}, pkts=${io.packetsRecv}, errs=${io.errin}, drops=${io.dropin}`],
        ["outgoing", `bytes=${human(io.bytesSent)}, pkts=${io.packetsSent}, errs=${io.errout}, drops=${io.dropout}`],
      );
    }
    for (const a of n.addrs) {
      const extra = [
        a.broadcast ? `broadcast ${a.broadcast}` : "",
        a.netmask ? `netmask ${a.netmask}` : "",
        a.ptp ? `p2p ${a.ptp}` : "",
      ].filter(Boolean);
      pairs.push([familyName(a.family), [a.address, ...extra].join(", ")]);
    }
    out.push(...keyValues(pairs, null).map((l) => `    ${l}`));
  }
  return out;
}

/** Runs `tsutil ifconfig`. */
export function main(argv: string[]): void {
  const { opts } = parse(argv, { usage: USAGE, options: { json: { type: "boolean" } } });
  const nics = collect();
  if (opts.json) printJson(nics);
  else printLines(render(nics));
}

if (import.meta.main) await runTool("ifconfig", main);

/**
 * Parser for `/proc/net/dev`: two header lines, then `name: 8 receive counters 8 transmit counters` per NIC.
 *
 * @module
 */
import type { NetIoCounters } from "../../../src/types.ts";
import { MalformedFileError } from "./_parse.ts";

/** Parses /proc/net/dev into counters per NIC name, in file order. */
export function parseNetDev(s: string, path: string): Map<string, NetIoCounters> {
  const out = new Map<string, NetIoCounters>();
  const lines = s.split("\n");
  for (let i = 2; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === "") continue;
    // The name may itself hold a colon (alias interfaces such as "eth0:1"): the separator is the last one.
    const colon = line.lastIndexOf(":");
    if (colon <= 0) throw new MalformedFileError(path, `no "name:" in line "${line.trim()}"`);
    const name = line.slice(0, colon).trim();
    const f = line.slice(colon + 1).trim().split(/\s+/);
    if (f.length !== 16 || !f.every((x) => /^\d+$/.test(x))) {
      throw new MalformedFileError(path, `expected 16 counters for "${name}", got "${line.slice(colon + 1).trim()}"`);
    }
    const n = f.map(Number);
    out.set(name, {
      bytesSent: n[8],
      bytesRecv: n[0],
      packetsSent: n[9],
      packetsRecv: n[1],
      errin: n[2],
      errout: n[10],
      dropin: n[3],
      dropout: n[11],
    });
  }
  return out;
}

/**
 * Disk and network functions: each tsutil call against psutil's in the same run (`bun bench/mod.ts io`).
 *
 * @module
 */
import * as tsutil from "../mod.ts";
import { compareInterleaved, printTable, type Row } from "./_harness.ts";

/** [name, tsutil call, psutil statement] for every disk and network function benchmarked. */
export const CASES: [string, () => unknown, string][] = [
  ["diskPartitions", () => tsutil.diskPartitions(), "psutil.disk_partitions()"],
  ["diskUsage", () => tsutil.diskUsage("/"), "psutil.disk_usage('/')"],
  ["diskIoCounters", () => tsutil.diskIoCounters(), "psutil.disk_io_counters()"],
  ["diskIoCounters(perdisk)", () => tsutil.diskIoCounters({ perdisk: true }), "psutil.disk_io_counters(perdisk=True)"],
  ["netIoCounters(pernic)", () => tsutil.netIoCounters({ pernic: true }), "psutil.net_io_counters(pernic=True)"],
  ["netConnections(all)", () => tsutil.netConnections("all"), "psutil.net_connections('all')"],
  ["netIfAddrs", () => tsutil.netIfAddrs(), "psutil.net_if_addrs()"],
  ["netIfStats", () => tsutil.netIfStats(), "psutil.net_if_stats()"],
];

/** Runs the disk and network benchmarks and prints the table. */
export async function bench(): Promise<Row[]> {
  const rows = await compareInterleaved(CASES);
  printTable("Disk and network functions", rows);
  return rows;
}

/**
 * System functions: each tsutil call against psutil's in the same run.
 *
 * @module
 */
import * as tsutil from "../mod.ts";
import { measure, printTable, psutilTimes, type Row } from "./_harness.ts";

/** [name, tsutil call, psutil statement] for every system function benchmarked. */
export const CASES: [string, () => unknown, string][] = [
  ["bootTime", () => tsutil.bootTime(), "psutil.boot_time()"],
  ["cpuCount", () => tsutil.cpuCount(), "psutil.cpu_count()"],
  ["cpuCount(cores)", () => tsutil.cpuCount({ logical: false }), "psutil.cpu_count(logical=False)"],
  ["getloadavg", () => tsutil.getloadavg(), "psutil.getloadavg()"],
  ["diskUsage", () => tsutil.diskUsage("/"), "psutil.disk_usage('/')"],
  ["pids", () => tsutil.pids(), "psutil.pids()"],
  ["pidExists", () => tsutil.pidExists(1), "psutil.pid_exists(1)"],
];

/** Runs the system benchmarks and prints the table. */
export function bench(): Row[] {
  const theirs = psutilTimes(Object.fromEntries(CASES.map(([n, , py]) => [n, py])));
  const rows = CASES.map(([name, fn]) => ({ name, ours: measure(fn), theirs: theirs[name] }));
  printTable("System functions", rows);
  return rows;
}

/**
 * System functions: each tsutil call against psutil's in the same run.
 *
 * @module
 */
import * as tsutil from "../mod.ts";
import { compareInterleaved, printTable, type Row } from "./_harness.ts";

/** [name, tsutil call, psutil statement] for every system function benchmarked. */
export const CASES: [string, () => unknown, string][] = [
  ["bootTime", () => tsutil.bootTime(), "psutil.boot_time()"],
  ["cpuCount", () => tsutil.cpuCount(), "psutil.cpu_count()"],
  ["cpuCount(cores)", () => tsutil.cpuCount({ logical: false }), "psutil.cpu_count(logical=False)"],
  ["getloadavg", () => tsutil.getloadavg(), "psutil.getloadavg()"],
  ["cpuTimes", () => tsutil.cpuTimes(), "psutil.cpu_times()"],
  ["cpuTimes(percpu)", () => tsutil.cpuTimes({ percpu: true }), "psutil.cpu_times(percpu=True)"],
  ["cpuPercent", () => tsutil.cpuPercent(), "psutil.cpu_percent()"],
  ["cpuPercent(percpu)", () => tsutil.cpuPercent({ percpu: true }), "psutil.cpu_percent(percpu=True)"],
  ["cpuTimesPercent", () => tsutil.cpuTimesPercent(), "psutil.cpu_times_percent()"],
  ["cpuTimesPercent(percpu)", () => tsutil.cpuTimesPercent({ percpu: true }), "psutil.cpu_times_percent(percpu=True)"],
  ["cpuStats", () => tsutil.cpuStats(), "psutil.cpu_stats()"],
  ["cpuFreq", () => tsutil.cpuFreq(), "psutil.cpu_freq()"],
  ["cpuFreq(percpu)", () => tsutil.cpuFreq({ percpu: true }), "psutil.cpu_freq(percpu=True)"],
  ["virtualMemory", () => tsutil.virtualMemory(), "psutil.virtual_memory()"],
  ["swapMemory", () => tsutil.swapMemory(), "psutil.swap_memory()"],
  ["sensorsTemperatures", () => tsutil.sensorsTemperatures(), "psutil.sensors_temperatures()"],
  ["sensorsFans", () => tsutil.sensorsFans(), "psutil.sensors_fans()"],
  ["sensorsBattery", () => tsutil.sensorsBattery(), "psutil.sensors_battery()"],
  ["users", () => tsutil.users(), "psutil.users()"],
  ["diskUsage", () => tsutil.diskUsage("/"), "psutil.disk_usage('/')"],
  ["pids", () => tsutil.pids(), "psutil.pids()"],
  ["pidExists", () => tsutil.pidExists(1), "psutil.pid_exists(1)"],
];

/** Runs the system benchmarks and prints the table. */
export async function bench(): Promise<Row[]> {
  const rows = await compareInterleaved(CASES);
  printTable("System functions", rows);
  return rows;
}

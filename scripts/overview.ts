/**
 * `tsutil overview`: the whole machine on one screen, then exit — what `npm start` runs. CPU, memory, swap,
 * disks, network, sensors where the machine has them, and the ten processes using the most CPU, all measured over
 * one short interval.
 *
 * ```sh
 * deno run --allow-ffi scripts/overview.ts [--interval S] [--json]
 * bun scripts/overview.ts
 * ```
 *
 * @module
 */
import {
  bootTime,
  cpuCount,
  cpuPercent,
  getloadavg,
  sensorsBattery,
  sensorsFans,
  sensorsTemperatures,
  swapMemory,
  virtualMemory,
} from "../mod.ts";
import { parse, UsageError } from "./_cli/args.ts";
import { levelStyle, paint } from "./_cli/color.ts";
import { collect as collectDisks, render as renderDisks } from "./disk_usage.ts";
import { collect as collectNics } from "./ifconfig.ts";
import { printJson } from "./_cli/json.ts";
import { printLines } from "./_cli/output.ts";
import { scan } from "./_cli/procs.ts";
import { runTool } from "./_cli/run.ts";
import { render as renderSensors, type SensorsReport } from "./sensors.ts";
import { table } from "./_cli/table.ts";
import { lineWidth } from "./_cli/term.ts";
import { ATTRS as TOP_ATTRS, processTable } from "./top.ts";
import { bar, dateTime, duration, human } from "./_cli/units.ts";
import { AF_INET, AF_INET6 } from "../mod.ts";

/** `--help` text. */
export const USAGE = `usage: tsutil overview [-n S] [--json]
The machine at a glance: CPU, memory, swap, disks, network, sensors (where present) and the top 10 processes by
CPU, measured over one interval, then exit. This is what \`npm start\` runs.
  -n, --interval S   seconds to measure CPU use over (default 0.5)
      --json         print every section as JSON`;

function section(title: string): string[] {
  return ["", paint(title, "bold")];
}

function gauge(percent: number): string {
  return `[${paint(bar(percent, 20), levelStyle(percent))}] ${percent.toFixed(1).padStart(5)}%`;
}

/** Runs `tsutil overview`. */
export async function main(argv: string[]): Promise<void> {
  const { opts } = parse(argv, {
    usage: USAGE,
    options: { json: { type: "boolean" }, interval: { type: "number", short: "n" } },
  });
  const interval = opts.interval ?? 0.5;
  if (!(interval > 0)) throw new UsageError(`--interval must be a positive number of seconds, got ${interval}`);
  // Percentages compare two samples: take the first, wait, take the second.
  cpuPercent({ percpu: true });
  scan(TOP_ATTRS);
  await new Promise((r) => setTimeout(r, interval * 1000));
  const percpu = cpuPercent({ percpu: true });
  const procs = scan(TOP_ATTRS);
  const total = percpu.reduce((a, b) => a + b, 0) / Math.max(1, percpu.length);
  const boot = bootTime();
  const load = getloadavg();
  const vm = virtualMemory();
  const swap = swapMemory();
  const disks = collectDisks(false);
  const nics = collectNics();
  const sensors: SensorsReport = {
    temperatures: sensorsTemperatures(),
    fans: sensorsFans(),
    battery: sensorsBattery(),
  };
  const top = [...procs]
    .sort((a, b) =>
      ((b.info.cpuPercent as number) ?? 0) - ((a.info.cpuPercent as number) ?? 0) || a.proc.pid - b.proc.pid
    )
    .slice(0, 10);
  if (opts.json) {
    printJson({
      bootTime: boot,
      cpu: { logical: cpuCount(), cores: cpuCount({ logical: false }), percent: total, percpu, loadavg: load },
      virtualMemory: vm,
      swapMemory: swap,
      disks,
      network: nics,
      sensors,
      processes: top.map((p) => p.info),
    });
    return;
  }
  const width = lineWidth();
  const out: string[] = [
    `${paint("tsutil overview", "bold")}  booted ${dateTime(boot)}, up ${
      duration(Date.now() / 1000 - boot)
    }, ${procs.length} processes`,
    ...section("CPU"),
    `  ${cpuCount()} logical CPUs, ${cpuCount({ logical: false }) ?? "?"} cores; load average ${
      load.map((l) => l.toFixed(2)).join(", ")
    }`,
    `  ${"all".padEnd(7)}${gauge(total)}`,
    ...percpu.map((p, i) => `  ${`cpu${i}`.padEnd(7)}${gauge(p)}`),
    ...section("Memory"),
    `  memory ${gauge(vm.percent)}  ${human(vm.total - vm.available)} used of ${human(vm.total)}, ${
      human(vm.available)
    } available`,
    swap.total > 0
      ? `  swap   ${gauge(swap.percent)}  ${human(swap.used)} used of ${human(swap.total)}`
      : "  swap   none",
    ...section("Disks"),
    ...renderDisks(disks, width).map((l) => `  ${l}`),
    ...section("Network"),
    ...table(
      [
        { header: "NIC" },
        { header: "STATE" },
        { header: "SENT", align: "right" },
        { header: "RECEIVED", align: "right" },
        { header: "ADDRESSES", flex: true },
      ],
      Object.entries(nics).map(([name, n]) => [
        name,
        n.stats === null ? "?" : n.stats.isup ? "up" : "down",
        human(n.io?.bytesSent),
        human(n.io?.bytesRecv),
        n.addrs.filter((a) => a.family === AF_INET || a.family === AF_INET6).map((a) => a.address).join(" ") || "-",
      ]),
      { width: width === null ? null : width - 2, gap: 2 },
    ).map((l) => `  ${l}`),
  ];
  const hasSensors = Object.keys(sensors.temperatures).length > 0 || Object.keys(sensors.fans).length > 0 ||
    sensors.battery !== null;
  if (hasSensors) out.push(...section("Sensors"), ...renderSensors(sensors).map((l) => `  ${l}`));
  out.push(
    ...section(`Top 10 processes by CPU (over ${interval} s)`),
    ...processTable(top, "cpu", 10, width === null ? null : width - 2).map((l) => `  ${l}`),
  );
  printLines(out);
}

if (import.meta.main) await runTool("overview", main);

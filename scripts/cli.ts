/**
 * `tsutil <tool> [args]`: one entry for every tool in `scripts/` (psutil's scripts, rebuilt on tsutil).
 *
 * ```sh
 * deno run --allow-ffi scripts/cli.ts free
 * bun scripts/cli.ts top --once
 * ```
 *
 * @module
 */
import process from "node:process";
import { runTool, type ToolMain } from "./_cli/run.ts";
import { table } from "./_cli/table.ts";
import { lineWidth } from "./_cli/term.ts";

interface ToolEntry {
  summary: string;
  load: () => Promise<{ main: ToolMain }>;
}

/** Every tool, by name, with its one-line summary; loaded only when run. */
export const TOOLS: Record<string, ToolEntry> = {
  overview: { summary: "the machine at a glance, then exit (npm start)", load: () => import("./overview.ts") },
  free: { summary: "memory and swap in use, like free(1)", load: () => import("./free.ts") },
  meminfo: { summary: "every memory and swap field", load: () => import("./meminfo.ts") },
  sensors: { summary: "temperatures, fans and battery, like lm-sensors", load: () => import("./sensors.ts") },
  temperatures: { summary: "temperature sensors per chip", load: () => import("./temperatures.ts") },
  fans: { summary: "fan speeds per chip", load: () => import("./fans.ts") },
  battery: { summary: "battery charge, time left and power source", load: () => import("./battery.ts") },
  top: { summary: "live CPU, memory and busiest processes (q quits)", load: () => import("./top.ts") },
  nettop: { summary: "live network traffic per interface", load: () => import("./nettop.ts") },
  iotop: { summary: "live disk I/O per process", load: () => import("./iotop.ts") },
  cpu_distribution: { summary: "live load per CPU with its processes", load: () => import("./cpu_distribution.ts") },
  ps: { summary: "every process with CPU, memory, status and command, like ps aux", load: () => import("./ps.ts") },
  pstree: { summary: "processes as a tree of parents and children", load: () => import("./pstree.ts") },
  pidof: { summary: "pids of the processes with a given name", load: () => import("./pidof.ts") },
  killall: { summary: "signal every process with a given name", load: () => import("./killall.ts") },
  procinfo: { summary: "everything about one process", load: () => import("./procinfo.ts") },
  procsmem: { summary: "USS, PSS and swap per process, biggest first", load: () => import("./procsmem.ts") },
  pmap: { summary: "memory maps of one process, like pmap", load: () => import("./pmap.ts") },
  disk_usage: { summary: "mounted filesystems and their use, like df -h", load: () => import("./disk_usage.ts") },
  who: { summary: "users logged in, like who", load: () => import("./who.ts") },
  netstat: { summary: "sockets with addresses, state and process, like netstat", load: () => import("./netstat.ts") },
  winservices: { summary: "Windows services and their state (Windows only)", load: () => import("./winservices.ts") },
  ifconfig: {
    summary: "network interfaces, traffic and addresses, like ifconfig",
    load: () => import("./ifconfig.ts"),
  },
};

const USAGE = `usage: tsutil <tool> [args]   (tsutil <tool> --help for a tool's options)`;

/** Lists the tools. */
export function listing(): string[] {
  const rows = Object.entries(TOOLS).map(([name, t]) => [name, t.summary]);
  return [USAGE, "", ...table([{ header: "TOOL" }, { header: "WHAT IT SHOWS" }], rows, { width: lineWidth() })];
}

/** Runs `tsutil <tool> [args]`. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "-h" || name === "--help" || name === "help") {
    for (const l of listing()) console.log(l);
    if (name === undefined) process.exitCode = 2;
    return;
  }
  const entry = Object.hasOwn(TOOLS, name) ? TOOLS[name] : undefined;
  if (!entry) {
    console.error(`tsutil: unknown tool '${name}' (tsutil --help lists them)`);
    process.exitCode = 2;
    return;
  }
  const mod = await entry.load();
  await runTool(name, mod.main, rest);
}

if (import.meta.main) await main();

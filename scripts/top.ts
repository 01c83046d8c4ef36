/**
 * `tsutil top`: a live view of CPU, memory and the busiest processes, refreshed in place, like top(1) (psutil's
 * scripts/top.py). `q` quits; `--once` or `--iterations N` make it scriptable.
 *
 * ```sh
 * deno run --allow-ffi scripts/top.ts [--interval S] [--iterations N | --once] [--sort cpu|mem] [--limit N]
 * ```
 *
 * @module
 */
import {
  bootTime,
  cpuPercent,
  getloadavg,
  type ProcessCpuTimes,
  type ProcessMemoryInfo,
  swapMemory,
  virtualMemory,
} from "../mod.ts";
import { parse, UsageError } from "./_cli/args.ts";
import { levelStyle, paint } from "./_cli/color.ts";
import { live, LIVE_OPTIONS, LIVE_USAGE, liveOptions } from "./_cli/live.ts";
import { scan, type Scanned, userOf } from "./_cli/procs.ts";
import { runTool } from "./_cli/run.ts";
import { table } from "./_cli/table.ts";
import { lineWidth, screenHeight } from "./_cli/term.ts";
import { bar, cpuTime, duration, human } from "./_cli/units.ts";

/** `--help` text. */
export const USAGE = `usage: tsutil top [-n S] [-i N | --once] [-s cpu|mem] [-l N]
Live CPU (per CPU), memory, swap, load and the busiest processes, sorted by CPU. Press q to quit.
${LIVE_USAGE}
  -s, --sort KEY       cpu (default) or mem
  -l, --limit N        process rows (default: what fits the terminal; 20 when output is piped)`;

/** The attributes `top` reads per process. */
export const ATTRS = [
  "pid",
  "name",
  "username",
  "nice",
  "memoryInfo",
  "memoryPercent",
  "cpuPercent",
  "cpuTimes",
  "status",
];

/** One frame's header: uptime and load, a bar per CPU, memory, swap and task counts. */
export function header(percpu: number[], procs: Scanned[], width: number): string[] {
  const now = new Date();
  const [l1, l5, l15] = getloadavg();
  const clock = now.toTimeString().slice(0, 8);
  const up = duration(now.getTime() / 1000 - bootTime());
  const lines = [`top - ${clock} up ${up}, load average: ${l1.toFixed(2)}, ${l5.toFixed(2)}, ${l15.toFixed(2)}`];
  const barWidth = Math.max(10, Math.min(50, width - 20));
  const label = (s: string): string => s.padEnd(6);
  percpu.forEach((p, i) => {
    lines.push(`${label(`CPU${i}`)}[${paint(bar(p, barWidth), levelStyle(p))}] ${p.toFixed(1).padStart(5)}%`);
  });
  const vm = virtualMemory();
  const sw = swapMemory();
  lines.push(
    `${label("Mem")}[${paint(bar(vm.percent, barWidth), levelStyle(vm.percent))}] ${
      vm.percent.toFixed(1).padStart(5)
    }% ${human(vm.total - vm.available)}/${human(vm.total)}`,
    `${label("Swap")}[${paint(bar(sw.percent, barWidth), levelStyle(sw.percent))}] ${
      sw.percent.toFixed(1).padStart(5)
    }% ${human(sw.used)}/${human(sw.total)}`,
  );
  const counts = new Map<string, number>();
  for (const p of procs) {
    const s = (p.info.status as string | null) ?? "unknown";
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const detail = [...counts].sort((a, b) => b[1] - a[1]).map(([s, n]) => `${n} ${s}`).join(", ");
  lines.push(`Processes: ${procs.length} total (${detail})`, "");
  return lines;
}

/** The process table, busiest first, `limit` rows. */
export function processTable(procs: Scanned[], sort: "cpu" | "mem", limit: number, width: number | null): string[] {
  const key = sort === "cpu"
    ? (s: Scanned) => (s.info.cpuPercent as number | null) ?? 0
    : (s: Scanned) => (s.info.memoryPercent as number | null) ?? 0;
  const rows = [...procs].sort((a, b) => key(b) - key(a) || a.proc.pid - b.proc.pid).slice(0, Math.max(0, limit));
  const cells = rows.map(({ info }) => {
    const mem = info.memoryInfo as ProcessMemoryInfo | null;
    const t = info.cpuTimes as ProcessCpuTimes | null;
    return [
      String(info.pid),
      userOf(info.username).slice(0, 10),
      info.nice === null ? "?" : String(info.nice),
      human(mem?.vms),
      human(mem?.rss),
      ((info.cpuPercent as number | null) ?? 0).toFixed(1),
      ((info.memoryPercent as number | null) ?? 0).toFixed(1),
      t ? cpuTime(t.user + t.system) : "?",
      (info.name as string | null) ?? "?",
    ];
  });
  return table(
    [
      { header: "PID", align: "right" },
      { header: "USER" },
      { header: "NI", align: "right" },
      { header: "VIRT", align: "right" },
      { header: "RES", align: "right" },
      { header: "%CPU", align: "right", style: (t) => (Number(t) >= 50 ? "red" : Number(t) >= 10 ? "yellow" : null) },
      { header: "%MEM", align: "right" },
      { header: "TIME+", align: "right" },
      { header: "NAME" },
    ],
    cells,
    { width },
  );
}

/** Runs `tsutil top`. */
export async function main(argv: string[]): Promise<void> {
  const { opts } = parse(argv, {
    usage: USAGE,
    options: { ...LIVE_OPTIONS, sort: { type: "string", short: "s" }, limit: { type: "number", short: "l" } },
  });
  const lo = liveOptions(opts);
  const sort = opts.sort ?? "cpu";
  if (sort !== "cpu" && sort !== "mem") throw new UsageError(`unknown sort key '${sort}' (cpu or mem)`);
  if (opts.limit !== undefined && (!Number.isInteger(opts.limit) || opts.limit < 0)) {
    throw new UsageError(`--limit must be a non-negative integer, got ${opts.limit}`);
  }
  // Baselines: percentages are measured between two samples.
  cpuPercent({ percpu: true });
  scan(ATTRS);
  await live(lo, () => {
    const percpu = cpuPercent({ percpu: true });
    const procs = scan(ATTRS);
    const width = lineWidth();
    const head = header(percpu, procs, width ?? 80);
    const height = screenHeight();
    const limit = opts.limit ?? (height === null ? 20 : height - head.length - 1);
    return [...head, ...processTable(procs, sort, limit, width)];
  });
}

if (import.meta.main) await runTool("top", main);

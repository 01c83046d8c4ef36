/**
 * `tsutil cpu_distribution`: live load of each CPU as a bar, with the processes that ran on it (psutil's
 * scripts/cpu_distribution.py). `q` quits; `--once` or `--iterations N` make it scriptable.
 *
 * ```sh
 * deno run --allow-ffi scripts/cpu_distribution.ts [--interval S] [--iterations N | --once]
 * ```
 *
 * @module
 */
import { cpuPercent } from "../mod.ts";
import { parse } from "./_cli/args.ts";
import { levelStyle, paint } from "./_cli/color.ts";
import { live, LIVE_OPTIONS, LIVE_USAGE, liveOptions } from "./_cli/live.ts";
import { scan, type Scanned } from "./_cli/procs.ts";
import { runTool } from "./_cli/run.ts";
import { lineWidth } from "./_cli/term.ts";
import { bar } from "./_cli/units.ts";

/** `--help` text. */
export const USAGE = `usage: tsutil cpu_distribution [-n S] [-i N | --once]
Live use of each CPU as a bar, followed by the processes that used that CPU during the interval (busiest first).
Press q to quit.
${LIVE_USAGE}`;

/** One line per CPU: label, bar, percentage, then the names of the busy processes last seen on it. */
export function render(percpu: number[], procs: Scanned[], width: number): string[] {
  const byCpu = new Map<number, { name: string; pct: number }[]>();
  for (const { info } of procs) {
    const cpu = info.cpuNum as number | null;
    const pct = (info.cpuPercent as number | null) ?? 0;
    if (cpu === null || (pct <= 0 && info.status !== "running")) continue;
    const list = byCpu.get(cpu) ?? [];
    list.push({ name: (info.name as string | null) ?? "?", pct });
    byCpu.set(cpu, list);
  }
  const barWidth = Math.max(10, Math.min(30, Math.floor(width / 3)));
  return percpu.map((p, i) => {
    const names = (byCpu.get(i) ?? []).sort((a, b) => b.pct - a.pct).map((x) => x.name);
    const head = `CPU ${String(i).padEnd(3)} [${paint(bar(p, barWidth), levelStyle(p))}] ${p.toFixed(1).padStart(5)}%`;
    return names.length ? `${head}  ${[...new Set(names)].join(" ")}` : head;
  });
}

/** Runs `tsutil cpu_distribution`. */
export async function main(argv: string[]): Promise<void> {
  const { opts } = parse(argv, { usage: USAGE, options: { ...LIVE_OPTIONS } });
  const lo = liveOptions(opts);
  const attrs = ["pid", "name", "cpuNum", "cpuPercent", "status"];
  cpuPercent({ percpu: true });
  scan(attrs);
  await live(lo, () => render(cpuPercent({ percpu: true }), scan(attrs), lineWidth() ?? 100));
}

if (import.meta.main) await runTool("cpu_distribution", main);

/**
 * `tsutil ps`: every process with its user, CPU and memory use, terminal, status, start time and command, like
 * `ps aux` (psutil's scripts/ps.py).
 *
 * ```sh
 * deno run --allow-ffi scripts/ps.ts [--user NAME] [--sort KEY] [--json]
 * ```
 *
 * @module
 */
import type { ProcessCpuTimes, ProcessMemoryInfo } from "../mod.ts";
import { parse, UsageError } from "./_cli/args.ts";
import { printJson } from "./_cli/json.ts";
import { printLines } from "./_cli/output.ts";
import { commandOf, scan, type Scanned, ttyOf, userOf } from "./_cli/procs.ts";
import { runTool } from "./_cli/run.ts";
import { type Column, table } from "./_cli/table.ts";
import { lineWidth } from "./_cli/term.ts";
import { cpuTime, human, startTime } from "./_cli/units.ts";

/** `--help` text. */
export const USAGE = `usage: tsutil ps [-u USER] [-s KEY] [--json]
Every process: USER PID %CPU %MEM VSZ RSS TTY STATUS START TIME COMMAND (%CPU over the process's lifetime, as ps).
  -u, --user USER   only USER's processes
  -s, --sort KEY    pid (default), cpu, mem, rss, vsz, time, start or user
      --json        print one object per process with the attributes shown`;

/** The attributes `ps` reads. */
export const ATTRS = [
  "pid",
  "ppid",
  "name",
  "username",
  "status",
  "terminal",
  "createTime",
  "cpuTimes",
  "memoryInfo",
  "memoryPercent",
  "nice",
  "cmdline",
] as const;

/** One process as `ps` sees it. */
export interface PsRow {
  /** Scanned attributes. */
  info: Record<string, unknown>;
  /** CPU seconds (user + system). */
  cpuSeconds: number;
  /** CPU use over the process's lifetime, %. */
  cpuPercent: number;
}

/** Derives the lifetime CPU share as ps(1) does: CPU seconds over seconds since the process started. */
export function psRow(s: Scanned, now: number): PsRow {
  const t = s.info.cpuTimes as ProcessCpuTimes | null;
  const cpuSeconds = t ? t.user + t.system : 0;
  const created = s.info.createTime as number | null;
  const elapsed = created === null ? 0 : now - created;
  return { info: s.info, cpuSeconds, cpuPercent: elapsed > 0 ? Math.min(100 * 64, (cpuSeconds / elapsed) * 100) : 0 };
}

const SORTS: Record<string, (a: PsRow, b: PsRow) => number> = {
  pid: (a, b) => (a.info.pid as number) - (b.info.pid as number),
  cpu: (a, b) => b.cpuPercent - a.cpuPercent,
  mem: (a, b) => ((b.info.memoryPercent as number) ?? 0) - ((a.info.memoryPercent as number) ?? 0),
  rss: (a, b) => rssOf(b) - rssOf(a),
  vsz: (a, b) => vszOf(b) - vszOf(a),
  time: (a, b) => b.cpuSeconds - a.cpuSeconds,
  start: (a, b) => ((a.info.createTime as number) ?? 0) - ((b.info.createTime as number) ?? 0),
  user: (a, b) => userOf(a.info.username).localeCompare(userOf(b.info.username)),
};

function rssOf(r: PsRow): number {
  return (r.info.memoryInfo as ProcessMemoryInfo | null)?.rss ?? 0;
}

function vszOf(r: PsRow): number {
  return (r.info.memoryInfo as ProcessMemoryInfo | null)?.vms ?? 0;
}

/** The table of `rows`. */
export function render(rows: PsRow[], width: number | null): string[] {
  const cols: Column[] = [
    { header: "USER" },
    { header: "PID", align: "right" },
    { header: "%CPU", align: "right" },
    { header: "%MEM", align: "right" },
    { header: "VSZ", align: "right" },
    { header: "RSS", align: "right" },
    { header: "TTY" },
    { header: "STATUS" },
    { header: "START" },
    { header: "TIME", align: "right" },
    { header: "COMMAND", flex: true },
  ];
  const cells = rows.map((r) => {
    const i = r.info;
    const mem = i.memoryInfo as ProcessMemoryInfo | null;
    return [
      userOf(i.username).slice(0, 12),
      String(i.pid),
      r.cpuPercent.toFixed(1),
      i.memoryPercent === null ? "-" : (i.memoryPercent as number).toFixed(1),
      human(mem?.vms),
      human(mem?.rss),
      ttyOf(i.terminal),
      (i.status as string | null) ?? "?",
      i.createTime === null ? "?" : startTime(i.createTime as number),
      cpuTime(r.cpuSeconds),
      commandOf(i),
    ];
  });
  return table(cols, cells, { width });
}

/** Runs `tsutil ps`. */
export function main(argv: string[]): void {
  const { opts } = parse(argv, {
    usage: USAGE,
    options: {
      json: { type: "boolean" },
      user: { type: "string", short: "u" },
      sort: { type: "string", short: "s" },
    },
  });
  const sort = opts.sort ?? "pid";
  if (!Object.hasOwn(SORTS, sort)) {
    throw new UsageError(`unknown sort key '${sort}' (one of ${Object.keys(SORTS).join(", ")})`);
  }
  const now = Date.now() / 1000;
  let rows = scan(ATTRS).map((s) => psRow(s, now));
  if (opts.user !== undefined) rows = rows.filter((r) => r.info.username === opts.user);
  rows.sort(SORTS[sort]);
  if (opts.json) printJson(rows.map((r) => ({ ...r.info, cpuPercent: Number(r.cpuPercent.toFixed(1)) })));
  else printLines(render(rows, lineWidth()));
}

if (import.meta.main) await runTool("ps", main);

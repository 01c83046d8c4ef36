/**
 * `tsutil procsmem`: the real memory use of every process (USS, PSS, swap, RSS), biggest first (psutil's
 * scripts/procsmem.py). USS is what freeing the process would give back. Reading other users' processes needs
 * privilege; those are counted and skipped.
 *
 * ```sh
 * deno run --allow-ffi scripts/procsmem.ts [--sort KEY] [--json]
 * ```
 *
 * @module
 */
import type { ProcessMemoryFootprint, ProcessMemoryInfo } from "../mod.ts";
import { parse, UsageError } from "./_cli/args.ts";
import { printJson } from "./_cli/json.ts";
import { printLines } from "./_cli/output.ts";
import { commandOf, scan, userOf } from "./_cli/procs.ts";
import { runTool } from "./_cli/run.ts";
import { table } from "./_cli/table.ts";
import { lineWidth } from "./_cli/term.ts";
import { human } from "./_cli/units.ts";

/** `--help` text. */
export const USAGE = `usage: tsutil procsmem [-s KEY] [--json]
Per-process memory: USS (unique), PSS (proportional), swap and RSS, sorted by USS (or KEY), with totals.
Processes whose memory cannot be read (other users', without privilege) are skipped and counted.
  -s, --sort KEY   uss (default), pss, swap or rss
      --json       print { processes: [{ pid, username, name, cmdline, uss, pss, swap, rss }], skipped }`;

/** One process's memory. */
export interface SmemRow {
  /** Process id. */
  pid: number;
  /** Owner, `null` when unknown. */
  username: string | null;
  /** Name, `null` when unknown. */
  name: string | null;
  /** Command line. */
  cmdline: string[] | null;
  /** Unique set size, bytes. */
  uss: number;
  /** Proportional set size, bytes (`null` where the platform has none). */
  pss: number | null;
  /** Swapped out, bytes (`null` where the platform has none). */
  swap: number | null;
  /** Resident set size, bytes. */
  rss: number;
}

/** Every readable process's memory, and how many were skipped. */
export function collect(): { rows: SmemRow[]; skipped: number } {
  const rows: SmemRow[] = [];
  let skipped = 0;
  for (const { info } of scan(["pid", "username", "name", "cmdline", "memoryFootprint", "memoryInfo"])) {
    const fp = info.memoryFootprint as ProcessMemoryFootprint | null;
    const mi = info.memoryInfo as ProcessMemoryInfo | null;
    if (fp === null || mi === null) {
      skipped++;
      continue;
    }
    rows.push({
      pid: info.pid as number,
      username: info.username as string | null,
      name: info.name as string | null,
      cmdline: info.cmdline as string[] | null,
      uss: fp.uss,
      pss: fp.pss ?? null,
      swap: fp.swap ?? null,
      rss: mi.rss,
    });
  }
  return { rows, skipped };
}

/** The table, a totals line, and the skipped count when there is one. */
export function render(rows: SmemRow[], skipped: number, width: number | null): string[] {
  const cells = rows.map((r) => [
    String(r.pid),
    userOf(r.username).slice(0, 12),
    human(r.uss),
    human(r.pss),
    human(r.swap),
    human(r.rss),
    commandOf(r as unknown as Record<string, unknown>),
  ]);
  const sum = (f: (r: SmemRow) => number | null): number => rows.reduce((a, r) => a + (f(r) ?? 0), 0);
  cells.push([
    "",
    "",
    "total",
    human(sum((r) => r.uss)),
    human(sum((r) => r.pss)),
    human(sum((r) => r.swap)),
    human(sum((r) => r.rss)),
  ]);
  const lines = table(
    [
      { header: "PID", align: "right" },
      { header: "USER" },
      { header: "USS", align: "right" },
      { header: "PSS", align: "right" },
      { header: "SWAP", align: "right" },
      { header: "RSS", align: "right" },
      { header: "COMMAND", flex: true },
    ],
    cells,
    { width },
  );
  if (skipped > 0) {
    lines.push("", `${skipped} processes were skipped: access denied (run with more privilege to see them)`);
  }
  return lines;
}

/** Runs `tsutil procsmem`. */
export function main(argv: string[]): void {
  const { opts } = parse(argv, {
    usage: USAGE,
    options: { json: { type: "boolean" }, sort: { type: "string", short: "s" } },
  });
  const key = (opts.sort ?? "uss") as "uss" | "pss" | "swap" | "rss";
  if (!["uss", "pss", "swap", "rss"].includes(key)) {
    throw new UsageError(`unknown sort key '${key}' (uss, pss, swap or rss)`);
  }
  const { rows, skipped } = collect();
  rows.sort((a, b) => (b[key] ?? 0) - (a[key] ?? 0) || a.pid - b.pid);
  if (opts.json) printJson({ processes: rows, skipped });
  else printLines(render(rows, skipped, lineWidth()));
}

if (import.meta.main) await runTool("procsmem", main);

/**
 * `tsutil disk_usage`: mounted filesystems with their size and use, like df(1) (psutil's scripts/disk_usage.py).
 *
 * ```sh
 * deno run --allow-ffi scripts/disk_usage.ts [--all] [--json]
 * ```
 *
 * @module
 */
import { type DiskPartition, diskPartitions, type DiskUsage, diskUsage } from "../mod.ts";
import { parse } from "./_cli/args.ts";
import { levelStyle } from "./_cli/color.ts";
import { printJson } from "./_cli/json.ts";
import { printLines } from "./_cli/output.ts";
import { runTool } from "./_cli/run.ts";
import { table } from "./_cli/table.ts";
import { lineWidth } from "./_cli/term.ts";
import { human } from "./_cli/units.ts";

/** `--help` text. */
export const USAGE = `usage: tsutil disk_usage [-a] [--json]
Every mounted filesystem: device, total, used, free, use %, type and mount point, like df -h.
  -a, --all    include pseudo filesystems (proc, sysfs, tmpfs...)
      --json   print [{ ...diskPartitions() entry, usage: diskUsage(mountpoint) }]`;

/** A partition and its usage (`null` when the mount point could not be read). */
export interface Mounted extends DiskPartition {
  /** `diskUsage(mountpoint)`, or `null` when it failed (a stale or forbidden mount). */
  usage: DiskUsage | null;
}

/** Every partition with its usage. */
export function collect(all: boolean): Mounted[] {
  return diskPartitions({ all }).map((p) => {
    let usage: DiskUsage | null = null;
    try {
      usage = diskUsage(p.mountpoint);
    } catch {
      usage = null;
    }
    return { ...p, usage };
  });
}

/** The df-style table. */
export function render(mounts: Mounted[], width: number | null): string[] {
  const rows = mounts.map((m) => [
    m.device || "-",
    human(m.usage?.total),
    human(m.usage?.used),
    human(m.usage?.free),
    m.usage ? `${m.usage.percent}%` : "-",
    m.fstype,
    m.mountpoint,
  ]);
  return table(
    [
      { header: "Device" },
      { header: "Total", align: "right" },
      { header: "Used", align: "right" },
      { header: "Free", align: "right" },
      { header: "Use", align: "right", style: (t) => (t === "-" ? null : levelStyle(parseFloat(t), 75, 90)) },
      { header: "Type" },
      { header: "Mount", flex: true },
    ],
    rows,
    { width, gap: 2 },
  );
}

/** Runs `tsutil disk_usage`. */
export function main(argv: string[]): void {
  const { opts } = parse(argv, {
    usage: USAGE,
    options: { json: { type: "boolean" }, all: { type: "boolean", short: "a" } },
  });
  const mounts = collect(opts.all);
  if (opts.json) printJson(mounts);
  else printLines(render(mounts, lineWidth()));
}

if (import.meta.main) await runTool("disk_usage", main);

/**
 * `tsutil iotop`: live disk I/O per process, busiest first, like iotop(8) (psutil's scripts/iotop.py). Other
 * users' processes need privilege and are left out without it. `q` quits; `--once` or `--iterations N` make it
 * scriptable.
 *
 * ```sh
 * deno run --allow-ffi scripts/iotop.ts [--interval S] [--iterations N | --once] [--limit N]
 * ```
 *
 * @module
 */
import { type DiskIoCounters, diskIoCounters, type ProcessIoCounters } from "../mod.ts";
import { parse, UsageError } from "./_cli/args.ts";
import { live, LIVE_OPTIONS, LIVE_USAGE, liveOptions } from "./_cli/live.ts";
import { commandOf, scan, userOf } from "./_cli/procs.ts";
import { runTool } from "./_cli/run.ts";
import { table } from "./_cli/table.ts";
import { lineWidth, screenHeight } from "./_cli/term.ts";
import { rate } from "./_cli/units.ts";

/** `--help` text. */
export const USAGE = `usage: tsutil iotop [-n S] [-i N | --once] [-l N]
Live disk reads and writes per process (bytes per second), busiest first, under the system's total.
Processes whose I/O cannot be read (other users', without privilege) are left out. Press q to quit.
${LIVE_USAGE}
  -l, --limit N        process rows (default: what fits the terminal; 20 when output is piped)`;

/** One process's I/O sample. */
export interface IoSample {
  /** Owner. */
  username: string | null;
  /** Command line or `[name]`. */
  command: string;
  /** Creation time, to tell a reused pid apart. */
  createTime: number | null;
  /** Bytes read from storage. */
  readBytes: number;
  /** Bytes written to storage. */
  writeBytes: number;
}

/** Every readable process's I/O counters, by pid. */
export function sample(): Map<number, IoSample> {
  const out = new Map<number, IoSample>();
  for (const { info } of scan(["pid", "name", "cmdline", "username", "createTime", "ioCounters"])) {
    const io = info.ioCounters as ProcessIoCounters | null;
    if (io === null) continue;
    out.set(info.pid as number, {
      username: info.username as string | null,
      command: commandOf(info),
      createTime: info.createTime as number | null,
      readBytes: io.readBytes,
      writeBytes: io.writeBytes,
    });
  }
  return out;
}

/** The frame: system totals, then per-process rates between two samples `seconds` apart. */
export function render(
  before: Map<number, IoSample>,
  after: Map<number, IoSample>,
  disk: { read: number; write: number } | null,
  seconds: number,
  limit: number,
  width: number | null,
): string[] {
  const rows: { pid: number; s: IoSample; read: number; write: number }[] = [];
  for (const [pid, s] of after) {
    const b = before.get(pid);
    if (!b || b.createTime !== s.createTime) continue;
    rows.push({
      pid,
      s,
      read: Math.max(0, s.readBytes - b.readBytes) / seconds,
      write: Math.max(0, s.writeBytes - b.writeBytes) / seconds,
    });
  }
  rows.sort((x, y) => y.read + y.write - (x.read + x.write) || x.pid - y.pid);
  const total = disk === null
    ? "Total DISK READ: - | Total DISK WRITE: -"
    : `Total DISK READ: ${rate(disk.read)} | Total DISK WRITE: ${rate(disk.write)}`;
  return [
    total,
    "",
    ...table(
      [
        { header: "PID", align: "right" },
        { header: "USER" },
        { header: "DISK READ", align: "right" },
        { header: "DISK WRITE", align: "right" },
        { header: "COMMAND", flex: true },
      ],
      rows.slice(0, Math.max(0, limit)).map((r) => [
        String(r.pid),
        userOf(r.s.username).slice(0, 10),
        rate(r.read),
        rate(r.write),
        r.s.command,
      ]),
      { width, gap: 2 },
    ),
  ];
}

function diskTotals(): DiskIoCounters | null {
  return diskIoCounters();
}

/** Runs `tsutil iotop`. */
export async function main(argv: string[]): Promise<void> {
  const { opts } = parse(argv, { usage: USAGE, options: { ...LIVE_OPTIONS, limit: { type: "number", short: "l" } } });
  const lo = liveOptions(opts);
  if (opts.limit !== undefined && (!Number.isInteger(opts.limit) || opts.limit < 0)) {
    throw new UsageError(`--limit must be a non-negative integer, got ${opts.limit}`);
  }
  let before = sample();
  let diskBefore = diskTotals();
  let t0 = performance.now();
  await live(lo, () => {
    const after = sample();
    const diskAfter = diskTotals();
    const t1 = performance.now();
    const seconds = (t1 - t0) / 1000;
    const disk = diskBefore && diskAfter
      ? {
        read: Math.max(0, diskAfter.readBytes - diskBefore.readBytes) / seconds,
        write: Math.max(0, diskAfter.writeBytes - diskBefore.writeBytes) / seconds,
      }
      : null;
    const height = screenHeight();
    const limit = opts.limit ?? (height === null ? 20 : height - 4);
    const lines = render(before, after, disk, seconds, limit, lineWidth());
    before = after;
    diskBefore = diskAfter;
    t0 = t1;
    return lines;
  });
}

if (import.meta.main) await runTool("iotop", main);

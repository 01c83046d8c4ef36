/**
 * `tsutil procinfo PID`: everything tsutil knows about one process (psutil's scripts/procinfo.py).
 *
 * ```sh
 * deno run --allow-ffi scripts/procinfo.ts PID [--json]
 * ```
 *
 * @module
 */
import {
  type NetConnection,
  Process,
  type ProcessMemoryMap,
  type ProcessOpenFile,
  type ProcessThread,
} from "../mod.ts";
import { parse, pidArg } from "./_cli/args.ts";
import { paint } from "./_cli/color.ts";
import { printJson } from "./_cli/json.ts";
import { heading, printLines } from "./_cli/output.ts";
import { runTool } from "./_cli/run.ts";
import { keyValues, table } from "./_cli/table.ts";
import { lineWidth } from "./_cli/term.ts";
import { cpuTime, dateTime, human } from "./_cli/units.ts";

/** `--help` text. */
export const USAGE = `usage: tsutil procinfo PID [--json]
Every attribute of one process: identity, command, times, memory, I/O, children, open files, connections,
threads and the largest memory maps. Attributes the OS withholds read "access denied".
      --json   print Process.asDict() (every attribute; null where access was denied)`;

const DENIED = Symbol("denied");

function denied(v: unknown): v is typeof DENIED {
  return v === DENIED;
}

/** `{a: 1, b: 2}` as `a=1, b=2`, byte fields in human units. */
function record(v: unknown, bytes = false): string {
  if (denied(v)) return paint("access denied", "dim");
  if (v === null || v === undefined) return "-";
  return Object.entries(v as Record<string, number>)
    .map(([k, x]) => `${k}=${bytes && typeof x === "number" ? human(x) : String(x)}`)
    .join(", ");
}

function text(v: unknown): string {
  if (denied(v)) return paint("access denied", "dim");
  if (v === null || v === undefined || v === "") return "-";
  return String(v);
}

/** The report lines for a process's `asDict()` (with `DENIED` where access was denied). */
export function render(d: Record<string, unknown>, parentName: string | null, children: Process[]): string[] {
  const times = d.cpuTimes as { user: number; system: number } | typeof DENIED;
  const pairs: [string, string][] = [
    ["pid", String(d.pid)],
    ["name", text(d.name)],
    ["parent", denied(d.ppid) ? text(d.ppid) : `${d.ppid}${parentName ? ` (${parentName})` : ""}`],
    ["exe", text(d.exe)],
    ["cwd", text(d.cwd)],
    ["cmdline", denied(d.cmdline) ? text(d.cmdline) : (d.cmdline as string[]).join(" ") || "-"],
    ["started", denied(d.createTime) ? text(d.createTime) : dateTime(d.createTime as number)],
    ["cpu-tspent", denied(times) ? text(times) : cpuTime(times.user + times.system)],
    ["cpu-times", record(d.cpuTimes)],
  ];
  if ("cpuAffinity" in d) {
    pairs.push(["cpu-affinity", denied(d.cpuAffinity) ? text(d.cpuAffinity) : `[${String(d.cpuAffinity)}]`]);
  }
  if ("cpuNum" in d) pairs.push(["cpu-num", text(d.cpuNum)]);
  pairs.push(
    ["memory", record(d.memoryInfo, true)],
    ["memory %", typeof d.memoryPercent === "number" ? d.memoryPercent.toFixed(2) : text(d.memoryPercent)],
  );
  if ("memoryFootprint" in d) pairs.push(["footprint", record(d.memoryFootprint, true)]);
  pairs.push(["user", text(d.username)]);
  if ("uids" in d) pairs.push(["uids", record(d.uids)]);
  if ("gids" in d) pairs.push(["gids", record(d.gids)]);
  pairs.push(["terminal", text(d.terminal)], ["status", text(d.status)], ["nice", text(d.nice)]);
  if ("ionice" in d) pairs.push(["ionice", record(d.ionice)]);
  pairs.push(["num-threads", text(d.numThreads)]);
  if ("numFds" in d) pairs.push(["num-fds", text(d.numFds)]);
  if ("numHandles" in d) pairs.push(["num-handles", text(d.numHandles)]);
  if ("ioCounters" in d) pairs.push(["I/O", record(d.ioCounters, false)]);
  if ("numCtxSwitches" in d) pairs.push(["ctx-switches", record(d.numCtxSwitches)]);
  if ("pageFaults" in d) pairs.push(["page-faults", record(d.pageFaults)]);
  const out = keyValues(pairs);
  const width = lineWidth();
  const section = (title: string, lines: string[]): void => {
    out.push("", ...heading(title), ...lines);
  };
  section(
    `children (${children.length})`,
    children.length
      ? table([{ header: "PID", align: "right" }, { header: "NAME" }], children.map(childRow), { width })
      : [],
  );
  const files = d.openFiles as ProcessOpenFile[] | typeof DENIED;
  if (!denied(files) && files) {
    section(
      `open files (${files.length})`,
      files.length
        ? table([{ header: "FD", align: "right" }, { header: "PATH" }], files.map((f) => [String(f.fd), f.path]), {
          width,
        })
        : [],
    );
  } else section("open files", [text(files)]);
  const conns = d.netConnections as NetConnection[] | typeof DENIED;
  if (!denied(conns) && conns) {
    section(
      `connections (${conns.length})`,
      conns.length
        ? table(
          [{ header: "FD", align: "right" }, { header: "LOCAL" }, { header: "REMOTE" }, { header: "STATUS" }],
          conns.map((c) => [String(c.fd), addr(c.laddr), addr(c.raddr), c.status]),
          { width },
        )
        : [],
    );
  } else section("connections", [text(conns)]);
  const threads = d.threads as ProcessThread[] | typeof DENIED;
  if (!denied(threads) && threads) {
    section(
      `threads (${threads.length})`,
      table(
        [{ header: "TID", align: "right" }, { header: "USER", align: "right" }, { header: "SYSTEM", align: "right" }],
        threads.map((t) => [String(t.id), t.userTime.toFixed(2), t.systemTime.toFixed(2)]),
        { width },
      ),
    );
  }
  const maps = d.memoryMaps as ProcessMemoryMap[] | typeof DENIED;
  if (!denied(maps) && maps) {
    const top = [...maps].sort((a, b) => b.rss - a.rss).slice(0, 10);
    section(
      `largest memory maps (${top.length} of ${maps.length})`,
      table([{ header: "RSS", align: "right" }, { header: "PATH" }], top.map((m) => [human(m.rss), m.path]), { width }),
    );
  }
  return out;
}

function childRow(c: Process): string[] {
  let name = "?";
  try {
    name = c.name();
  } catch {
    name = "?";
  }
  return [String(c.pid), name];
}

function addr(a: NetConnection["laddr"]): string {
  if (a === null) return "-";
  if (typeof a === "string") return a || "-";
  return a.ip.includes(":") ? `[${a.ip}]:${a.port}` : `${a.ip}:${a.port}`;
}

/** Runs `tsutil procinfo`. */
export function main(argv: string[]): void {
  const { opts, args } = parse(argv, { usage: USAGE, options: { json: { type: "boolean" } }, positionals: [1, 1] });
  const proc = new Process(pidArg(args[0]));
  if (opts.json) {
    printJson(proc.asDict());
    return;
  }
  const attrs = Process.attrs.filter((a) => a !== "environ" && a !== "cpuPercent");
  const d = proc.asDict({ attrs, adValue: DENIED });
  let parentName: string | null = null;
  let children: Process[] = [];
  try {
    parentName = proc.parent()?.name() ?? null;
  } catch {
    parentName = null;
  }
  try {
    children = proc.children();
  } catch {
    children = [];
  }
  printLines(render(d, parentName, children));
}

if (import.meta.main) await runTool("procinfo", main);

/**
 * `tsutil netstat`: the system's sockets with their addresses, state and owning process, like `netstat -antup`
 * (psutil's scripts/netstat.py). Seeing other users' processes needs privilege; their PID column reads `-`.
 *
 * ```sh
 * deno run --allow-ffi scripts/netstat.ts [--kind KIND] [--json]
 * ```
 *
 * @module
 */
import {
  AF_INET6,
  AF_UNIX,
  type ConnKind,
  type NetConnection,
  netConnections,
  SOCK_DGRAM,
  SOCK_STREAM,
} from "../mod.ts";
import { parse, UsageError } from "./_cli/args.ts";
import { printJson } from "./_cli/json.ts";
import { printLines } from "./_cli/output.ts";
import { scan } from "./_cli/procs.ts";
import { runTool } from "./_cli/run.ts";
import { table } from "./_cli/table.ts";
import { lineWidth } from "./_cli/term.ts";

const KINDS = ["inet", "inet4", "inet6", "tcp", "tcp4", "tcp6", "udp", "udp4", "udp6", "unix", "all"];

/** `--help` text. */
export const USAGE = `usage: tsutil netstat [-k KIND] [--json]
Sockets: protocol, local and remote address, state, pid and program name.
  -k, --kind KIND   ${KINDS.join(", ")} (default inet)
      --json        print netConnections(KIND) as JSON`;

/** `tcp`, `udp6`, `unix`...: the protocol column. */
export function proto(c: NetConnection): string {
  if (c.family === AF_UNIX) return "unix";
  const base = c.type === SOCK_STREAM ? "tcp" : c.type === SOCK_DGRAM ? "udp" : "raw";
  return c.family === AF_INET6 ? `${base}6` : base;
}

/** An address as `ip:port` (`[ip]:port` for IPv6), a path for AF_UNIX, `-` when absent. */
export function address(a: NetConnection["laddr"]): string {
  if (a === null) return "-";
  if (typeof a === "string") return a || "-";
  return a.ip.includes(":") ? `[${a.ip}]:${a.port}` : `${a.ip}:${a.port}`;
}

/** The table, with program names looked up from `names` (pid → name). */
export function render(conns: NetConnection[], names: Map<number, string>, width: number | null): string[] {
  const rows = conns.map((c) => [
    proto(c),
    address(c.laddr),
    address(c.raddr),
    c.status === "NONE" ? "" : c.status,
    c.pid === null ? "-" : String(c.pid),
    c.pid === null ? "" : names.get(c.pid) ?? "?",
  ]);
  return table(
    [
      { header: "Proto" },
      { header: "Local address" },
      { header: "Remote address" },
      { header: "Status" },
      { header: "PID", align: "right" },
      { header: "Program name" },
    ],
    rows,
    { width, gap: 2 },
  );
}

/** Runs `tsutil netstat`. */
export function main(argv: string[]): void {
  const { opts } = parse(argv, {
    usage: USAGE,
    options: { json: { type: "boolean" }, kind: { type: "string", short: "k" } },
  });
  const kind = opts.kind ?? "inet";
  if (!KINDS.includes(kind)) throw new UsageError(`unknown kind '${kind}' (one of ${KINDS.join(", ")})`);
  const conns = netConnections(kind as ConnKind);
  if (opts.json) {
    printJson(conns);
    return;
  }
  const names = new Map<number, string>();
  for (const { info } of scan(["pid", "name"])) {
    if (typeof info.name === "string") names.set(info.pid as number, info.name);
  }
  conns.sort((a, b) => proto(a).localeCompare(proto(b)) || address(a.laddr).localeCompare(address(b.laddr)));
  printLines(render(conns, names, lineWidth()));
}

if (import.meta.main) await runTool("netstat", main);

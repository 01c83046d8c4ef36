/**
 * `tsutil who`: the users logged in, their terminal, login time, host and login process, like who(1) (psutil's
 * scripts/who.py).
 *
 * ```sh
 * deno run --allow-ffi scripts/who.ts [--json]
 * ```
 *
 * @module
 */
import { NoSuchProcess, Process, type User, users } from "../mod.ts";
import { parse } from "./_cli/args.ts";
import { printJson } from "./_cli/json.ts";
import { printLines } from "./_cli/output.ts";
import { runTool } from "./_cli/run.ts";
import { table } from "./_cli/table.ts";
import { lineWidth } from "./_cli/term.ts";
import { dateTime } from "./_cli/units.ts";

/** `--help` text. */
export const USAGE = `usage: tsutil who [--json]
Logged-in users: name, terminal, login time, remote host, and the login process's pid and name.
      --json   print users() as JSON`;

function processName(pid: number | null): string {
  if (pid === null) return "-";
  try {
    return new Process(pid).name();
  } catch (e) {
    if (e instanceof NoSuchProcess) return "(ended)";
    return "?";
  }
}

/** The table of sessions; a sentence when nobody is logged in. */
export function render(list: User[], width: number | null): string[] {
  if (list.length === 0) return ["no users logged in"];
  const rows = list.map((u) => [
    u.name,
    u.terminal ?? "-",
    dateTime(u.started),
    u.host ? `(${u.host})` : "",
    u.pid === null ? "-" : String(u.pid),
    processName(u.pid),
  ]);
  return table(
    [{ header: "USER" }, { header: "TTY" }, { header: "LOGIN" }, { header: "HOST" }, {
      header: "PID",
      align: "right",
    }, { header: "PROCESS" }],
    rows,
    { width, gap: 2 },
  );
}

/** Runs `tsutil who`. */
export function main(argv: string[]): void {
  const { opts } = parse(argv, { usage: USAGE, options: { json: { type: "boolean" } } });
  const list = users();
  if (opts.json) printJson(list);
  else printLines(render(list, lineWidth()));
}

if (import.meta.main) await runTool("who", main);

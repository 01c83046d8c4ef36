/**
 * `tsutil pidof`: the pids of the processes with a given name, like pidof(1) (psutil's scripts/pidof.py).
 *
 * ```sh
 * deno run --allow-ffi scripts/pidof.ts NAME [--json]
 * ```
 *
 * @module
 */
import { parse } from "./_cli/args.ts";
import { printJson } from "./_cli/json.ts";
import { matchesName, NAME_ATTRS, scan } from "./_cli/procs.ts";
import { runTool } from "./_cli/run.ts";
import process from "node:process";

/** `--help` text. */
export const USAGE = `usage: tsutil pidof NAME [--json]
The pids of every process whose name, executable or first argument is NAME, ascending, on one line.
Exits 1 when there is none.
      --json   print the pids as a JSON array`;

/** The pids of the processes answering to `name`, ascending. */
export function pidsOf(name: string): number[] {
  return scan(NAME_ATTRS).filter((s) => matchesName(s.info, name)).map((s) => s.info.pid as number).sort((a, b) =>
    a - b
  );
}

/** Runs `tsutil pidof`. */
export function main(argv: string[]): void {
  const { opts, args } = parse(argv, { usage: USAGE, options: { json: { type: "boolean" } }, positionals: [1, 1] });
  const pids = pidsOf(args[0]);
  if (opts.json) printJson(pids);
  else if (pids.length > 0) console.log(pids.join(" "));
  if (pids.length === 0) process.exitCode = 1;
}

if (import.meta.main) await runTool("pidof", main);

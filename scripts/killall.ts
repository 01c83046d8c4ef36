/**
 * `tsutil killall`: sends a signal to every process with a given name, like killall(1) (psutil's
 * scripts/killall.py). Each process is signalled through `Process.sendSignal`, which first checks that the pid
 * still names the same process.
 *
 * ```sh
 * deno run --allow-ffi scripts/killall.ts NAME [-s SIGNAL] [--json]
 * ```
 *
 * @module
 */
import { constants } from "node:os";
import process from "node:process";
import { AccessDenied, NoSuchProcess } from "../mod.ts";
import { parse, UsageError } from "./_cli/args.ts";
import { printJson } from "./_cli/json.ts";
import { matchesName, NAME_ATTRS, scan } from "./_cli/procs.ts";
import { runTool } from "./_cli/run.ts";

/** `--help` text. */
export const USAGE = `usage: tsutil killall NAME [-s SIGNAL] [--json]
Sends SIGNAL (default TERM) to every process whose name, executable or first argument is NAME, except tsutil
itself. Exits 1 when no process matched or one could not be signalled (run with more privilege for others').
  -s, --signal SIG   a signal name (TERM, KILL, INT, HUP, SIGUSR1...) or number
      --json         print { signalled: [pids], failed: [{ pid, error }] }`;

/** The signal number for a name (`TERM`, `SIGTERM`) or number, from this platform's table. */
export function signalNumber(spec: string): number {
  const table = constants.signals as Record<string, number>;
  if (/^\d+$/.test(spec)) {
    const n = Number(spec);
    if (!Object.values(table).includes(n)) throw new UsageError(`unknown signal number ${n}`);
    return n;
  }
  const name = spec.toUpperCase().startsWith("SIG") ? spec.toUpperCase() : `SIG${spec.toUpperCase()}`;
  const n = table[name];
  if (n === undefined) throw new UsageError(`unknown signal '${spec}'`);
  return n;
}

/** Runs `tsutil killall`. */
export function main(argv: string[]): void {
  const { opts, args } = parse(argv, {
    usage: USAGE,
    options: { json: { type: "boolean" }, signal: { type: "string", short: "s" } },
    positionals: [1, 1],
  });
  const sig = signalNumber(opts.signal ?? "TERM");
  const targets = scan(NAME_ATTRS).filter((s) => matchesName(s.info, args[0]) && s.proc.pid !== process.pid);
  const signalled: number[] = [];
  const failed: { pid: number; error: string }[] = [];
  for (const { proc } of targets) {
    try {
      proc.sendSignal(sig);
      signalled.push(proc.pid);
    } catch (e) {
      if (e instanceof NoSuchProcess) continue; // it ended by itself meanwhile
      if (!(e instanceof AccessDenied)) throw e;
      failed.push({ pid: proc.pid, error: "access denied" });
    }
  }
  if (opts.json) printJson({ signalled, failed });
  else {
    if (signalled.length === 0 && failed.length === 0) console.error(`tsutil killall: ${args[0]}: no process found`);
    for (const f of failed) console.error(`tsutil killall: pid ${f.pid}: ${f.error} (run with more privilege)`);
  }
  if (signalled.length === 0 || failed.length > 0) process.exitCode = 1;
}

if (import.meta.main) await runTool("killall", main);

/**
 * `tsutil meminfo`: every field of virtualMemory() and swapMemory() (psutil's scripts/meminfo.py).
 *
 * ```sh
 * deno run --allow-ffi scripts/meminfo.ts [--json]
 * ```
 *
 * @module
 */
import { type SwapMemory, swapMemory, type VirtualMemory, virtualMemory } from "../mod.ts";
import { parse } from "./_cli/args.ts";
import { printJson } from "./_cli/json.ts";
import { heading, printLines } from "./_cli/output.ts";
import { runTool } from "./_cli/run.ts";
import { keyValues } from "./_cli/table.ts";
import { human, pct } from "./_cli/units.ts";

/** `--help` text. */
export const USAGE = `usage: tsutil meminfo [--json]
Every memory and swap field this platform reports, in K/M/G.
      --json   print virtualMemory() and swapMemory() as JSON`;

function fields(record: VirtualMemory | SwapMemory): [string, string][] {
  return Object.entries(record).map(([k, v]) => [
    k[0].toUpperCase() + k.slice(1).replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`),
    k === "percent" ? pct(v as number) : human(v as number),
  ]);
}

/** The two sections, MEMORY and SWAP, one `Field  value` line per field in psutil's order. */
export function render(vm: VirtualMemory, swap: SwapMemory): string[] {
  return [...heading("MEMORY"), ...keyValues(fields(vm)), "", ...heading("SWAP"), ...keyValues(fields(swap))];
}

/** Runs `tsutil meminfo`. */
export function main(argv: string[]): void {
  const { opts } = parse(argv, { usage: USAGE, options: { json: { type: "boolean" } } });
  const vm = virtualMemory();
  const swap = swapMemory();
  if (opts.json) printJson({ virtualMemory: vm, swapMemory: swap });
  else printLines(render(vm, swap));
}

if (import.meta.main) await runTool("meminfo", main);

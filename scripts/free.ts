/**
 * `tsutil free`: memory and swap in use, like free(1) (psutil's scripts/free.py).
 *
 * ```sh
 * deno run --allow-ffi scripts/free.ts [--json]
 * ```
 *
 * @module
 */
import { type SwapMemory, swapMemory, type VirtualMemory, virtualMemory } from "../mod.ts";
import { parse } from "./_cli/args.ts";
import { printJson } from "./_cli/json.ts";
import { printLines } from "./_cli/output.ts";
import { runTool } from "./_cli/run.ts";
import { type Column, table } from "./_cli/table.ts";
import { lineWidth } from "./_cli/term.ts";
import { human } from "./_cli/units.ts";

/** `--help` text. */
export const USAGE = `usage: tsutil free [--json]
Physical memory and swap: total, used, free, shared, buffers, cache and available, in K/M/G.
      --json   print virtualMemory() and swapMemory() as JSON`;

/** The table: one row for memory, one for swap. */
export function render(vm: VirtualMemory, swap: SwapMemory): string[] {
  const cols: Column[] = [
    { header: "" },
    ...["total", "used", "free", "shared", "buffers", "cache", "available"].map((h): Column => ({
      header: h,
      align: "right",
    })),
  ];
  const rows = [
    ["Mem:", ...[vm.total, vm.used, vm.free, vm.shared, vm.buffers, vm.cached, vm.available].map(human)],
    ["Swap:", human(swap.total), human(swap.used), human(swap.free), "", "", "", ""],
  ];
  return table(cols, rows, { width: lineWidth(), gap: 3 });
}

/** Runs `tsutil free`. */
export function main(argv: string[]): void {
  const { opts } = parse(argv, { usage: USAGE, options: { json: { type: "boolean" } } });
  const vm = virtualMemory();
  const swap = swapMemory();
  if (opts.json) printJson({ virtualMemory: vm, swapMemory: swap });
  else printLines(render(vm, swap));
}

if (import.meta.main) await runTool("free", main);

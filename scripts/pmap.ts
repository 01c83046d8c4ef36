/**
 * `tsutil pmap PID`: the memory maps of a process, like pmap(1) (psutil's scripts/pmap.py).
 *
 * ```sh
 * deno run --allow-ffi scripts/pmap.ts PID [--json]
 * ```
 *
 * @module
 */
import { Process, type ProcessMemoryMap } from "../mod.ts";
import { parse, pidArg } from "./_cli/args.ts";
import { printJson } from "./_cli/json.ts";
import { printLines } from "./_cli/output.ts";
import { runTool } from "./_cli/run.ts";
import { table } from "./_cli/table.ts";
import { lineWidth } from "./_cli/term.ts";
import { human } from "./_cli/units.ts";

/** `--help` text. */
export const USAGE = `usage: tsutil pmap PID [--json]
Every memory mapping of PID: address range, size, resident size, permissions and what is mapped, with totals.
Another user's process needs privilege.
      --json   print memoryMaps({ grouped: false }) as JSON`;

/** The table of maps and a totals line. */
export function render(pid: number, name: string, maps: ProcessMemoryMap[], width: number | null): string[] {
  const cells = maps.map((m) => [m.addr ?? "", human(m.size), human(m.rss), m.perms ?? "", m.path]);
  const total = (f: (m: ProcessMemoryMap) => number | undefined): number => maps.reduce((a, m) => a + (f(m) ?? 0), 0);
  cells.push(["total", human(total((m) => m.size)), human(total((m) => m.rss)), "", ""]);
  return [
    `${pid}: ${name}`,
    ...table(
      [
        { header: "ADDRESS" },
        { header: "SIZE", align: "right" },
        { header: "RSS", align: "right" },
        { header: "MODE" },
        { header: "MAPPING", flex: true },
      ],
      cells,
      { width },
    ),
  ];
}

/** Runs `tsutil pmap`. */
export function main(argv: string[]): void {
  const { opts, args } = parse(argv, { usage: USAGE, options: { json: { type: "boolean" } }, positionals: [1, 1] });
  const proc = new Process(pidArg(args[0]));
  const maps = proc.memoryMaps({ grouped: false });
  if (opts.json) printJson(maps);
  else printLines(render(proc.pid, proc.cmdline().join(" ") || proc.name(), maps, lineWidth()));
}

if (import.meta.main) await runTool("pmap", main);

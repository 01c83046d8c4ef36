/**
 * `tsutil fans`: fan speeds per chip (psutil's scripts/fans.py).
 *
 * ```sh
 * deno run --allow-ffi scripts/fans.ts [--json]
 * ```
 *
 * @module
 */
import { type Fan, sensorsFans } from "../mod.ts";
import { parse } from "./_cli/args.ts";
import { paint } from "./_cli/color.ts";
import { printJson } from "./_cli/json.ts";
import { printLines } from "./_cli/output.ts";
import { runTool } from "./_cli/run.ts";
import { fanLines } from "./_cli/sensors.ts";

/** `--help` text. */
export const USAGE = `usage: tsutil fans [--json]
Fan speeds per chip, in RPM.
      --json   print sensorsFans() as JSON`;

/** A block per chip: its name, then one line per fan; a sentence when there is none. */
export function render(fans: Record<string, Fan[]>): string[] {
  const chips = Object.entries(fans);
  if (chips.length === 0) return ["no fans found"];
  return chips.flatMap(([chip, list], i) => [...(i > 0 ? [""] : []), paint(chip, "bold"), ...fanLines(list)]);
}

/** Runs `tsutil fans`. */
export function main(argv: string[]): void {
  const { opts } = parse(argv, { usage: USAGE, options: { json: { type: "boolean" } } });
  const fans = sensorsFans();
  if (opts.json) printJson(fans);
  else printLines(render(fans));
}

if (import.meta.main) await runTool("fans", main);

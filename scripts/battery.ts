/**
 * `tsutil battery`: charge, time left and power source (psutil's scripts/battery.py).
 *
 * ```sh
 * deno run --allow-ffi scripts/battery.ts [--json]
 * ```
 *
 * @module
 */
import { type Battery, sensorsBattery } from "../mod.ts";
import { parse } from "./_cli/args.ts";
import { printJson } from "./_cli/json.ts";
import { printLines } from "./_cli/output.ts";
import { runTool } from "./_cli/run.ts";
import { batteryPairs } from "./_cli/sensors.ts";
import { keyValues } from "./_cli/table.ts";

/** `--help` text. */
export const USAGE = `usage: tsutil battery [--json]
Battery charge, time left, status and whether AC power is plugged in.
      --json   print sensorsBattery() as JSON (null without a battery)`;

/** `charge`, `left`, `status` and `plugged in` lines; a sentence when there is no battery. */
export function render(b: Battery | null): string[] {
  return b === null ? ["no battery found"] : keyValues(batteryPairs(b));
}

/** Runs `tsutil battery`. */
export function main(argv: string[]): void {
  const { opts } = parse(argv, { usage: USAGE, options: { json: { type: "boolean" } } });
  const b = sensorsBattery();
  if (opts.json) printJson(b);
  else printLines(render(b));
}

if (import.meta.main) await runTool("battery", main);

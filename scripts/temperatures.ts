/**
 * `tsutil temperatures`: hardware temperatures per chip, like lm-sensors (psutil's scripts/temperatures.py).
 *
 * ```sh
 * deno run --allow-ffi scripts/temperatures.ts [--fahrenheit] [--json]
 * ```
 *
 * @module
 */
import { sensorsTemperatures, type Temperature } from "../mod.ts";
import { parse } from "./_cli/args.ts";
import { paint } from "./_cli/color.ts";
import { printJson } from "./_cli/json.ts";
import { printLines } from "./_cli/output.ts";
import { runTool } from "./_cli/run.ts";
import { temperatureLines } from "./_cli/sensors.ts";

/** `--help` text. */
export const USAGE = `usage: tsutil temperatures [-f] [--json]
Temperature sensors per chip: current, high and critical thresholds.
  -f, --fahrenheit   degrees Fahrenheit instead of Celsius
      --json         print sensorsTemperatures() as JSON`;

/** A block per chip: its name, then one line per sensor; a sentence when there is none. */
export function render(temps: Record<string, Temperature[]>, unit = "°C"): string[] {
  const chips = Object.entries(temps);
  if (chips.length === 0) return ["no temperature sensors found"];
  return chips.flatMap(([chip, sensors], i) => [
    ...(i > 0 ? [""] : []),
    paint(chip, "bold"),
    ...temperatureLines(sensors, unit),
  ]);
}

/** Runs `tsutil temperatures`. */
export function main(argv: string[]): void {
  const { opts } = parse(argv, {
    usage: USAGE,
    options: { json: { type: "boolean" }, fahrenheit: { type: "boolean", short: "f" } },
  });
  const temps = sensorsTemperatures({ fahrenheit: opts.fahrenheit });
  if (opts.json) printJson(temps);
  else printLines(render(temps, opts.fahrenheit ? "°F" : "°C"));
}

if (import.meta.main) await runTool("temperatures", main);

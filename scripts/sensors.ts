/**
 * `tsutil sensors`: temperatures, fans and battery in one view, like lm-sensors (psutil's scripts/sensors.py).
 *
 * ```sh
 * deno run --allow-ffi scripts/sensors.ts [--json]
 * ```
 *
 * @module
 */
import { type Battery, type Fan, sensorsBattery, sensorsFans, sensorsTemperatures, type Temperature } from "../mod.ts";
import { parse } from "./_cli/args.ts";
import { paint } from "./_cli/color.ts";
import { printJson } from "./_cli/json.ts";
import { printLines } from "./_cli/output.ts";
import { runTool } from "./_cli/run.ts";
import { batteryPairs, fanLines, temperatureLines } from "./_cli/sensors.ts";
import { keyValues } from "./_cli/table.ts";

/** `--help` text. */
export const USAGE = `usage: tsutil sensors [--json]
Every hardware sensor: temperatures and fans per chip, then the battery.
      --json   print { temperatures, fans, battery } as JSON`;

/** What the sensors report. */
export interface SensorsReport {
  /** `sensorsTemperatures()`. */
  temperatures: Record<string, Temperature[]>;
  /** `sensorsFans()`. */
  fans: Record<string, Fan[]>;
  /** `sensorsBattery()`. */
  battery: Battery | null;
}

/** A block per chip (temperatures, then fans), then the battery; a sentence when nothing is reported. */
export function render(r: SensorsReport): string[] {
  const chips = [...new Set([...Object.keys(r.temperatures), ...Object.keys(r.fans)])];
  const out: string[] = [];
  for (const chip of chips) {
    if (out.length) out.push("");
    out.push(paint(chip, "bold"));
    if (r.temperatures[chip]?.length) {
      out.push("    Temperatures:", ...temperatureLines(r.temperatures[chip], "°C", " ".repeat(8)));
    }
    if (r.fans[chip]?.length) out.push("    Fans:", ...fanLines(r.fans[chip], " ".repeat(8)));
  }
  if (r.battery !== null) {
    if (out.length) out.push("");
    out.push(paint("Battery", "bold"), ...keyValues(batteryPairs(r.battery), null).map((l) => `    ${l}`));
  }
  return out.length ? out : ["no sensors found (no temperature sensor, fan or battery is exposed)"];
}

/** Runs `tsutil sensors`. */
export function main(argv: string[]): void {
  const { opts } = parse(argv, { usage: USAGE, options: { json: { type: "boolean" } } });
  const report: SensorsReport = {
    temperatures: sensorsTemperatures(),
    fans: sensorsFans(),
    battery: sensorsBattery(),
  };
  if (opts.json) printJson(report);
  else printLines(render(report));
}

if (import.meta.main) await runTool("sensors", main);

/**
 * Lines for temperatures, fans and the battery, shared by `sensors`, `temperatures`, `fans` and `battery`.
 *
 * @module
 */
import { type Battery, type Fan, POWER_TIME_UNKNOWN, POWER_TIME_UNLIMITED, type Temperature } from "../../mod.ts";
import { paint, type Style } from "./color.ts";
import { table } from "./table.ts";
import { duration } from "./units.ts";

function deg(n: number | null, unit: string): string {
  return n === null ? "-" : `${Number.isInteger(n) ? n : n.toFixed(1)}${unit}`;
}

function tempStyle(t: Temperature): Style | null {
  if (t.critical !== null && t.critical > 0 && t.current >= t.critical) return "red";
  if (t.high !== null && t.high > 0 && t.current >= t.high) return "yellow";
  return null;
}

/** One aligned line per sensor, `indent`ed: label, current, high and critical, hot ones coloured. */
export function temperatureLines(sensors: Temperature[], unit = "°C", indent = "    "): string[] {
  const rows = sensors.map((t, i) => [
    t.label || `#${i + 1}`,
    deg(t.current, unit),
    `(high = ${deg(t.high, unit)}, critical = ${deg(t.critical, unit)})`,
  ]);
  const styles = sensors.map(tempStyle);
  return table(
    [{ header: "" }, { header: "", align: "right", style: (_t, r) => styles[r] }, { header: "" }],
    rows,
    { header: false, gap: 2 },
  ).map((l) => indent + l);
}

/** One aligned line per fan, `indent`ed: label and RPM. */
export function fanLines(fans: Fan[], indent = "    "): string[] {
  const rows = fans.map((f, i) => [f.label || `#${i + 1}`, `${f.current} RPM`]);
  return table([{ header: "" }, { header: "", align: "right" }], rows, { header: false, gap: 2 }).map((l) =>
    indent + l
  );
}

/** What `secsleft` means: a duration, or why there is none. */
export function timeLeft(b: Battery): string {
  if (b.secsleft === POWER_TIME_UNLIMITED) return "unlimited (on AC power)";
  if (b.secsleft === POWER_TIME_UNKNOWN || b.secsleft < 0) return "unknown";
  return duration(b.secsleft);
}

/** The battery as `charge`, `left`, `status` and `plugged in` pairs. */
export function batteryPairs(b: Battery): [string, string][] {
  const status = b.powerPlugged === true
    ? (b.percent >= 100 ? "fully charged" : "charging")
    : b.powerPlugged === false
    ? "discharging"
    : "unknown";
  const charge = `${Number.isInteger(b.percent) ? b.percent : b.percent.toFixed(1)}%`;
  return [
    ["charge", paint(charge, b.percent < 20 ? "red" : b.percent < 50 ? "yellow" : "green")],
    ["left", timeLeft(b)],
    ["status", status],
    ["plugged in", b.powerPlugged === null ? "unknown" : b.powerPlugged ? "yes" : "no"],
  ];
}

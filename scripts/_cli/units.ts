/**
 * Human units: bytes (tsutil's own {@linkcode bytes2human}), percentages, durations, clock times and bars.
 *
 * @module
 */
import { bytes2human } from "../../src/bytes2human.ts";

export { bytes2human };

/** Bytes as `9.8K`, or `-` when the value is absent. */
export function human(n: number | null | undefined): string {
  return n === null || n === undefined ? "-" : bytes2human(n);
}

/** A percentage with one decimal (`12.5%`), or `-` when absent. */
export function pct(n: number | null | undefined, sign = "%"): string {
  return n === null || n === undefined || !Number.isFinite(n) ? "-" : `${n.toFixed(1)}${sign}`;
}

/** CPU time as top prints it: `M:SS.hh` (minutes grow past 59). */
export function cpuTime(seconds: number): string {
  const cs = Math.round(seconds * 100);
  const m = Math.floor(cs / 6000);
  const s = Math.floor((cs % 6000) / 100);
  const h = cs % 100;
  return `${m}:${String(s).padStart(2, "0")}.${String(h).padStart(2, "0")}`;
}

/** An elapsed time as `3 days, 4:05:06` or `4:05:06`. */
export function duration(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const days = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const clock = `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
  return days > 0 ? `${days} day${days === 1 ? "" : "s"}, ${clock}` : clock;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A start time as ps prints it: `HH:MM` when today, `MonDD` otherwise (local time). */
export function startTime(epochSeconds: number, now: Date = new Date()): string {
  const d = new Date(epochSeconds * 1000);
  if (d.toDateString() === now.toDateString()) {
    return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
  }
  return `${MONTHS[d.getMonth()]}${String(d.getDate()).padStart(2, "0")}`;
}

/** A local date and time as `YYYY-MM-DD HH:MM:SS`. */
export function dateTime(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  const two = (n: number): string => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${
    two(d.getSeconds())
  }`;
}

/** A bar of `width` cells filled to `percent` with `|`, e.g. `|||||     ` (no brackets). */
export function bar(percent: number, width: number): string {
  const p = Math.min(100, Math.max(0, Number.isFinite(percent) ? percent : 0));
  const n = Math.round((p / 100) * width);
  return "|".repeat(n) + " ".repeat(Math.max(0, width - n));
}

/** A byte rate per second, `1.2M/s`. */
export function rate(bytesPerSecond: number): string {
  return `${bytes2human(bytesPerSecond)}/s`;
}

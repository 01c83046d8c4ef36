/**
 * Hardware sensors: temperatures, fans and the battery.
 *
 * @module
 */
import { need } from "./_backend.ts";
import type { Battery, Fan, Temperature } from "./types.ts";

/** Options for {@linkcode sensorsTemperatures}. */
export interface SensorsTemperaturesOptions {
  /** `true`: degrees Fahrenheit; `false` (default): Celsius. */
  fahrenheit?: boolean;
}

/**
 * Temperatures by chip or zone name (psutil: `sensors_temperatures`): for each, a list of `label`, `current`,
 * `high` and `critical` (`null` when the sensor has no such threshold; when only one threshold exists, both
 * report it). On Linux from hwmon (`/sys/class/hwmon`, as lm-sensors), else from the thermal zones
 * (`/sys/class/thermal`, unlabelled). An empty object where the machine exposes no sensor (most virtual machines).
 *
 * Availability: Linux.
 *
 * @tags allow-ffi
 * @param options `fahrenheit: true` converts every value to °F.
 * @example
 * ```ts
 * import { sensorsTemperatures } from "../mod.ts";
 * for (const [chip, sensors] of Object.entries(sensorsTemperatures())) {
 *   for (const s of sensors) console.log(chip, s.label, s.current);
 * }
 * ```
 */
export function sensorsTemperatures(options: SensorsTemperaturesOptions = {}): Record<string, Temperature[]> {
  const fahrenheit = options.fahrenheit ?? false;
  if (typeof fahrenheit !== "boolean") throw new TypeError(`fahrenheit must be a boolean, got ${typeof fahrenheit}`);
  const convert = (n: number | null): number | null => n === null || !fahrenheit ? n : (n * 9) / 5 + 32;
  const out: Record<string, Temperature[]> = {};
  for (const [name, list] of need("sensorsTemperatures")()) {
    out[name] = list.map((t): Temperature => {
      const current = convert(t.current) as number;
      let high = convert(t.high);
      let critical = convert(t.critical);
      // psutil's rule (by truthiness, so a 0 threshold counts as missing): one threshold stands for both.
      if (high && !critical) critical = high;
      else if (critical && !high) high = critical;
      return { label: t.label, current, high, critical };
    });
  }
  return out;
}

/**
 * Fan speeds in RPM by chip name (psutil: `sensors_fans`): for each, a list of `label` and `current`. An empty
 * object where the machine has no fan sensor.
 *
 * Availability: Linux.
 *
 * @tags allow-ffi
 * @example
 * ```ts
 * import { sensorsFans } from "../mod.ts";
 * for (const fans of Object.values(sensorsFans())) {
 *   if (fans.some((f) => f.current < 0)) throw new Error();
 * }
 * ```
 */
export function sensorsFans(): Record<string, Fan[]> {
  return Object.fromEntries(need("sensorsFans")());
}

/**
 * Battery status (psutil: `sensors_battery`), `null` when there is no battery: `percent` charged, `secsleft`
 * (seconds until empty, or `POWER_TIME_UNLIMITED` while on AC power, `POWER_TIME_UNKNOWN` when it cannot be
 * estimated), and `powerPlugged` (`null` when unknown).
 *
 * Availability: Linux.
 *
 * @tags allow-ffi
 * @example
 * ```ts
 * import { POWER_TIME_UNLIMITED, sensorsBattery } from "../mod.ts";
 * const b = sensorsBattery();
 * if (b !== null && b.powerPlugged === true && b.secsleft !== POWER_TIME_UNLIMITED) throw new Error();
 * ```
 */
export function sensorsBattery(): Battery | null {
  return need("sensorsBattery")();
}

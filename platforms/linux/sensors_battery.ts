/**
 * Linux battery from /sys/class/power_supply (kernel Documentation/ABI/testing/sysfs-class-power): the first
 * battery's energy (µWh) or charge (µAh) counters, the AC adapter's `online` file, else the battery's `status`.
 *
 * @module
 */
import type { Battery } from "../../src/types.ts";
import type { PlatformBackend } from "../backend.ts";
import type { LinuxContext } from "./context.ts";
import { POWER_TIME_UNKNOWN, POWER_TIME_UNLIMITED } from "../../src/constants.ts";
import { MalformedFileError } from "./procfs/_parse.ts";
import { pyInt } from "./procfs/py_number.ts";
import { catOrNull, relister } from "./_cat.ts";

/** The first of `names` under `dir` that can be read, as an integer; `null` when none can. */
function firstInt(ctx: LinuxContext, dir: string, ...names: string[]): number | null {
  for (const name of names) {
    const path = `${dir}/${name}`;
    const s = catOrNull(ctx, path);
    if (s === null) continue;
    const v = pyInt(s);
    if (v === null) throw new MalformedFileError(path, `not an integer ("${s.trim()}")`);
    return v;
  }
  return null;
}

/** Whether a power_supply entry is a battery, by psutil's naming rule. */
function isBattery(name: string): boolean {
  return name.startsWith("BAT") || name.toLowerCase().includes("battery");
}

/** The battery member of the Linux backend. */
export function linuxBattery(ctx: LinuxContext): Pick<PlatformBackend, "sensorsBattery"> {
  const supplies = `${ctx.sysfs}/class/power_supply`;
  const listSupplies = relister(ctx, supplies);
  return {
    sensorsBattery(): Battery | null {
      const bats = listSupplies().filter(isBattery).sort();
      if (bats.length === 0) return null;
      const root = `${supplies}/${bats[0]}`;
      const energyNow = firstInt(ctx, root, "energy_now", "charge_now");
      const powerNow = firstInt(ctx, root, "power_now", "current_now");
      const energyFull = firstInt(ctx, root, "energy_full", "charge_full");
      const timeToEmpty = firstInt(ctx, root, "time_to_empty_now");

      let percent: number;
      if (energyFull !== null && energyNow !== null) {
        // More precise than the integer `capacity` file.
        percent = energyFull === 0 ? 0 : (100 * energyNow) / energyFull;
      } else {
        const capacity = catOrNull(ctx, `${root}/capacity`);
        if (capacity === null) return null;
        const v = pyInt(capacity);
        if (v === null) throw new MalformedFileError(`${root}/capacity`, `not an integer ("${capacity.trim()}")`);
        if (v === -1) return null;
        percent = v;
      }

      let powerPlugged: boolean | null = null;
      const online = firstInt(ctx, supplies, "AC0/online", "AC/online");
      if (online !== null) {
        powerPlugged = online === 1;
      } else {
        const status = (catOrNull(ctx, `${root}/status`) ?? "").trim().toLowerCase();
        if (status === "discharging") powerPlugged = false;
        else if (status === "charging" || status === "full") powerPlugged = true;
      }

      let secsleft: number;
      if (powerPlugged === true) {
        secsleft = POWER_TIME_UNLIMITED;
      } else if (energyNow !== null && powerNow !== null) {
        secsleft = powerNow === 0 ? POWER_TIME_UNKNOWN : Math.trunc((energyNow / powerNow) * 3600);
      } else if (timeToEmpty !== null) {
        secsleft = Math.trunc(timeToEmpty * 60);
        if (secsleft < 0) secsleft = POWER_TIME_UNKNOWN;
      } else {
        secsleft = POWER_TIME_UNKNOWN;
      }
      return { percent, secsleft, powerPlugged };
    },
  };
}

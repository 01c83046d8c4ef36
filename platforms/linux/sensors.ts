/**
 * Linux temperatures and fans from sysfs: hwmon's `temp*_input` / `fan*_input` files (kernel
 * Documentation/hwmon/sysfs-interface), with /sys/class/thermal's zones as the fallback for temperatures.
 *
 * @module
 */
import type { Fan, Temperature } from "../../src/types.ts";
import type { PlatformBackend } from "../backend.ts";
import type { LinuxContext } from "./context.ts";
import { MalformedFileError, text } from "./procfs/_parse.ts";
import { pyFloat, pyInt } from "./procfs/py_number.ts";
import { catOrNull, listOrEmpty } from "./_cat.ts";

/** Whether `name` matches the glob `<prefix>*_*` (what psutil globs: `temp*_*`, `fan*_*`). */
function isChannelFile(name: string, prefix: string): boolean {
  return name.startsWith(prefix) && name.indexOf("_", prefix.length) >= 0;
}

/**
 * The sensor channels (`…/hwmonN/temp1`, `…/hwmonN/device/temp1`), sorted as psutil sorts the paths. `device` is
 * where older kernels (CentOS 7) put the files. `deviceOnlyIfNone` is psutil's rule for fans: look in `device/` only
 * when no hwmon directory has such files itself.
 */
function channels(ctx: LinuxContext, prefix: string, deviceOnlyIfNone: boolean): string[] {
  const root = `${ctx.sysfs}/class/hwmon`;
  const hwmons = listOrEmpty(ctx, root, true).filter((h) => h.startsWith("hwmon"));
  const collect = (sub: string): Set<string> => {
    const found = new Set<string>();
    for (const h of hwmons) {
      const dir = `${root}/${h}${sub}`;
      for (const f of listOrEmpty(ctx, dir, sub !== "")) {
        if (isChannelFile(f, prefix)) found.add(`${dir}/${f.slice(0, f.indexOf("_"))}`);
      }
    }
    return found;
  };
  let bases = collect("");
  if (!deviceOnlyIfNone || bases.size === 0) bases = new Set([...bases, ...collect("/device")]);
  return [...bases].sort();
}

function dirOf(path: string): string {
  return path.slice(0, path.lastIndexOf("/"));
}

/** `float(text) / 1000`, or `null` when unreadable or not a number (psutil's `bcat(..., fallback=None)`). */
function milli(s: string | null): number | null {
  if (s === null) return null;
  const v = pyFloat(s);
  return v === null ? null : v / 1000;
}

/** Whether psutil's coretemp glob (`/sys/devices/platform/coretemp.*\/hwmon/hwmon*\/temp*_*`) matches anything. */
function hasPlatformCoretemp(ctx: LinuxContext): boolean {
  const platform = `${ctx.sysfs}/devices/platform`;
  for (const c of listOrEmpty(ctx, platform).filter((d) => d.startsWith("coretemp."))) {
    for (const h of listOrEmpty(ctx, `${platform}/${c}/hwmon`).filter((d) => d.startsWith("hwmon"))) {
      if (listOrEmpty(ctx, `${platform}/${c}/hwmon/${h}`).some((f) => isChannelFile(f, "temp"))) return true;
    }
  }
  return false;
}

function add<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** Temperatures from the thermal zones: one unlabelled entry per zone, under the zone's `type`. */
function thermalZones(ctx: LinuxContext): Map<string, Temperature[]> {
  const out = new Map<string, Temperature[]>();
  const root = `${ctx.sysfs}/class/thermal`;
  for (const zone of listOrEmpty(ctx, root, true).filter((z) => z.startsWith("thermal_zone")).sort()) {
    const base = `${root}/${zone}`;
    const current = milli(catOrNull(ctx, `${base}/temp`));
    const type = catOrNull(ctx, `${base}/type`);
    if (current === null || type === null) continue;
    // trip_point_<n>_type says what trip_point_<n>_temp is. psutil converts inside its loop, so a second trip point
    // of another type divides an earlier value by 1000 again, in set order; here each value is converted once.
    const trips = new Set(
      listOrEmpty(ctx, base).filter((f) => f.startsWith("trip_point")).map((f) => f.split("_").slice(0, 3).join("_")),
    );
    let high: string | null = null;
    let critical: string | null = null;
    for (const trip of [...trips].sort()) {
      const kind = (catOrNull(ctx, `${base}/${trip}_type`) ?? "").trim();
      if (kind === "critical") critical = catOrNull(ctx, `${base}/${trip}_temp`);
      else if (kind === "high") high = catOrNull(ctx, `${base}/${trip}_temp`);
    }
    add(out, type.trim(), { label: "", current, high: milli(high), critical: milli(critical) });
  }
  return out;
}

/** The sensor members of the Linux backend (values as the kernel gives them, in °C and RPM). */
export function linuxSensors(ctx: LinuxContext): Pick<PlatformBackend, "sensorsTemperatures" | "sensorsFans"> {
  return {
    sensorsTemperatures(): Map<string, Temperature[]> {
      const bases = channels(ctx, "temp", false);
      if (bases.length === 0) return hasPlatformCoretemp(ctx) ? new Map() : thermalZones(ctx);
      const out = new Map<string, Temperature[]>();
      for (const base of bases) {
        // A channel whose input or chip name cannot be read is skipped, as psutil does (hwmon drivers often
        // fail reads with EIO or ENODATA).
        const current = milli(catOrNull(ctx, `${base}_input`));
        if (current === null) continue;
        const unit = catOrNull(ctx, `${dirOf(base)}/name`);
        if (unit === null) continue;
        add(out, unit.trim(), {
          label: (catOrNull(ctx, `${base}_label`) ?? "").trim(),
          current,
          high: milli(catOrNull(ctx, `${base}_max`)),
          critical: milli(catOrNull(ctx, `${base}_crit`)),
        });
      }
      return out;
    },
    sensorsFans(): Map<string, Fan[]> {
      const out = new Map<string, Fan[]>();
      for (const base of channels(ctx, "fan", true)) {
        const input = catOrNull(ctx, `${base}_input`);
        if (input === null) continue;
        const current = pyInt(input);
        if (current === null) throw new MalformedFileError(`${base}_input`, `not an integer ("${input.trim()}")`);
        // psutil lets a missing chip name raise.
        const unit = text(ctx.io.read(`${dirOf(base)}/name`)).trim();
        add(out, unit, { label: (catOrNull(ctx, `${base}_label`) ?? "").trim(), current });
      }
      return out;
    },
  };
}

/**
 * Linux CPU: counts and load average.
 *
 * @module
 */
import { catOrNull, listOrEmpty, rereader } from "./_cat.ts";
import { SystemCallError } from "../../ffi/errors.ts";
import type { LoadAvg } from "../../src/types.ts";
import type { PlatformBackend } from "../backend.ts";
import type { LinuxContext } from "./context.ts";
import { MalformedFileError, num, text } from "./procfs/_parse.ts";
import { libcIo } from "./libc.ts";
import { _SC_NPROCESSORS_ONLN } from "./symbols.ts";
import { hasSysinfo, sysinfoLoadavg } from "./sysinfo.ts";

/** Counts the CPUs in a kernel cpu list such as `0-3,8,10-11`. */
export function countCpuList(list: string): number {
  let n = 0;
  for (const part of list.trim().split(",")) {
    if (part === "") continue;
    const [a, b] = part.split("-");
    n += b === undefined ? 1 : Number(b) - Number(a) + 1;
  }
  return Number.isFinite(n) ? n : 0;
}

/** Physical cores from /proc/cpuinfo: the sum of `cpu cores` over distinct `physical id`s (psutil's method 2). */
export function coresFromCpuinfo(cpuinfo: string): number {
  const mapping = new Map<string, number>();
  let physId: string | undefined;
  let cores: number | undefined;
  const flush = (): void => {
    if (physId !== undefined && cores !== undefined) mapping.set(physId, cores);
    physId = cores = undefined;
  };
  for (const raw of cpuinfo.split("\n")) {
    const line = raw.trim().toLowerCase();
    if (line === "") {
      flush();
      continue;
    }
    if (line.startsWith("physical id")) physId = line.split(":")[1]?.trim();
    else if (line.startsWith("cpu cores")) cores = Number(line.split(":")[1]);
  }
  flush();
  let sum = 0;
  for (const v of mapping.values()) sum += Number.isFinite(v) ? v : 0;
  return sum;
}

/** Parses /proc/loadavg. */
export function parseLoadavg(s: string, path: string): LoadAvg {
  const f = s.trim().split(/\s+/);
  if (f.length < 3) throw new MalformedFileError(path, "fewer than 3 fields");
  return [num(f[0], path, "load1"), num(f[1], path, "load5"), num(f[2], path, "load15")];
}

/** The CPU members of the Linux backend. */
export function linuxCpu(ctx: LinuxContext): Pick<PlatformBackend, "cpuCountLogical" | "cpuCountCores" | "getloadavg"> {
  const readOnline = rereader(ctx, `${ctx.sysfs}/devices/system/cpu/online`);
  return {
    cpuCountLogical(): number | null {
      // What psutil asks, sysconf(_SC_NPROCESSORS_ONLN), is glibc reading this file (open, read, close): read here
      // through a descriptor kept open on the live roots (one pread per call), from the roots' own file elsewhere.
      let online = 0;
      try {
        online = countCpuList(text(readOnline()));
      } catch (e) {
        if (!(e instanceof SystemCallError)) throw e;
      }
      if (online > 0) return online;
      if (ctx.live && hasSysinfo()) {
        const n = libcIo().sysconf(_SC_NPROCESSORS_ONLN);
        if (n > 0) return n;
      }
      // Then psutil's fallbacks.
      const stat = catOrNull(ctx, `${ctx.procfs}/stat`);
      const n = stat === null ? 0 : stat.split("\n").filter((l) => /^cpu\d/.test(l)).length;
      if (n > 0) return n;
      const info = catOrNull(ctx, `${ctx.procfs}/cpuinfo`);
      const m = info === null ? 0 : info.split("\n").filter((l) => /^processor\s*:/i.test(l)).length;
      return m > 0 ? m : null;
    },
    cpuCountCores(): number | null {
      const base = `${ctx.sysfs}/devices/system/cpu`;
      const entries = listOrEmpty(ctx, base).filter((d) => /^cpu\d+$/.test(d));
      for (const file of ["core_cpus_list", "thread_siblings_list"]) {
        const seen = new Set<string>();
        for (const cpu of entries) {
          const s = catOrNull(ctx, `${base}/${cpu}/topology/${file}`);
          if (s !== null) seen.add(s.trim());
        }
        if (seen.size > 0) return seen.size;
      }
      const info = catOrNull(ctx, `${ctx.procfs}/cpuinfo`);
      const cores = info === null ? 0 : coresFromCpuinfo(info);
      return cores > 0 ? cores : null;
    },
    getloadavg(): LoadAvg {
      // psutil calls os.getloadavg, which is glibc's sysinfo(2)-based getloadavg: same values, one syscall.
      if (ctx.live && hasSysinfo()) return sysinfoLoadavg();
      const path = `${ctx.procfs}/loadavg`;
      return parseLoadavg(text(ctx.io.read(path)), path);
    },
  };
}

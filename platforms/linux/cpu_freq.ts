/**
 * Linux CPU frequency: cpufreq's sysfs policies (or per-CPU `cpufreq` directories), else /proc/cpuinfo's `cpu MHz`.
 *
 * @module
 */
import type { CpuFreq } from "../../src/types.ts";
import type { PlatformBackend } from "../backend.ts";
import type { LinuxContext } from "./context.ts";
import { MalformedFileError, text } from "./procfs/_parse.ts";
import { parseCpuinfoMhz } from "./procfs/cpuinfo.ts";
import { pyInt } from "./procfs/py_number.ts";
import { catOrNull, listOrEmpty, rereader } from "./_cat.ts";

/** The number in `cpufreq/policyN` / `cpuN/cpufreq`, which orders the directories numerically. */
function indexOf(name: string): number {
  return Number(/\d+/.exec(name)?.[0] ?? 0);
}

/** The cpufreq directories in CPU order: `cpufreq/policyN`, else `cpuN/cpufreq`. */
function freqDirs(ctx: LinuxContext, base: string): string[] {
  let dirs = listOrEmpty(ctx, `${base}/cpufreq`).filter((d) => /^policy\d/.test(d)).map((d) => `cpufreq/${d}`);
  if (dirs.length === 0) {
    dirs = listOrEmpty(ctx, base)
      .filter((d) => /^cpu\d/.test(d) && ctx.io.exists(`${base}/${d}/cpufreq`))
      .map((d) => `${d}/cpufreq`);
  }
  return dirs
    .map((d) => [indexOf(d), d] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, d]) => `${base}/${d}`);
}

/** kHz in a cpufreq file, as psutil's `int(bcat(...))`. */
function khz(s: string, path: string): number {
  const v = pyInt(s);
  if (v === null) throw new MalformedFileError(path, `not an integer ("${s.trim()}")`);
  return v;
}

/** Reads a file that must exist (psutil lets the error propagate). */
function mustRead(ctx: LinuxContext, path: string): string {
  return text(ctx.io.read(path));
}

/** The CPU-frequency member of the Linux backend. */
export function linuxCpuFreq(ctx: LinuxContext): Pick<PlatformBackend, "cpuFreq"> {
  const base = `${ctx.sysfs}/devices/system/cpu`;
  const cpuinfo = `${ctx.procfs}/cpuinfo`;
  const readCpuinfo = rereader(ctx, cpuinfo);
  // Whether the kernel has a cpufreq driver is decided once, as psutil decides it at import.
  let sysfs: boolean | undefined;
  return {
    cpuFreq(): CpuFreq[] {
      const mhz = parseCpuinfoMhz(text(readCpuinfo()), cpuinfo);
      sysfs ??= ctx.io.exists(`${base}/cpufreq/policy0`) || ctx.io.exists(`${base}/cpu0/cpufreq`);
      if (!sysfs) return mhz.map((current) => ({ current, min: 0, max: 0 }));
      const dirs = freqDirs(ctx, base);
      return dirs.map((dir, i): CpuFreq => {
        let curKhz: number;
        if (dirs.length === mhz.length) {
          // cpuinfo's value is cached by the kernel and cheaper to get than scaling_cur_freq (psutil #1851).
          curKhz = Math.trunc(mhz[i] * 1000);
        } else {
          let path = `${dir}/scaling_cur_freq`;
          let s = catOrNull(ctx, path);
          if (s === null) {
            path = `${dir}/cpuinfo_cur_freq`; // old kernels (psutil #1071)
            s = catOrNull(ctx, path);
            if (s === null) throw new MalformedFileError(dir, "no scaling_cur_freq nor cpuinfo_cur_freq");
          }
          curKhz = khz(s, path);
        }
        const maxPath = `${dir}/scaling_max_freq`;
        const minPath = `${dir}/scaling_min_freq`;
        return {
          current: curKhz / 1000,
          min: khz(mustRead(ctx, minPath), minPath) / 1000,
          max: khz(mustRead(ctx, maxPath), maxPath) / 1000,
        };
      });
    },
  };
}

/**
 * Linux CPU times and counters from /proc/stat: clock ticks divided by `sysconf(_SC_CLK_TCK)`, in psutil's fields.
 *
 * @module
 */
import type { CpuStats, CpuTimes } from "../../src/types.ts";
import type { PlatformBackend } from "../backend.ts";
import type { LinuxContext } from "./context.ts";
import { adapter } from "../../ffi/mod.ts";
import { libcIo } from "./libc.ts";
import { _SC_CLK_TCK } from "./symbols.ts";
import { parseStatCounters, parseStatCpuTotal, parseStatPerCpu } from "./procfs/stat.ts";
import { rereader } from "./_cat.ts";

/** Linux's `USER_HZ`, which /proc reports ticks in on every architecture; used only where libc cannot be called. */
const USER_HZ = 100;

let ticks: number | undefined;

/** Clock ticks per second (`sysconf(_SC_CLK_TCK)`), read once. */
export function clockTicks(): number {
  if (ticks === undefined) {
    const n = adapter() === null ? USER_HZ : libcIo().sysconf(_SC_CLK_TCK);
    ticks = n > 0 ? n : USER_HZ;
  }
  return ticks;
}

/**
 * Turns the clock ticks of one `cpu` line into psutil's `scputimes`: 7 to 10 fields as the kernel reports them,
 * each `ticks / CLK_TCK` seconds.
 */
export function cpuTimesOf(t: readonly number[], hz: number): CpuTimes {
  const base = {
    user: t[0] / hz,
    nice: t[1] / hz,
    system: t[2] / hz,
    idle: t[3] / hz,
    iowait: t[4] / hz,
    irq: t[5] / hz,
    softirq: t[6] / hz,
  };
  switch (t.length) {
    case 7:
      return base;
    case 8:
      return { ...base, steal: t[7] / hz };
    case 9:
      return { ...base, steal: t[7] / hz, guest: t[8] / hz };
    default:
      return {
        user: base.user,
        nice: base.nice,
        system: base.system,
        idle: base.idle,
        iowait: base.iowait,
        irq: base.irq,
        softirq: base.softirq,
        steal: t[7] / hz,
        guest: t[8] / hz,
        guestNice: t[9] / hz,
      };
  }
}

/** The CPU-times members of the Linux backend. */
export function linuxCpuTimes(ctx: LinuxContext): Pick<PlatformBackend, "cpuTimes" | "perCpuTimes" | "cpuStats"> {
  const path = `${ctx.procfs}/stat`;
  const read = rereader(ctx, path);
  return {
    cpuTimes(): CpuTimes {
      return cpuTimesOf(parseStatCpuTotal(read(), path), clockTicks());
    },
    perCpuTimes(): CpuTimes[] {
      const hz = clockTicks();
      return parseStatPerCpu(read(), path).map((t) => cpuTimesOf(t, hz));
    },
    cpuStats(): CpuStats {
      const c = parseStatCounters(read(), path);
      return { ctxSwitches: c.ctxt, interrupts: c.intr, softInterrupts: c.softirq, syscalls: 0 };
    },
  };
}

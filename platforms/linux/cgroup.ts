/**
 * Linux cgroups: reads a process's cgroup limits (every level up to the root) and usage, for v2, v1 and hybrid
 * layouts, plus the host figures (affinity, MemTotal) the container views compare them with.
 *
 * @module
 */
import { catOrNull } from "./_cat.ts";
import type {
  CgroupController,
  CgroupHost,
  CgroupIoStat,
  CgroupLevel,
  CgroupMemoryStat,
  CgroupRaw,
} from "../../src/cgroup_types.ts";
import type { PlatformBackend } from "../backend.ts";
import type { LinuxContext } from "./context.ts";
import { levelsOf, locateCgroups, pidDir } from "./cgroup_locate.ts";
import {
  type IoCounters,
  parseBlkio,
  parseCpuList,
  parseCpuMax,
  parseFlatKeyed,
  parseIoStat,
  parseLimit,
} from "./cgroup_parse.ts";
import { keyValues, MalformedFileError, num, text } from "./procfs/_parse.ts";
import { libcIo } from "./libc.ts";
import { SystemCallError } from "../../ffi/errors.ts";
import { NoSuchProcess } from "../../src/errors.ts";
import { _SC_CLK_TCK } from "./symbols.ts";

function emptyLevel(path: string): CgroupLevel {
  return { path, cpuQuota: null, cpuPeriod: null, memoryMax: null, memoryHigh: null, swapMax: null, pidsMax: null };
}

function limitAt(ctx: LinuxContext, file: string): number | null {
  const s = catOrNull(ctx, file);
  return s === null ? null : parseLimit(s, file);
}

function numAt(ctx: LinuxContext, file: string): number | null {
  const s = catOrNull(ctx, file);
  return s === null ? null : num(s.trim(), file, "value");
}

function flatAt(ctx: LinuxContext, file: string): Map<string, number> | null {
  const s = catOrNull(ctx, file);
  return s === null ? null : parseFlatKeyed(s, file);
}

function cpuLevels(ctx: LinuxContext, c: CgroupController | undefined, root: string): CgroupLevel[] {
  if (!c) return [];
  return levelsOf(c, root).map(({ path, directory }) => {
    const lv = emptyLevel(path);
    if (c.version === 2) {
      const file = `${directory}/cpu.max`;
      const s = catOrNull(ctx, file);
      if (s !== null) ({ quota: lv.cpuQuota, period: lv.cpuPeriod } = parseCpuMax(s, file));
    } else {
      lv.cpuQuota = limitAt(ctx, `${directory}/cpu.cfs_quota_us`);
      lv.cpuPeriod = numAt(ctx, `${directory}/cpu.cfs_period_us`);
    }
    return lv;
  });
}

function memoryLevels(ctx: LinuxContext, c: CgroupController | undefined, root: string): CgroupLevel[] {
  if (!c) return [];
  return levelsOf(c, root).map(({ path, directory }) => {
    const lv = emptyLevel(path);
    if (c.version === 2) {
      lv.memoryMax = limitAt(ctx, `${directory}/memory.max`);
      lv.memoryHigh = limitAt(ctx, `${directory}/memory.high`);
      lv.swapMax = limitAt(ctx, `${directory}/memory.swap.max`);
    } else {
      lv.memoryMax = limitAt(ctx, `${directory}/memory.limit_in_bytes`);
      const memsw = limitAt(ctx, `${directory}/memory.memsw.limit_in_bytes`);
      if (memsw !== null && lv.memoryMax !== null) {
        lv.swapMax = memsw === Infinity ? Infinity : Math.max(0, memsw - lv.memoryMax);
      }
    }
    return lv;
  });
}

function pidsLevels(ctx: LinuxContext, c: CgroupController | undefined, root: string): CgroupLevel[] {
  if (!c) return [];
  return levelsOf(c, root).map(({ path, directory }) => {
    const lv = emptyLevel(path);
    lv.pidsMax = limitAt(ctx, `${directory}/pids.max`);
    return lv;
  });
}

let clkTck: number | undefined;

/** USER_HZ, the unit of cpuacct.stat. */
function clockTicks(): number {
  return clkTck ??= libcIo().sysconf(_SC_CLK_TCK);
}

function cpuUsage(
  ctx: LinuxContext,
  cpu: CgroupController | undefined,
  cpuacct: CgroupController | undefined,
  v2: CgroupController | null,
): CgroupRaw["cpu"] {
  const out: CgroupRaw["cpu"] = {
    cpuset: null,
    usage: null,
    user: null,
    system: null,
    periods: null,
    throttledPeriods: null,
    throttledTime: null,
  };
  const statDir = cpu?.version === 2 ? cpu.directory : cpu === undefined && v2 ? v2.directory : null;
  if (statDir !== null) {
    const st = flatAt(ctx, `${statDir}/cpu.stat`);
    if (st) {
      const us = (k: string): number | null => st.has(k) ? st.get(k)! / 1e6 : null;
      out.usage = us("usage_usec");
      out.user = us("user_usec");
      out.system = us("system_usec");
      out.periods = st.get("nr_periods") ?? null;
      out.throttledPeriods = st.get("nr_throttled") ?? null;
      out.throttledTime = us("throttled_usec");
    }
  }
  if (cpu?.version === 1) {
    const st = flatAt(ctx, `${cpu.directory}/cpu.stat`);
    if (st) {
      out.periods = st.get("nr_periods") ?? null;
      out.throttledPeriods = st.get("nr_throttled") ?? null;
      out.throttledTime = st.has("throttled_time") ? st.get("throttled_time")! / 1e9 : null;
    }
  }
  if (cpuacct?.version === 1) {
    const usage = numAt(ctx, `${cpuacct.directory}/cpuacct.usage`);
    if (usage !== null) out.usage = usage / 1e9;
    const st = flatAt(ctx, `${cpuacct.directory}/cpuacct.stat`);
    if (st) {
      const hz = clockTicks();
      if (st.has("user")) out.user = st.get("user")! / hz;
      if (st.has("system")) out.system = st.get("system")! / hz;
    }
  }
  return out;
}

function cpuset(ctx: LinuxContext, c: CgroupController | undefined, root: string): number[] | null {
  if (!c) return null;
  const files = c.version === 2 ? ["cpuset.cpus.effective"] : ["cpuset.effective_cpus", "cpuset.cpus"];
  for (const { directory } of levelsOf(c, root)) {
    for (const f of files) {
      const file = `${directory}/${f}`;
      const s = catOrNull(ctx, file);
      if (s !== null && s.trim() !== "") return parseCpuList(s, file);
    }
  }
  return null;
}

const V2_STAT: Record<keyof CgroupMemoryStat, string> = {
  anon: "anon",
  file: "file",
  kernel: "kernel",
  kernelStack: "kernel_stack",
  pagetables: "pagetables",
  sock: "sock",
  shmem: "shmem",
  fileMapped: "file_mapped",
  fileDirty: "file_dirty",
  fileWriteback: "file_writeback",
  activeAnon: "active_anon",
  inactiveAnon: "inactive_anon",
  activeFile: "active_file",
  inactiveFile: "inactive_file",
  unevictable: "unevictable",
  slab: "slab",
  pgfault: "pgfault",
  pgmajfault: "pgmajfault",
};

const V1_STAT: Partial<Record<keyof CgroupMemoryStat, string>> = {
  anon: "rss",
  file: "cache",
  shmem: "shmem",
  fileMapped: "mapped_file",
  fileDirty: "dirty",
  fileWriteback: "writeback",
  activeAnon: "active_anon",
  inactiveAnon: "inactive_anon",
  activeFile: "active_file",
  inactiveFile: "inactive_file",
  unevictable: "unevictable",
  pgfault: "pgfault",
  pgmajfault: "pgmajfault",
};

/** Maps memory.stat to the main fields; v1 prefers the hierarchical `total_*` counters. */
export function memoryStat(st: Map<string, number>, version: 1 | 2): CgroupMemoryStat {
  const out = {} as CgroupMemoryStat;
  for (const k of Object.keys(V2_STAT) as (keyof CgroupMemoryStat)[]) {
    if (version === 2) out[k] = st.get(V2_STAT[k]) ?? null;
    else {
      const name = V1_STAT[k];
      out[k] = name === undefined ? null : st.get(`total_${name}`) ?? st.get(name) ?? null;
    }
  }
  return out;
}

function memoryUsage(ctx: LinuxContext, c: CgroupController | undefined): CgroupRaw["memory"] {
  const out: CgroupRaw["memory"] = { current: null, peak: null, swapCurrent: null, stat: null };
  if (!c) return out;
  const d = c.directory;
  if (c.version === 2) {
    out.current = numAt(ctx, `${d}/memory.current`);
    out.peak = numAt(ctx, `${d}/memory.peak`);
    out.swapCurrent = numAt(ctx, `${d}/memory.swap.current`);
  } else {
    out.current = numAt(ctx, `${d}/memory.usage_in_bytes`);
    out.peak = numAt(ctx, `${d}/memory.max_usage_in_bytes`);
    const memsw = numAt(ctx, `${d}/memory.memsw.usage_in_bytes`);
    if (memsw !== null && out.current !== null) out.swapCurrent = Math.max(0, memsw - out.current);
  }
  const st = flatAt(ctx, `${d}/memory.stat`);
  if (st) out.stat = memoryStat(st, c.version);
  return out;
}

function deviceName(ctx: LinuxContext, majMin: string): string | null {
  try {
    const target = ctx.io.readlink(`${ctx.sysfs}/dev/block/${majMin}`);
    return target.slice(target.lastIndexOf("/") + 1) || null;
  } catch {
    return null;
  }
}

function ioStats(
  ctx: LinuxContext,
  io: CgroupController | undefined,
  blkio: CgroupController | undefined,
): Record<string, CgroupIoStat> {
  const out: Record<string, CgroupIoStat> = {};
  let bytes: IoCounters | null = null;
  let ops: IoCounters | null = null;
  if (io?.version === 2) {
    const file = `${io.directory}/io.stat`;
    const s = catOrNull(ctx, file);
    if (s !== null) bytes = ops = parseIoStat(s, file);
  } else if (blkio?.version === 1) {
    const read = (base: string): IoCounters | null => {
      for (const f of [`${base}_recursive`, base]) {
        const file = `${blkio.directory}/${f}`;
        const s = catOrNull(ctx, file);
        if (s !== null) return parseBlkio(s, file);
      }
      return null;
    };
    bytes = read("blkio.throttle.io_service_bytes");
    ops = read("blkio.throttle.io_serviced");
  }
  const v2 = io?.version === 2;
  const keys = new Set([...(bytes?.keys() ?? []), ...(ops?.keys() ?? [])]);
  for (const dev of keys) {
    const b = bytes?.get(dev);
    const o = ops?.get(dev);
    const g = (m: Map<string, number> | undefined, k: string): number => m?.get(k) ?? 0;
    out[dev] = {
      name: deviceName(ctx, dev),
      readBytes: v2 ? g(b, "rbytes") : g(b, "Read"),
      writeBytes: v2 ? g(b, "wbytes") : g(b, "Write"),
      readCount: v2 ? g(o, "rios") : g(o, "Read"),
      writeCount: v2 ? g(o, "wios") : g(o, "Write"),
      discardBytes: v2 ? g(b, "dbytes") : g(b, "Discard"),
      discardCount: v2 ? g(o, "dios") : g(o, "Discard"),
    };
  }
  return out;
}

/** Reads `pid`'s cgroup; `null` when the kernel has no cgroups or none is mounted. */
export function readCgroup(ctx: LinuxContext, pid: number | undefined): CgroupRaw | null {
  const p = locateCgroups(ctx, pid);
  if (p === null) return null;
  const c = p.controllers;
  const r = p.roots;
  return {
    mode: p.mode,
    path: p.v2?.path ?? null,
    mountpoint: p.v2?.mountpoint ?? null,
    controllers: c,
    cpuLevels: cpuLevels(ctx, c.cpu, r.cpu),
    memoryLevels: memoryLevels(ctx, c.memory, r.memory),
    pidsLevels: pidsLevels(ctx, c.pids, r.pids),
    cpu: { ...cpuUsage(ctx, c.cpu, c.cpuacct, p.v2), cpuset: cpuset(ctx, c.cpuset, r.cpuset) },
    memory: memoryUsage(ctx, c.memory),
    pidsCurrent: c.pids ? numAt(ctx, `${c.pids.directory}/pids.current`) : null,
    io: ioStats(ctx, c.io, c.blkio),
  };
}

/** Reads the affinity of `pid` and the host's memory. */
export function readCgroupHost(ctx: LinuxContext, pid: number | undefined): CgroupHost {
  const statusFile = `${ctx.procfs}/${pidDir(pid)}/status`;
  let status: string;
  try {
    status = text(ctx.io.read(statusFile));
  } catch (e) {
    if (pid !== undefined && e instanceof SystemCallError && e.code === "ENOENT") {
      throw new NoSuchProcess({ pid, cause: e });
    }
    throw e;
  }
  const m = /^Cpus_allowed_list:\s*(\S+)/m.exec(status);
  if (!m) throw new MalformedFileError(statusFile, "no Cpus_allowed_list");
  const memFile = `${ctx.procfs}/meminfo`;
  const mem = keyValues(text(ctx.io.read(memFile)));
  const total = mem.get("MemTotal");
  if (total === undefined) throw new MalformedFileError(memFile, "no MemTotal");
  const avail = mem.get("MemAvailable") ??
    (mem.get("MemFree") ?? 0) + (mem.get("Buffers") ?? 0) + (mem.get("Cached") ?? 0);
  return { cpusAllowed: parseCpuList(m[1], statusFile).length, memTotal: total, memAvailable: avail };
}

/** The cgroup members of the Linux backend. */
export function linuxCgroup(ctx: LinuxContext): Pick<PlatformBackend, "cgroup" | "cgroupHost"> {
  return {
    cgroup: (pid?: number): CgroupRaw | null => readCgroup(ctx, pid),
    cgroupHost: (pid?: number): CgroupHost => readCgroupHost(ctx, pid),
  };
}

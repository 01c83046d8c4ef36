/**
 * Containers: a process's cgroup (v2, v1 or hybrid) with its effective limits and usage, a CPU count that honours
 * both affinity and the CPU quota, and memory as a process in a container sees it. Beyond psutil.
 *
 * @module
 */
import { need } from "./_backend.ts";
import { checkPid } from "./_validate.ts";
import type { Cgroup, CgroupLevel, CgroupRaw, ContainerMemory } from "./cgroup_types.ts";

/** The tightest value of `key` along `levels`; `Infinity` when levels exist but none sets it, `null` when none. */
function tightest(levels: CgroupLevel[], key: "memoryMax" | "memoryHigh" | "swapMax" | "pidsMax"): number | null {
  if (levels.length === 0) return null;
  let out = Infinity;
  for (const lv of levels) {
    const v = lv[key];
    if (v !== null && v < out) out = v;
  }
  return out;
}

/** The level whose quota/period allows the fewest CPUs. */
function tightestCpu(levels: CgroupLevel[]): { quota: number | null; period: number | null; limit: number | null } {
  if (levels.length === 0) return { quota: null, period: null, limit: null };
  let best = { quota: Infinity, period: null as number | null, limit: Infinity };
  for (const lv of levels) {
    if (lv.cpuQuota === null || lv.cpuPeriod === null || lv.cpuPeriod <= 0) continue;
    if (best.period === null) best.period = lv.cpuPeriod;
    const limit = lv.cpuQuota / lv.cpuPeriod;
    if (limit < best.limit) best = { quota: lv.cpuQuota, period: lv.cpuPeriod, limit };
  }
  return best;
}

/** Reduces a backend's per-level reading to the effective limits (exported for tests). */
export function effectiveCgroup(raw: CgroupRaw): Cgroup {
  const cpu = tightestCpu(raw.cpuLevels);
  return {
    mode: raw.mode,
    path: raw.path,
    mountpoint: raw.mountpoint,
    controllers: raw.controllers,
    cpu: { quota: cpu.quota, period: cpu.period, limit: cpu.limit, ...raw.cpu },
    memory: {
      max: tightest(raw.memoryLevels, "memoryMax"),
      high: raw.memoryLevels.some((l) => l.memoryHigh !== null) ? tightest(raw.memoryLevels, "memoryHigh") : null,
      current: raw.memory.current,
      peak: raw.memory.peak,
      swapMax: raw.memoryLevels.some((l) => l.swapMax !== null) ? tightest(raw.memoryLevels, "swapMax") : null,
      swapCurrent: raw.memory.swapCurrent,
      stat: raw.memory.stat,
    },
    pids: { max: tightest(raw.pidsLevels, "pidsMax"), current: raw.pidsCurrent },
    io: raw.io,
  };
}

/**
 * The cgroup of a process (default: this one): where it is (its path from `/proc/<pid>/cgroup` and the
 * hierarchy's mount from mountinfo), its limits and its usage. Each limit is the tightest set along the path to
 * the root, so a limit on a parent slice applies to the nested cgroup as it does in the kernel.
 *
 * A limit the kernel writes as `max` (v1: `-1` or its `PAGE_COUNTER_MAX` sentinel) is `Infinity`; a value whose
 * controller or file is absent is `null`. Returns `null` when the kernel has no cgroups or no cgroup filesystem is
 * mounted. Works with cgroup v2, v1 (cpu, cpuacct, cpuset, memory, pids, blkio) and hybrid layouts (v1
 * controllers win over the unified hierarchy, as in the kernel).
 *
 * Availability: Linux.
 *
 * @experimental The shape may still move.
 * @tags allow-ffi
 * @param pid The process (default: the caller).
 * @returns The cgroup, or `null` without cgroups.
 * @throws {NoSuchProcess} when `pid` does not exist.
 * @throws {UnsupportedError} off Linux.
 * @example What limits this process
 * ```ts
 * import { cgroup } from "../mod.ts";
 * const cg = cgroup();
 * if (cg !== null && cg.memory.max !== null && !(cg.memory.max > 0)) throw new Error("a limit is positive");
 * ```
 */
export function cgroup(pid?: number): Cgroup | null {
  if (pid !== undefined) checkPid(pid);
  const raw = need("cgroup")(pid);
  return raw === null ? null : effectiveCgroup(raw);
}

/**
 * The number of CPUs a process can really use: its affinity mask (`Cpus_allowed_list`) capped by its cgroup's CPU
 * quota rounded up (a 1.5-CPU quota gives 2), never below 1. This is what Java's `availableProcessors()` and Go's
 * runtime compute in containers; psutil's `cpu_count()` counts the host's CPUs instead.
 *
 * Availability: Linux.
 *
 * @experimental The shape may still move.
 * @tags allow-ffi
 * @param pid The process (default: the caller).
 * @returns CPUs, at least 1.
 * @throws {NoSuchProcess} when `pid` does not exist.
 * @example
 * ```ts
 * import { usableCpuCount } from "../mod.ts";
 * if (!(usableCpuCount() >= 1)) throw new Error();
 * ```
 */
export function usableCpuCount(pid?: number): number {
  if (pid !== undefined) checkPid(pid);
  const host = need("cgroupHost", "usableCpuCount")(pid);
  const raw = need("cgroup", "usableCpuCount")(pid);
  let n = host.cpusAllowed;
  if (raw !== null) {
    const { limit } = tightestCpu(raw.cpuLevels);
    if (limit !== null && Number.isFinite(limit)) n = Math.min(n, Math.ceil(limit));
  }
  return Math.max(1, n);
}

/**
 * Memory as a process in a container sees it. `total` is the cgroup's memory limit (the tightest along the path)
 * when it is tighter than the host's RAM, else MemTotal; inside such a limit `used` is memory.current minus the
 * inactive file pages (as `docker stats` and the kubelet's working set compute it) and `available` is what is left,
 * never more than the host's MemAvailable. Without a limit the figures are the host's. `virtualMemory()` stays
 * psutil-exact; this is the container view.
 *
 * Availability: Linux.
 *
 * @experimental The shape may still move.
 * @tags allow-ffi
 * @param pid The process (default: the caller).
 * @returns The container's memory.
 * @throws {NoSuchProcess} when `pid` does not exist.
 * @example
 * ```ts
 * import { containerMemory } from "../mod.ts";
 * const m = containerMemory();
 * if (!(m.total > 0 && m.available <= m.total && m.total <= m.hostTotal)) throw new Error();
 * ```
 */
export function containerMemory(pid?: number): ContainerMemory {
  if (pid !== undefined) checkPid(pid);
  const host = need("cgroupHost", "containerMemory")(pid);
  const raw = need("cgroup", "containerMemory")(pid);
  const limit = raw === null ? Infinity : tightest(raw.memoryLevels, "memoryMax") ?? Infinity;
  const limited = limit < host.memTotal;
  let total = host.memTotal;
  let available = host.memAvailable;
  let used = host.memTotal - host.memAvailable;
  if (limited) {
    total = limit;
    const current = raw?.memory.current ?? null;
    const inactive = raw?.memory.stat?.inactiveFile ?? 0;
    used = current === null ? 0 : Math.max(0, current - inactive);
    available = Math.max(0, Math.min(total - used, host.memAvailable));
  }
  const percent = total > 0 ? Math.round(((total - available) / total) * 1000) / 10 : 0;
  return { total, available, percent, used, limit, limited, hostTotal: host.memTotal };
}

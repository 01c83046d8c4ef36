/**
 * The state behind {@linkcode sample}: the previous reading of every counter, and one `take()` that reads them all
 * again and returns the deltas as rates. Synchronous: one tick's reads, nothing more, so the stream never holds the
 * event loop longer than that.
 *
 * @module
 */
import { need } from "./_backend.ts";
import { TsutilError, UnsupportedError } from "./errors.ts";
import { busyPercent } from "./cpu_percent.ts";
import type { CpuTimes, DiskIoCounters, NetIoCounters, SwapMemory, VirtualMemory } from "./types.ts";
import type { PlatformBackend, ProcessBackend } from "../platforms/backend.ts";

/** Disk throughput over one interval (psutil's `sdiskio` fields per second). */
export interface DiskRate {
  /** Bytes read per second. */
  readBytes: number;
  /** Bytes written per second. */
  writeBytes: number;
  /** Reads per second. */
  readCount: number;
  /** Writes per second. */
  writeCount: number;
  /** Share of the interval the device was busy, percent (Linux, FreeBSD), else `null`. */
  busyPercent: number | null;
}

/** Network throughput over one interval (psutil's `snetio` fields per second). */
export interface NetRate {
  /** Bytes sent per second. */
  bytesSent: number;
  /** Bytes received per second. */
  bytesRecv: number;
  /** Packets sent per second. */
  packetsSent: number;
  /** Packets received per second. */
  packetsRecv: number;
  /** Receive errors per second. */
  errin: number;
  /** Send errors per second. */
  errout: number;
  /** Incoming drops per second. */
  dropin: number;
  /** Outgoing drops per second. */
  dropout: number;
}

/** One of the busiest processes. */
export interface TopProcess {
  /** Process id. */
  pid: number;
  /** Process name. */
  name: string;
  /** CPU use over the interval, percent of one CPU (may exceed 100 on several CPUs, as psutil's). */
  cpuPercent: number;
}

/** What one tick of {@linkcode sample} yields; a figure the platform cannot give, or that was turned off, is `null`. */
export interface Sample {
  /** Tick number, from 1. */
  tick: number;
  /** When the reads were taken, ms since the epoch. */
  time: number;
  /** Seconds since the previous reading (the rates' denominator). */
  elapsed: number;
  /** CPU use of the whole system, percent. */
  cpuPercent: number | null;
  /** CPU use per logical CPU, percent. */
  perCpuPercent: number[] | null;
  /** System memory now. */
  memory: VirtualMemory | null;
  /** Swap now. */
  swap: SwapMemory | null;
  /** Rates per disk. */
  disks: Record<string, DiskRate> | null;
  /** Rates per NIC. */
  nets: Record<string, NetRate> | null;
  /** The `top` busiest processes by CPU, busiest first. */
  top: TopProcess[] | null;
}

/** What to read each tick. */
export interface SamplerOptions {
  /** Per-CPU percentages (default true). */
  percpu?: boolean;
  /** Disk rates (default true). */
  disks?: boolean;
  /** NIC rates (default true). */
  nets?: boolean;
  /** How many of the busiest processes to report (default 0: off). */
  top?: number;
}

/** The difference of two counter readings, allowing for a 32-bit wrap; a 64-bit counter that went back was reset. */
export function counterDelta(prev: number, cur: number): number {
  if (cur >= prev) return cur - prev;
  return prev < 2 ** 32 ? cur + 2 ** 32 - prev : cur;
}

function optional<K extends keyof PlatformBackend>(name: K, on: boolean): NonNullable<PlatformBackend[K]> | null {
  if (!on) return null;
  try {
    return need(name);
  } catch (e) {
    if (e instanceof UnsupportedError) return null;
    throw e;
  }
}

interface Tracked {
  proc: ProcessBackend;
  name: string;
  cpu: number;
  seen: number;
}

const DISK_KEYS = ["readBytes", "writeBytes", "readCount", "writeCount"] as const;
const NET_KEYS = [
  "bytesSent",
  "bytesRecv",
  "packetsSent",
  "packetsRecv",
  "errin",
  "errout",
  "dropin",
  "dropout",
] as const;

/** Reads every counter once per `take()` and turns the differences into rates. */
export class Sampler {
  #clock: () => number;
  #tick = 0;
  #last = 0;
  #src: {
    cpu: (() => CpuTimes) | null;
    percpu: (() => CpuTimes[]) | null;
    memory: (() => VirtualMemory) | null;
    swap: (() => SwapMemory) | null;
    disks: ((perdisk: boolean) => Map<string, DiskIoCounters>) | null;
    nets: (() => Map<string, NetIoCounters>) | null;
    pids: (() => number[]) | null;
    process: ((pid: number) => ProcessBackend) | null;
  };
  #top: number;
  #cpu: CpuTimes | null = null;
  #percpu: CpuTimes[] | null = null;
  #disks: Map<string, DiskIoCounters> | null = null;
  #nets: Map<string, NetIoCounters> | null = null;
  #procs = new Map<number, Tracked>();

  /** Binds the backend members once; `clock` (ms) is injectable for tests. */
  constructor(options: SamplerOptions = {}, clock: () => number = () => performance.timeOrigin + performance.now()) {
    this.#clock = clock;
    this.#top = options.top ?? 0;
    this.#src = {
      cpu: optional("cpuTimes", true),
      percpu: optional("perCpuTimes", options.percpu ?? true),
      memory: optional("virtualMemory", true),
      swap: optional("swapMemory", true),
      disks: optional("diskIoCounters", options.disks ?? true),
      nets: optional("netIoCounters", options.nets ?? true),
      pids: optional("pids", this.#top > 0),
      process: optional("process", this.#top > 0),
    };
    if (this.#src.pids === null || this.#src.process === null) this.#top = 0; // the platform cannot list them
  }

  /** Takes the first reading (the baseline of the first tick's rates). */
  prime(): void {
    this.#last = this.#clock();
    const s = this.#src;
    this.#cpu = s.cpu?.() ?? null;
    this.#percpu = s.percpu?.() ?? null;
    this.#disks = s.disks?.(true) ?? null;
    this.#nets = s.nets?.() ?? null;
    if (this.#top > 0) this.#readProcesses(0);
  }

  /** Reads everything again and returns the rates since the previous reading. */
  take(): Sample {
    const now = this.#clock();
    const elapsed = Math.max((now - this.#last) / 1000, 1e-9);
    this.#last = now;
    const s = this.#src;
    let cpuPercent: number | null = null;
    const cpu = s.cpu?.() ?? null;
    if (cpu && this.#cpu) cpuPercent = busyPercent(this.#cpu, cpu);
    this.#cpu = cpu;
    let perCpuPercent: number[] | null = null;
    const percpu = s.percpu?.() ?? null;
    if (percpu && this.#percpu && percpu.length === this.#percpu.length) {
      perCpuPercent = percpu.map((t, i) => busyPercent(this.#percpu![i], t));
    }
    this.#percpu = percpu;
    const disksNow = s.disks?.(true) ?? null;
    const disks = disksNow && this.#disks ? this.#diskRates(this.#disks, disksNow, elapsed) : null;
    this.#disks = disksNow;
    const netsNow = s.nets?.() ?? null;
    const nets = netsNow && this.#nets ? this.#netRates(this.#nets, netsNow, elapsed) : null;
    this.#nets = netsNow;
    return {
      tick: ++this.#tick,
      time: now,
      elapsed,
      cpuPercent,
      perCpuPercent,
      memory: s.memory?.() ?? null,
      swap: s.swap?.() ?? null,
      disks,
      nets,
      top: this.#top > 0 ? this.#readProcesses(elapsed) : null,
    };
  }

  /** Releases what the process tracking holds (kept stat fds). */
  close(): void {
    for (const t of this.#procs.values()) t.proc.close?.();
    this.#procs.clear();
  }

  #diskRates(
    prev: Map<string, DiskIoCounters>,
    cur: Map<string, DiskIoCounters>,
    dt: number,
  ): Record<string, DiskRate> {
    const out: Record<string, DiskRate> = {};
    for (const [name, c] of cur) {
      const p = prev.get(name);
      if (!p) continue;
      const r = { busyPercent: null } as DiskRate;
      for (const k of DISK_KEYS) r[k] = counterDelta(p[k], c[k]) / dt;
      if (c.busyTime !== undefined && p.busyTime !== undefined) {
        r.busyPercent = Math.min(100, counterDelta(p.busyTime, c.busyTime) / (dt * 10));
      }
      out[name] = r;
    }
    return out;
  }

  #netRates(prev: Map<string, NetIoCounters>, cur: Map<string, NetIoCounters>, dt: number): Record<string, NetRate> {
    const out: Record<string, NetRate> = {};
    for (const [name, c] of cur) {
      const p = prev.get(name);
      if (!p) continue;
      const r = {} as NetRate;
      for (const k of NET_KEYS) r[k] = counterDelta(p[k], c[k]) / dt;
      out[name] = r;
    }
    return out;
  }

  #readProcesses(dt: number): TopProcess[] {
    const tick = this.#tick;
    const rows: TopProcess[] = [];
    for (const pid of this.#src.pids!()) {
      let t = this.#procs.get(pid);
      try {
        if (t === undefined) {
          const proc = this.#src.process!(pid);
          proc.retainFds?.(true);
          proc.oneshotEnter?.();
          try {
            const times = proc.cpuTimes!();
            t = { proc, name: proc.name?.() ?? "", cpu: times.user + times.system, seen: tick };
          } finally {
            proc.oneshotExit?.();
          }
          this.#procs.set(pid, t);
          continue; // no baseline yet
        }
        const times = t.proc.cpuTimes!();
        const cpu = times.user + times.system;
        if (cpu < t.cpu) {
          t.cpu = cpu; // the pid was reused by a newer process
          t.seen = tick;
          continue;
        }
        rows.push({ pid, name: t.name, cpuPercent: dt > 0 ? ((cpu - t.cpu) / dt) * 100 : 0 });
        t.cpu = cpu;
        t.seen = tick;
      } catch (e) {
        // vanished (NoSuchProcess) or denied (AccessDenied) between the listing and the read: not a row
        if (!(e instanceof TsutilError)) throw e;
        if (t !== undefined) t.seen = -1;
      }
    }
    for (const [pid, t] of this.#procs) {
      if (t.seen !== tick) {
        t.proc.close?.();
        this.#procs.delete(pid);
      }
    }
    rows.sort((a, b) => b.cpuPercent - a.cpuPercent || a.pid - b.pid);
    return rows.slice(0, this.#top);
  }
}

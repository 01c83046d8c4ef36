/**
 * The `Process` class (psutil: `Process`): one OS process identified by (pid, creation time).
 *
 * Read methods go straight to the platform's per-pid backend; methods that act (signals, nice, limits, affinity,
 * suspend, kill) first check that the pid still names the same process, so a reused pid is never hit.
 *
 * @module
 */
import type { ConnKind } from "../platforms/backend.ts";
import type { ProcessBackend } from "../platforms/process_backend.ts";
import type { NetConnection } from "./types.ts";
import type {
  ProcessCpuTimes,
  ProcessCtxSwitches,
  ProcessIds,
  ProcessIoCounters,
  ProcessIoNice,
  ProcessMemoryFootprint,
  ProcessMemoryFullInfo,
  ProcessMemoryInfo,
  ProcessMemoryInfoEx,
  ProcessMemoryMap,
  ProcessOpenFile,
  ProcessPageFaults,
  ProcessThread,
} from "./process_types.ts";
import { backend, need } from "./_backend.ts";
import { checkPid } from "./_validate.ts";
import { AccessDenied, NoSuchProcess, TimeoutExpired, UnsupportedError, ZombieProcess } from "./errors.ts";
import { runOneshot } from "./_oneshot.ts";
import { cpuCount } from "./cpu.ts";
import { ProcessStatus } from "./constants.ts";
import { pids } from "./pids.ts";
import { cgroup as cgroupOf } from "./cgroup.ts";
import { processGpuUsage } from "./gpu.ts";
import type { Cgroup } from "./cgroup_types.ts";
import type { ProcessGpuUsage } from "./gpu_types.ts";
import {
  ATTR_MEMBER,
  checkAttrs,
  CONN_KINDS,
  formatStarted,
  MEMTYPE_FOOTPRINT,
  MEMTYPE_INFO,
  MEMTYPE_INFO_EX,
  PROCESS_ATTRS,
  totalPhysicalMemory,
} from "./_process_helpers.ts";

type Member = Exclude<keyof ProcessBackend, "pid">;
type Fn<K extends Member> = NonNullable<ProcessBackend[K]>;

/** Internal: lets `processIter` hand over prefetched values and keep the backend's fds open. */
export const kPrefetch: unique symbol = Symbol("tsutil.prefetch");
/** Internal: lets `processIter` ask the backend to keep (or release) its fds. */
export const kRetain: unique symbol = Symbol("tsutil.retain");
/** Internal: closes the oneshot scope a construction by {@linkcode openInScope} opened. */
export const kEndScope: unique symbol = Symbol("tsutil.endScope");
/** Internal: whether the pid still has the identity's creation time (cheap inside a oneshot scope). */
export const kSame: unique symbol = Symbol("tsutil.same");

/** Options for {@linkcode Process.cpuPercent}. */
export interface ProcessCpuPercentOptions {
  /** Seconds to sample over (a Promise comes back when > 0); `null`/0: since the last call. */
  interval?: number | null;
}

/** Options for {@linkcode Process.asDict}. */
export interface AsDictOptions {
  /** Attribute names (see {@linkcode Process.attrs}); all of them when absent. */
  attrs?: readonly string[];
  /** What stands in for a value that raised `AccessDenied` or `ZombieProcess` (default `null`). */
  adValue?: unknown;
}

let lowestPid: number | undefined;
/** Set by {@linkcode openInScope} for the one construction it makes. */
let constructInScope = false;
const attrsByBackend = new WeakMap<object, readonly string[]>();

/**
 * An OS process (psutil: `Process`). `new Process()` is this process; `new Process(pid)` raises `NoSuchProcess`
 * when `pid` does not exist.
 *
 * @example
 * ```ts
 * import { Process } from "../mod.ts";
 * const p = new Process();
 * if (!p.isRunning() || p.cmdline().length === 0) throw new Error();
 * ```
 */
export class Process {
  readonly #pid: number;
  readonly #impl: ProcessBackend;
  #ident: number | null = null;
  #name: string | null = null;
  #exe: string | null = null;
  #createTime: number | null = null;
  #gone = false;
  #reused = false;
  #exitCode: number | null | undefined = undefined;
  #lastSys: number | null = null;
  #lastProc: ProcessCpuTimes | null = null;
  #ncpu: number | undefined;
  #depth = { depth: 0 };
  #prefetch: Record<string, unknown> | null = null;
  #adValue: unknown = undefined;
  #hasAd = false;

  /**
   * Binds to `pid` (default: this process) and records its identity.
   *
   * @throws {TypeError} for a non-integer pid; {RangeError} for a negative one.
   * @throws {NoSuchProcess} when no process has that pid.
   */
  constructor(pid?: number) {
    this.#pid = pid === undefined ? need("selfPid", "Process")() : checkPid(pid);
    if (this.#pid > 0x7fffffff) throw new NoSuchProcess({ pid: this.#pid, msg: "process PID out of range" });
    this.#impl = need("process", "Process")(this.#pid);
    if (constructInScope) {
      constructInScope = false;
      this.#depth.depth = 1;
      this.#impl.retainFds?.(true);
      this.#impl.oneshotEnter?.();
    }
    try {
      this.#ident = this.#identTime();
    } catch (e) {
      if (this.#depth.depth === 1) {
        this[kEndScope]();
        this.#impl.retainFds?.(false);
      }
      if (e instanceof ZombieProcess || e instanceof AccessDenied) return;
      if (e instanceof NoSuchProcess) {
        throw new NoSuchProcess({ pid: this.#pid, msg: "process PID not found", cause: e });
      }
      throw e;
    }
  }

  /**
   * The attribute names `asDict()` and `processIter({ attrs })` accept on this platform (psutil 8.0:
   * `Process.attrs`).
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (!Process.attrs.includes("name")) throw new Error();
   * ```
   */
  static get attrs(): readonly string[] {
    const b = backend();
    let list = attrsByBackend.get(b);
    if (list === undefined) {
      const probe = b.process?.(0);
      list = Object.freeze(PROCESS_ATTRS.filter((a) => {
        const m = ATTR_MEMBER[a];
        return m === null || (probe !== undefined && typeof probe[m] === "function");
      }));
      attrsByBackend.set(b, list);
    }
    return list;
  }

  #fn<K extends Member>(member: K, publicName: string): Fn<K> {
    const m = this.#impl[member];
    if (typeof m !== "function") throw new UnsupportedError(publicName, backend().os);
    return m as Fn<K>;
  }

  #identTime(): number {
    const mono = this.#impl.createTimeMonotonic;
    return mono ? mono() : this.#fn("createTime", "createTime")();
  }

  #pre<T>(name: string, fn: () => T): T {
    const p = this.#prefetch;
    if (p !== null && name in p) return p[name] as T;
    return fn();
  }

  #raiseIfPidReused(): void {
    // Pin the process first (a pidfd on Linux), then compare identities: what matches afterwards is what is pinned.
    this.#impl.open?.();
    if (this.#reused || (!this.isRunning() && this.#reused)) {
      throw new NoSuchProcess({
        pid: this.#pid,
        name: this.#name,
        msg: "process no longer exists and its PID has been reused",
      });
    }
  }

  /** Internal hook for `processIter`. */
  [kPrefetch](info: Record<string, unknown> | null, adValue?: unknown, hasAd = false): void {
    this.#prefetch = info;
    this.#adValue = adValue;
    this.#hasAd = hasAd;
  }

  /** Internal hook for `processIter`. */
  [kRetain](on: boolean): void {
    this.#impl.retainFds?.(on);
    if (!on) this.#impl.close?.();
  }

  /** Internal hook for {@linkcode openInScope}: closes the scope the constructor opened. */
  [kEndScope](): void {
    this.#depth.depth = 0;
    this.#impl.oneshotExit?.();
  }

  /** Internal hook for `processIter`. */
  [kSame](): boolean {
    const t = this.#identTime();
    return this.#ident === null || this.#ident === t;
  }

  /** The process id. */
  get pid(): number {
    return this.#pid;
  }

  /**
   * What `processIter({ attrs })` fetched for this process (psutil's `info`), or `null` outside such a scan.
   *
   * @example
   * ```ts
   * import { processIter } from "../mod.ts";
   * for (const p of processIter({ attrs: ["name"] })) { if (!("name" in p.info!)) throw new Error(); break; }
   * ```
   */
  get info(): Readonly<Record<string, unknown>> | null {
    return this.#prefetch;
  }

  /**
   * Runs `fn` with the grouped reads (Linux: /proc/PID/stat, status, statm, smaps) done once and shared: every
   * method called inside reuses them (psutil: `oneshot()`). Nested scopes are free; a Promise keeps the scope
   * open until it settles.
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * const p = new Process();
   * const [user, rss] = p.oneshot(() => [p.cpuTimes().user, p.memoryInfo().rss]);
   * if (!(user >= 0 && rss > 0)) throw new Error();
   * ```
   */
  oneshot<T>(fn: () => T): T {
    return runOneshot(this.#depth, this.#impl, fn);
  }

  /**
   * Whether the process still runs with the same identity (pid and creation time) (psutil: `is_running`).
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (!new Process().isRunning()) throw new Error();
   * ```
   */
  isRunning(): boolean {
    if (this.#gone || this.#reused) return false;
    let other: Process;
    try {
      other = new Process(this.#pid);
    } catch (e) {
      if (e instanceof NoSuchProcess) {
        this.#gone = true;
        return false;
      }
      throw e;
    }
    other.#impl.close?.();
    if (this.#ident !== null && other.#ident !== null && this.#ident !== other.#ident) {
      this.#reused = true;
      return false;
    }
    return true;
  }

  /**
   * Whether `other` is the same process (same pid and creation time; psutil's `__eq__`).
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (!new Process().equals(new Process())) throw new Error();
   * ```
   */
  equals(other: Process): boolean {
    if (this.#pid !== other.#pid) return false;
    return this.#ident === null || other.#ident === null || this.#ident === other.#ident;
  }

  /**
   * Like psutil's repr: `Process(pid=1, name='systemd', status='sleeping', started='09:30:12')`.
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (!String(new Process()).startsWith("tsutil.Process(pid=")) throw new Error();
   * ```
   */
  toString(): string {
    const info: [string, string][] = [["pid", String(this.#pid)]];
    this.oneshot(() => {
      if (this.#reused) info.push(["status", "'terminated + PID reused'"]);
      else {
        try {
          info.push(["name", `'${this.#name ?? this.name()}'`]);
          info.push(["status", `'${this.status()}'`]);
        } catch (e) {
          if (e instanceof ZombieProcess) info.push(["status", "'zombie'"]);
          else if (e instanceof NoSuchProcess) info.push(["status", "'terminated'"]);
          else if (!(e instanceof AccessDenied)) throw e;
        }
      }
      if (this.#exitCode !== undefined && this.#exitCode !== null) info.push(["exitcode", String(this.#exitCode)]);
      if (this.#createTime !== null) info.push(["started", `'${formatStarted(this.#createTime)}'`]);
    });
    return `tsutil.Process(${info.map(([k, v]) => `${k}=${v}`).join(", ")})`;
  }

  /**
   * The attributes named in `attrs` (all of {@linkcode Process.attrs} by default), read inside one oneshot scope;
   * `AccessDenied` and `ZombieProcess` give `adValue` (psutil: `as_dict`).
   *
   * @throws {TypeError} for an unknown attribute name.
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * const d = new Process().asDict({ attrs: ["pid", "name"] });
   * if (typeof d.name !== "string") throw new Error();
   * ```
   */
  asDict(options: AsDictOptions = {}): Record<string, unknown> {
    const valid = Process.attrs;
    const explicit = options.attrs !== undefined && options.attrs.length > 0;
    const names = explicit ? checkAttrs(options.attrs!, valid) : [...valid].sort();
    const adValue = options.adValue ?? null;
    const out: Record<string, unknown> = {};
    this.oneshot(() => {
      for (const name of names) {
        let v: unknown;
        try {
          v = name === "pid" ? this.#pid : (this as unknown as Record<string, () => unknown>)[name]();
        } catch (e) {
          if (e instanceof AccessDenied || e instanceof ZombieProcess) v = adValue;
          else if (e instanceof UnsupportedError && !explicit) continue;
          else throw e;
        }
        out[name] = v;
      }
    });
    return out;
  }

  // --- identity and tree ---------------------------------------------------------------------------------

  /**
   * The parent pid (psutil: `ppid`).
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (!(new Process().ppid() > 0)) throw new Error();
   * ```
   */
  ppid(): number {
    return this.#pre("ppid", () => this.#fn("ppid", "ppid")());
  }

  /**
   * The process name; on POSIX a name cut at 15 characters is completed from the command line when it matches
   * (psutil: `name`).
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (new Process().name() === "") throw new Error();
   * ```
   */
  name(): string {
    return this.#pre("name", () => {
      let name = this.#fn("name", "name")();
      if (name.length >= 15) {
        try {
          const cmd = this.cmdline();
          if (cmd.length > 0) {
            const base = cmd[0].slice(cmd[0].lastIndexOf("/") + 1);
            if (base.startsWith(name)) name = base;
          }
        } catch (e) {
          if (!(e instanceof AccessDenied || e instanceof ZombieProcess)) throw e;
        }
      }
      this.#name = name;
      return name;
    });
  }

  /**
   * The executable's absolute path, `""` when unknown (psutil: `exe`). Cached after the first success.
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (!new Process().exe().startsWith("/")) throw new Error();
   * ```
   */
  exe(): string {
    return this.#pre("exe", () => this.#exe ??= this.#fn("exe", "exe")());
  }

  /**
   * The command line, one string per argument (psutil: `cmdline`).
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (new Process().cmdline().length === 0) throw new Error();
   * ```
   */
  cmdline(): string[] {
    return this.#pre("cmdline", () => this.#fn("cmdline", "cmdline")());
  }

  /**
   * The environment the process started with (psutil: `environ`).
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (typeof new Process().environ() !== "object") throw new Error();
   * ```
   */
  environ(): Record<string, string> {
    return this.#pre("environ", () => this.#fn("environ", "environ")());
  }

  /**
   * Creation time in seconds since the epoch (psutil: `create_time`), cached after the first call. On Linux it is
   * boot time plus the kernel's start tick; the identity check uses the start tick alone, so wall-clock changes
   * never make `isRunning()` lie (psutil 7.1).
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (!(new Process().createTime() * 1000 <= Date.now() + 1000)) throw new Error();
   * ```
   */
  createTime(): number {
    return this.#pre("createTime", () => this.#createTime ??= this.#fn("createTime", "createTime")());
  }

  /**
   * A `STATUS_*` string (psutil: `status`); a zombie reads `"zombie"`.
   *
   * @example
   * ```ts
   * import { Process, STATUS_RUNNING, STATUS_SLEEPING } from "../mod.ts";
   * if (![STATUS_RUNNING, STATUS_SLEEPING].includes(new Process().status() as never)) throw new Error();
   * ```
   */
  status(): string {
    return this.#pre("status", () => {
      try {
        return this.#fn("status", "status")();
      } catch (e) {
        if (e instanceof ZombieProcess) return ProcessStatus.ZOMBIE;
        throw e;
      }
    });
  }

  /**
   * Real, effective and saved user ids (psutil: `uids`). Availability: POSIX.
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (new Process().uids().real < 0) throw new Error();
   * ```
   */
  uids(): ProcessIds {
    return this.#pre("uids", () => this.#fn("uids", "uids")());
  }

  /**
   * Real, effective and saved group ids (psutil: `gids`). Availability: POSIX.
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (new Process().gids().real < 0) throw new Error();
   * ```
   */
  gids(): ProcessIds {
    return this.#pre("gids", () => this.#fn("gids", "gids")());
  }

  /**
   * The owner's user name (real uid on POSIX; NSS users resolve), or the uid as a string when it has no name
   * (psutil: `username`).
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (new Process().username() === "") throw new Error();
   * ```
   */
  username(): string {
    return this.#pre("username", () => this.#fn("username", "username")());
  }

  /**
   * The controlling terminal's path, or `null` (psutil: `terminal`). Availability: POSIX.
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * const t = new Process().terminal();
   * if (t !== null && !t.startsWith("/dev/")) throw new Error();
   * ```
   */
  terminal(): string | null {
    return this.#pre("terminal", () => this.#fn("terminal", "terminal")());
  }

  /**
   * The working directory (psutil: `cwd`).
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (!new Process().cwd().startsWith("/")) throw new Error();
   * ```
   */
  cwd(): string {
    return this.#pre("cwd", () => this.#fn("cwd", "cwd")());
  }

  /**
   * The parent as a `Process`, or `null` when there is none or its pid was reused (psutil: `parent`).
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (new Process().parent() === null) throw new Error();
   * ```
   */
  parent(): Process | null {
    lowestPid ??= pids()[0];
    if (this.#pid === lowestPid) return null;
    const ppid = this.ppid();
    const self = new Process(this.#pid);
    try {
      const parent = new Process(ppid);
      if (parent.#ident === null || self.#ident === null || parent.#ident <= self.#ident) return parent;
    } catch (e) {
      if (!(e instanceof NoSuchProcess)) throw e;
    }
    return null;
  }

  /**
   * Every ancestor, nearest first (psutil: `parents`).
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (new Process().parents().length === 0) throw new Error();
   * ```
   */
  parents(): Process[] {
    const out: Process[] = [];
    for (let p = this.parent(); p !== null; p = p.parent()) out.push(p);
    return out;
  }

  /**
   * The children (all descendants with `recursive`), skipping any whose pid was reused (psutil: `children`).
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (!Array.isArray(new Process().children({ recursive: true }))) throw new Error();
   * ```
   */
  children(options: { recursive?: boolean } = {}): Process[] {
    this.#raiseIfPidReused();
    const map = need("ppidMap", "children")();
    const self = new Process(this.#pid);
    const out: Process[] = [];
    const tryChild = (pid: number): Process | null => {
      try {
        const c = new Process(pid);
        if (self.#ident === null || c.#ident === null || self.#ident <= c.#ident) return c;
      } catch (e) {
        if (!(e instanceof NoSuchProcess)) throw e;
      }
      return null;
    };
    if (!options.recursive) {
      for (const [pid, ppid] of map) {
        if (ppid !== this.#pid) continue;
        const c = tryChild(pid);
        if (c) out.push(c);
      }
      return out;
    }
    const reverse = new Map<number, number[]>();
    for (const [pid, ppid] of map) {
      const l = reverse.get(ppid);
      if (l) l.push(pid);
      else reverse.set(ppid, [pid]);
    }
    const seen = new Set<number>();
    const stack = [this.#pid];
    while (stack.length > 0) {
      const pid = stack.pop()!;
      if (seen.has(pid)) continue;
      seen.add(pid);
      for (const cpid of reverse.get(pid) ?? []) {
        const c = tryChild(cpid);
        if (c) {
          out.push(c);
          stack.push(cpid);
        }
      }
    }
    return out;
  }

  // --- scheduling ----------------------------------------------------------------------------------------

  /** The nice value (Windows: priority class). */
  nice(): number;
  /** Sets the nice value (Windows: priority class) after the identity check. */
  nice(value: number): void;
  /**
   * Gets or sets the niceness (psutil: `nice`).
   *
   * @throws {TypeError} for a non-integer value.
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * const n = new Process().nice();
   * if (!Number.isInteger(n)) throw new Error();
   * ```
   */
  nice(value?: number): number | void {
    if (value === undefined) return this.#pre("nice", () => this.#fn("niceGet", "nice")());
    if (!Number.isInteger(value)) throw new TypeError(`nice value must be an integer, got ${value}`);
    this.#raiseIfPidReused();
    this.#fn("niceSet", "nice")(value);
  }

  /** The I/O priority. */
  ionice(): ProcessIoNice;
  /** Sets the I/O priority after the identity check. */
  ionice(ioclass: number, value?: number): void;
  /**
   * Gets or sets the I/O scheduling class and level (psutil: `ionice`). Availability: Linux, Windows.
   *
   * @throws {TypeError} when `value` is given without `ioclass`, or either is not an integer.
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (new Process().ionice().ioclass < 0) throw new Error();
   * ```
   */
  ionice(ioclass?: number, value?: number): ProcessIoNice | void {
    if (ioclass === undefined) {
      if (value !== undefined) throw new TypeError("'ioclass' argument must be specified");
      return this.#pre("ionice", () => this.#fn("ioniceGet", "ionice")());
    }
    if (!Number.isInteger(ioclass)) throw new TypeError(`ioclass must be an integer, got ${ioclass}`);
    if (value !== undefined && !Number.isInteger(value)) throw new TypeError(`value must be an integer, got ${value}`);
    this.#raiseIfPidReused();
    this.#fn("ioniceSet", "ionice")(ioclass, value ?? 0);
  }

  /** `[soft, hard]` of an `RLIMIT_*` resource. */
  rlimit(resource: number): [number, number];
  /** Sets `[soft, hard]` after the identity check. */
  rlimit(resource: number, limits: readonly [number, number]): void;
  /**
   * Gets or sets a resource limit; `RLIM_INFINITY` is -1 (psutil: `rlimit`). Availability: Linux, FreeBSD.
   *
   * @throws {TypeError} for a bad resource or a `limits` that is not a pair of integers.
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * const [soft, hard] = new Process().rlimit(7); // RLIMIT_NOFILE
   * if (!(soft <= hard || hard === -1)) throw new Error();
   * ```
   */
  rlimit(resource: number, limits?: readonly [number, number]): [number, number] | void {
    if (!Number.isInteger(resource) || resource < 0) {
      throw new TypeError(`resource must be a non-negative integer, got ${resource}`);
    }
    if (limits === undefined) return this.#fn("rlimitGet", "rlimit")(resource);
    if (!Array.isArray(limits) || limits.length !== 2 || !limits.every(Number.isInteger)) {
      throw new TypeError(`limits must be a [soft, hard] pair of integers, got ${JSON.stringify(limits)}`);
    }
    if (this.#pid === 0) throw new RangeError("can't use prlimit() against PID 0 process");
    this.#raiseIfPidReused();
    this.#fn("rlimitSet", "rlimit")(resource, limits[0], limits[1]);
  }

  /** The CPUs the process may run on, ascending. */
  cpuAffinity(): number[];
  /** Restricts the process to `cpus` (`[]`: every eligible CPU) after the identity check. */
  cpuAffinity(cpus: readonly number[]): void;
  /**
   * Gets or sets the CPU affinity (psutil: `cpu_affinity`). Availability: Linux, Windows, FreeBSD.
   *
   * @throws {TypeError} when `cpus` is not a list of integers.
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (new Process().cpuAffinity().length === 0) throw new Error();
   * ```
   */
  cpuAffinity(cpus?: readonly number[]): number[] | void {
    if (cpus === undefined) {
      return this.#pre(
        "cpuAffinity",
        () => [...new Set(this.#fn("cpuAffinityGet", "cpuAffinity")())].sort((a, b) => a - b),
      );
    }
    if (!Array.isArray(cpus) || !cpus.every(Number.isInteger)) {
      throw new TypeError(`cpus must be a list of integers, got ${JSON.stringify(cpus)}`);
    }
    this.#raiseIfPidReused();
    let list = [...new Set(cpus)];
    if (list.length === 0) {
      list = this.#impl.eligibleCpus?.() ?? Array.from({ length: cpuCount() ?? 1 }, (_, i) => i);
    }
    this.#fn("cpuAffinitySet", "cpuAffinity")(list);
  }

  /**
   * The CPU the process last ran on (psutil: `cpu_num`). Availability: Linux, FreeBSD, SunOS.
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (new Process().cpuNum() < 0) throw new Error();
   * ```
   */
  cpuNum(): number {
    return this.#pre("cpuNum", () => this.#fn("cpuNum", "cpuNum")());
  }

  // --- resources -----------------------------------------------------------------------------------------

  /**
   * CPU times in seconds (psutil: `cpu_times`); Linux adds `iowait`.
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (new Process().cpuTimes().user < 0) throw new Error();
   * ```
   */
  cpuTimes(): ProcessCpuTimes {
    return this.#pre("cpuTimes", () => this.#fn("cpuTimes", "cpuTimes")());
  }

  /** CPU utilisation since the last call (the first call gives 0). */
  cpuPercent(options?: { interval?: 0 | null }): number;
  /** CPU utilisation over `interval` seconds (a Promise when `interval` > 0). */
  cpuPercent(options: ProcessCpuPercentOptions): number | Promise<number>;
  /**
   * CPU utilisation as a percentage of one CPU: it may exceed 100 for a process running threads on several CPUs
   * (psutil: `cpu_percent`, same maths).
   *
   * @throws {RangeError} for a negative interval.
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * const p = new Process();
   * if (p.cpuPercent() !== 0) throw new Error("first call is 0");
   * if (await p.cpuPercent({ interval: 0.05 }) < 0) throw new Error();
   * ```
   */
  cpuPercent(options: ProcessCpuPercentOptions = {}): number | Promise<number> {
    const interval = options.interval ?? null;
    if (interval !== null && (typeof interval !== "number" || Number.isNaN(interval))) {
      throw new TypeError(`interval must be a number, got ${interval}`);
    }
    if (interval !== null && interval < 0) throw new RangeError(`interval is not positive (got ${interval})`);
    if (interval === null || interval === 0) {
      if (this.#prefetch !== null && "cpuPercent" in this.#prefetch) return this.#prefetch.cpuPercent as number;
    }
    const ncpu = this.#ncpu ??= cpuCount() ?? 1;
    const timer = (): number => (performance.now() / 1000) * ncpu;
    const cpuTimes = this.#fn("cpuTimes", "cpuPercent");
    const calc = (st1: number, pt1: ProcessCpuTimes, st2: number, pt2: ProcessCpuTimes): number => {
      this.#lastSys = st2;
      this.#lastProc = pt2;
      const dt = st2 - st1;
      if (dt <= 0) return 0;
      const dp = (pt2.user - pt1.user) + (pt2.system - pt1.system);
      return Math.round((dp / dt) * 100 * ncpu * 10) / 10;
    };
    if (interval !== null && interval > 0) {
      const st1 = timer();
      const pt1 = cpuTimes();
      return new Promise((resolve, reject) => {
        setTimeout(() => {
          try {
            const st2 = timer();
            resolve(calc(st1, pt1, st2, cpuTimes()));
          } catch (e) {
            reject(e);
          }
        }, interval * 1000);
      });
    }
    const st2 = timer();
    const pt2 = cpuTimes();
    if (this.#lastSys === null || this.#lastProc === null) {
      this.#lastSys = st2;
      this.#lastProc = pt2;
      return 0;
    }
    return calc(this.#lastSys, this.#lastProc, st2, pt2);
  }

  /**
   * Memory figures in bytes (psutil: `memory_info`); Linux: rss, vms, shared, text, lib, data, dirty.
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * const m = new Process().memoryInfo();
   * if (!(m.rss > 0 && m.vms >= m.rss)) throw new Error();
   * ```
   */
  memoryInfo(): ProcessMemoryInfo {
    return this.#pre("memoryInfo", () => this.#fn("memoryInfo", "memoryInfo")());
  }

  /**
   * `memoryInfo()` plus the platform's extra figures (psutil 8.0: `memory_info_ex`); Linux adds peakRss,
   * peakVms, rssAnon, rssFile, rssShmem, swap and hugetlb from /proc/PID/status.
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * const m = new Process().memoryInfoEx();
   * if (!(m.rss > 0)) throw new Error();
   * ```
   */
  memoryInfoEx(): ProcessMemoryInfoEx {
    return this.#pre("memoryInfoEx", () => {
      const base = this.memoryInfo();
      if (this.#hasAd && (base as unknown) === this.#adValue) return base;
      const extra = this.#impl.memoryInfoEx?.();
      return extra ? { ...base, ...extra } : base;
    });
  }

  /**
   * Unique (uss), and on Linux proportional (pss) and swapped memory, in bytes (psutil 8.0: `memory_footprint`).
   * Walks the whole address space: slower than `memoryInfo()` and often needs privileges.
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (!(new Process().memoryFootprint().uss > 0)) throw new Error();
   * ```
   */
  memoryFootprint(): ProcessMemoryFootprint {
    return this.#pre("memoryFootprint", () => this.#fn("memoryFootprint", "memoryFootprint")());
  }

  /**
   * `memoryInfo()` and `memoryFootprint()` in one record (psutil: `memory_full_info`).
   *
   * @deprecated psutil 8.0 prefers {@linkcode Process.memoryFootprint}.
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * const m = new Process().memoryFullInfo();
   * if (!(m.rss > 0 && m.uss > 0)) throw new Error();
   * ```
   */
  memoryFullInfo(): ProcessMemoryFullInfo {
    return this.#pre("memoryFullInfo", () => {
      const base = this.memoryInfo();
      return { ...base, ...this.memoryFootprint() };
    });
  }

  /**
   * Process memory as a percentage of total physical memory; `memtype` names any field of `memoryInfo()`,
   * `memoryInfoEx()` or `memoryFootprint()` (psutil: `memory_percent`).
   *
   * @throws {TypeError} for an unknown memtype.
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * const pct = new Process().memoryPercent();
   * if (!(pct > 0 && pct < 100)) throw new Error();
   * ```
   */
  memoryPercent(memtype = "rss"): number {
    if (memtype === "rss" && this.#prefetch !== null && "memoryPercent" in this.#prefetch) {
      return this.#prefetch.memoryPercent as number;
    }
    let metrics: Record<string, number | undefined>;
    if (MEMTYPE_INFO.includes(memtype)) metrics = this.memoryInfo() as unknown as Record<string, number>;
    else if (MEMTYPE_FOOTPRINT.includes(memtype)) metrics = this.memoryFootprint() as unknown as Record<string, number>;
    else if (MEMTYPE_INFO_EX.includes(memtype)) metrics = this.memoryInfoEx() as unknown as Record<string, number>;
    else {
      const valid = [...MEMTYPE_INFO, ...MEMTYPE_INFO_EX, ...MEMTYPE_FOOTPRINT].filter((v, i, a) => a.indexOf(v) === i);
      throw new TypeError(`invalid memtype "${memtype}"; valid types are ${valid.join(", ")}`);
    }
    if (this.#hasAd && (metrics as unknown) === this.#adValue) return metrics as unknown as number;
    const value = metrics[memtype];
    if (value === undefined) throw new UnsupportedError(`memoryPercent("${memtype}")`, backend().os);
    const total = totalPhysicalMemory();
    return (value / total) * 100;
  }

  /**
   * Memory mappings (psutil: `memory_maps`): grouped by path and summed (default), or one record per mapping with
   * `addr` and `perms` (`{ grouped: false }`). Availability: Linux, Windows, FreeBSD, SunOS.
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (new Process().memoryMaps().length === 0) throw new Error();
   * ```
   */
  memoryMaps(options: { grouped?: boolean } = {}): ProcessMemoryMap[] {
    const grouped = options.grouped ?? true;
    if (grouped && this.#prefetch !== null && "memoryMaps" in this.#prefetch) {
      return this.#prefetch.memoryMaps as ProcessMemoryMap[];
    }
    return this.#fn("memoryMaps", "memoryMaps")(grouped);
  }

  /**
   * Minor and major page faults since the process started (psutil 8.0: `page_faults`).
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (!(new Process().pageFaults().minor > 0)) throw new Error();
   * ```
   */
  pageFaults(): ProcessPageFaults {
    return this.#pre("pageFaults", () => this.#fn("pageFaults", "pageFaults")());
  }

  /**
   * I/O counters (psutil: `io_counters`). Availability: Linux, Windows, BSD, AIX.
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (new Process().ioCounters().readCount < 0) throw new Error();
   * ```
   */
  ioCounters(): ProcessIoCounters {
    return this.#pre("ioCounters", () => this.#fn("ioCounters", "ioCounters")());
  }

  /**
   * Voluntary and involuntary context switches (psutil: `num_ctx_switches`).
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (new Process().numCtxSwitches().voluntary < 0) throw new Error();
   * ```
   */
  numCtxSwitches(): ProcessCtxSwitches {
    return this.#pre("numCtxSwitches", () => this.#fn("numCtxSwitches", "numCtxSwitches")());
  }

  /**
   * Open file descriptors (psutil: `num_fds`). Availability: POSIX.
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (new Process().numFds() < 3) throw new Error();
   * ```
   */
  numFds(): number {
    return this.#pre("numFds", () => this.#fn("numFds", "numFds")());
  }

  /**
   * Open handles (psutil: `num_handles`). Availability: Windows.
   *
   * @example
   * ```ts
   * import { Process, UnsupportedError } from "../mod.ts";
   * try { new Process().numHandles(); } catch (e) { if (!(e instanceof UnsupportedError)) throw e; }
   * ```
   */
  numHandles(): number {
    return this.#pre("numHandles", () => this.#fn("numHandles", "numHandles")());
  }

  /**
   * Threads (psutil: `num_threads`).
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (new Process().numThreads() < 1) throw new Error();
   * ```
   */
  numThreads(): number {
    return this.#pre("numThreads", () => this.#fn("numThreads", "numThreads")());
  }

  /**
   * Each thread's id and CPU times (psutil: `threads`).
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (new Process().threads().length < 1) throw new Error();
   * ```
   */
  threads(): ProcessThread[] {
    return this.#pre("threads", () => this.#fn("threads", "threads")());
  }

  /**
   * Open regular files (psutil: `open_files`); Linux adds position, mode and flags.
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (!Array.isArray(new Process().openFiles())) throw new Error();
   * ```
   */
  openFiles(): ProcessOpenFile[] {
    return this.#pre("openFiles", () => this.#fn("openFiles", "openFiles")());
  }

  /**
   * Socket connections of this process (psutil 6.0: `net_connections`); `kind` as in psutil (default `"inet"`).
   *
   * @throws {TypeError} for an unknown kind.
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (!Array.isArray(new Process().netConnections("tcp"))) throw new Error();
   * ```
   */
  netConnections(kind: ConnKind = "inet"): NetConnection[] {
    if (!CONN_KINDS.includes(kind)) {
      throw new TypeError(`invalid kind argument "${kind}"; valid ones are: ${CONN_KINDS.join(", ")}`);
    }
    if (kind === "inet" && this.#prefetch !== null && "netConnections" in this.#prefetch) {
      return this.#prefetch.netConnections as NetConnection[];
    }
    return this.#fn("netConnections", "netConnections")(kind);
  }

  /**
   * The old name of {@linkcode Process.netConnections}.
   *
   * @deprecated psutil 6.0 renamed it `net_connections`.
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (!Array.isArray(new Process().connections())) throw new Error();
   * ```
   */
  connections(kind: ConnKind = "inet"): NetConnection[] {
    return this.netConnections(kind);
  }

  // --- control -------------------------------------------------------------------------------------------

  #control(member: "sendSignal" | "suspend" | "resume" | "terminate" | "kill", run: (f: never) => void): void {
    if (this.#pid === 0) {
      throw new RangeError("preventing sending signal to process with PID 0 as it would affect the process group");
    }
    this.#raiseIfPidReused();
    const f = this.#fn(member, member);
    try {
      run(f.bind(this.#impl) as never);
    } catch (e) {
      if (e instanceof NoSuchProcess && !(e instanceof ZombieProcess)) this.#gone = true;
      throw e;
    }
  }

  /**
   * Sends signal `sig` after the identity check (psutil: `send_signal`).
   *
   * @throws {NoSuchProcess} when the process is gone or its pid was reused.
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * new Process().sendSignal(0);
   * ```
   */
  sendSignal(sig: number): void {
    if (!Number.isInteger(sig)) throw new TypeError(`sig must be an integer, got ${sig}`);
    this.#control("sendSignal", (f: (s: number) => void) => f(sig));
  }

  /**
   * Suspends the process (SIGSTOP) after the identity check (psutil: `suspend`).
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (typeof new Process().suspend !== "function") throw new Error();
   * ```
   */
  suspend(): void {
    this.#control("suspend", (f: () => void) => f());
  }

  /**
   * Resumes the process (SIGCONT) after the identity check (psutil: `resume`).
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * new Process().resume();
   * ```
   */
  resume(): void {
    this.#control("resume", (f: () => void) => f());
  }

  /**
   * Terminates the process (SIGTERM) after the identity check (psutil: `terminate`).
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (typeof new Process().terminate !== "function") throw new Error();
   * ```
   */
  terminate(): void {
    this.#control("terminate", (f: () => void) => f());
  }

  /**
   * Kills the process (SIGKILL) after the identity check (psutil: `kill`).
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (typeof new Process().kill !== "function") throw new Error();
   * ```
   */
  kill(): void {
    this.#control("kill", (f: () => void) => f());
  }

  /**
   * The process's cgroup: path, mount, and limits and usage, tightest along the path (beyond psutil).
   *
   * Availability: Linux.
   *
   * @experimental The shape may still move.
   * @returns `null` when the system has no cgroup filesystem.
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * const cg = new Process().cgroup();
   * if (cg !== null && typeof cg.path !== "string") throw new Error();
   * ```
   */
  cgroup(): Cgroup | null {
    return cgroupOf(this.#pid);
  }

  /**
   * The process's use of each GPU: memory and engine time (beyond psutil).
   *
   * Availability: Linux.
   *
   * @experimental The shape may still move.
   * @returns One entry per GPU the process uses; empty without a GPU or driver.
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (!Array.isArray(new Process().gpuUsage())) throw new Error();
   * ```
   */
  gpuUsage(): ProcessGpuUsage[] {
    return processGpuUsage(this.#pid);
  }

  /**
   * GPU memory the process uses, summed over every GPU, in bytes (beyond psutil).
   *
   * Availability: Linux.
   *
   * @experimental The shape may still move.
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (new Process().gpuMemory() < 0) throw new Error();
   * ```
   */
  gpuMemory(): number {
    return processGpuUsage(this.#pid).reduce((sum, u) => sum + (u.memory ?? 0), 0);
  }

  /**
   * Releases what the process object holds open (a pidfd, kept /proc descriptors). Idempotent; the object stays
   * usable and reopens what it needs. Also called by `using` through `Symbol.dispose`.
   *
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * const p = new Process();
   * p.close();
   * p.close();
   * ```
   */
  close(): void {
    this.#impl.close?.();
  }

  /** Same as {@linkcode Process.close}, for `using p = new Process(pid)`. */
  [Symbol.dispose](): void {
    this.close();
  }

  /**
   * Waits for the process to end; resolves with its exit code when it is a child of this process, `null`
   * otherwise or when it had already ended (psutil: `wait`).
   *
   * @throws {RangeError} for pid 0 or a negative timeout. Rejects with {TimeoutExpired} after `timeout` seconds.
   * @example
   * ```ts
   * import { Process } from "../mod.ts";
   * if (typeof new Process().wait !== "function") throw new Error();
   * ```
   */
  async wait(options: { timeout?: number | null } = {}): Promise<number | null> {
    if (this.#pid === 0) throw new RangeError("can't wait for PID 0");
    const timeout = options.timeout ?? null;
    if (timeout !== null) {
      if (typeof timeout !== "number" || Number.isNaN(timeout)) {
        throw new TypeError(`timeout must be a number, got ${typeof timeout}`);
      }
      if (timeout < 0) throw new RangeError(`timeout must be positive or zero (got ${timeout})`);
    }
    if (this.#exitCode !== undefined) return this.#exitCode;
    if (!this.isRunning() && this.#reused) return this.#exitCode = null;
    try {
      this.#exitCode = await this.#fn("wait", "wait")(timeout);
    } catch (e) {
      if (e instanceof TimeoutExpired) throw new TimeoutExpired(timeout ?? 0, { pid: this.#pid, name: this.#name });
      throw e;
    }
    return this.#exitCode;
  }
}

/**
 * Internal (for `processIter`): constructs `new Process(pid)` holding its files open (`retainFds`) and inside a
 * oneshot scope that is already open, so the identity read is shared with what `fn` reads; the scope closes when
 * `fn` returns or throws.
 */
export function openInScope<T>(pid: number, fn: (p: Process) => T): [Process, T] {
  constructInScope = true;
  let p: Process;
  try {
    p = new Process(pid);
  } finally {
    constructInScope = false;
  }
  try {
    return [p, fn(p)];
  } finally {
    p[kEndScope]();
  }
}

/**
 * The Windows process backend, with psutil's dual path: the per-process call (OpenProcess + GetProcessTimes,
 * GetProcessMemoryInfo, ...) first, and for processes the OS will not open (other users, protected processes) the
 * system-wide snapshot, which lists threads, context switches, handles, CPU times, create time, memory and I/O
 * counters for everyone. `oneshot` caches the snapshot entry and the exe path.
 *
 * @module
 */
import { decode, encode, sizeOf } from "../../ffi/struct.ts";
import { AccessDenied, NoSuchProcess, TimeoutExpired } from "../../src/errors.ts";
import type { NetConnection } from "../../src/types.ts";
import type {
  ProcessCpuTimes,
  ProcessCtxSwitches,
  ProcessIoCounters,
  ProcessIoNice,
  ProcessMemoryFootprint,
  ProcessMemoryFullInfo,
  ProcessMemoryInfo,
  ProcessMemoryInfoExtra,
  ProcessMemoryMap,
  ProcessOpenFile,
  ProcessPageFaults,
  ProcessThread,
} from "../../src/process_types.ts";
import type { ConnKind, ProcessBackend } from "../backend.ts";
import { IO_COUNTERS, PROCESS_MEMORY_COUNTERS_EX, UNICODE_STRING } from "./structs.ts";
import {
  addressOfBuffer,
  alloc,
  ERROR_ACCESS_DENIED,
  ERROR_INVALID_PARAMETER,
  filetimeToUnix,
  getLastError,
  hundredNsToSeconds,
  kernel32,
  lastError,
  ntdll,
  ntError,
  ntSuccess,
  psapi,
  viewOf,
  wideExact,
  wideFrom,
  winError,
} from "./_win32.ts";
import {
  pidIsRunning,
  PROCESS_QUERY_INFORMATION,
  PROCESS_QUERY_LIMITED_INFORMATION,
  PROCESS_SET_INFORMATION,
  PROCESS_SUSPEND_RESUME,
  PROCESS_TERMINATE,
  SYNCHRONIZE,
  toProcessError,
  withProcess,
} from "./process_handle.ts";
import { readPebString, retryPartialCopy } from "./process_peb.ts";
import {
  basenameWin,
  convertDosPath,
  cpusToMask,
  maskToCpus,
  normalizeCwd,
  parseEnvironBlock,
  splitCommandLine,
} from "./process_parse.ts";
import { type SnapshotEntry, snapshotEntry } from "./snapshot.ts";
import { connections } from "./net.ts";
import { dosDevice, memoryMaps, openFiles, processUss, threadTimes, username } from "./process_resources.ts";

/** `SystemProcessIdInformation`. */
const SystemProcessIdInformation = 88;
/** `ProcessIoPriority`. */
const ProcessIoPriority = 33;
/** `ProcessCommandLineInformation` (Windows 8.1+). */
const ProcessCommandLineInformation = 60;
const WAIT_OBJECT_0 = 0;
const WAIT_TIMEOUT = 0x102;
const WAIT_FAILED = 0xffffffff;
const SIGTERM = 15;
const CTRL_C_EVENT = 0;
const CTRL_BREAK_EVENT = 1;

/** The exe path from the kernel's process-id table (works without a handle; an NT device path). */
function exeFromSystem(pid: number): string {
  const nameBuf = alloc(0x7fff * 2);
  const info = alloc(24);
  const view = viewOf(info);
  view.setBigUint64(0, BigInt(pid), true);
  encode(
    UNICODE_STRING,
    { Length: 0, MaximumLength: nameBuf.byteLength - 2, Buffer: addressOfBuffer(nameBuf) },
    view,
    8,
    "llp64",
  );
  const status = ntdll().NtQuerySystemInformation(SystemProcessIdInformation, info, info.byteLength, null);
  if (!ntSuccess(status)) {
    if (!pidIsRunning(pid)) throw new NoSuchProcess({ pid, syscall: "NtQuerySystemInformation" });
    throw ntError("NtQuerySystemInformation(SystemProcessIdInformation)", status);
  }
  const s = decode(UNICODE_STRING, view, 8, "llp64");
  return wideExact(nameBuf, 0, s.Length);
}

/** A Windows process. */
export class WindowsProcess implements ProcessBackend {
  readonly pid: number;
  #oneshot = false;
  #entry: SnapshotEntry | undefined;
  #exe: string | undefined;
  #name: string | null = null;

  /** Binds the backend to `pid` (nothing is opened yet). Methods are bound: `src/` calls them detached. */
  constructor(pid: number) {
    this.pid = pid;
    const self = this as unknown as Record<string, unknown>;
    for (const k of Object.getOwnPropertyNames(WindowsProcess.prototype)) {
      const f = self[k];
      if (k !== "constructor" && typeof f === "function") self[k] = f.bind(this);
    }
  }

  #guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      throw toProcessError(e, this.pid, this.#name);
    }
  }

  /** The snapshot entry (cached inside oneshot). */
  #info(): SnapshotEntry {
    if (this.#oneshot && this.#entry) return this.#entry;
    const e = snapshotEntry(this.pid);
    if (e === undefined) {
      throw new NoSuchProcess({ pid: this.pid, name: this.#name, syscall: "NtQuerySystemInformation" });
    }
    if (this.#oneshot) this.#entry = e;
    return e;
  }

  /** The per-process call, or the snapshot when the OS refuses the handle. */
  #dual<T>(fast: () => T, slow: (e: SnapshotEntry) => T): T {
    try {
      return this.#guard(fast);
    } catch (e) {
      if (e instanceof AccessDenied) return slow(this.#info());
      throw e;
    }
  }

  #times(): { create: number; user: number; kernel: number } {
    return withProcess(this.pid, PROCESS_QUERY_LIMITED_INFORMATION, (h) => {
      const c = new BigUint64Array(1);
      const x = new BigUint64Array(1);
      const k = new BigUint64Array(1);
      const u = new BigUint64Array(1);
      if (!kernel32().GetProcessTimes(h, c, x, k, u)) throw lastError("GetProcessTimes");
      return { create: filetimeToUnix(c[0]), user: hundredNsToSeconds(u[0]), kernel: hundredNsToSeconds(k[0]) };
    });
  }

  /** Starts caching the snapshot entry and the exe path. */
  oneshotEnter(): void {
    this.#oneshot = true;
  }

  /** Stops caching. */
  oneshotExit(): void {
    this.#oneshot = false;
    this.#entry = undefined;
    this.#exe = undefined;
  }

  /** Creation time, seconds since the epoch. */
  createTime(): number {
    if (this.pid === 0 || this.pid === 4) return this.#info().createTime;
    return this.#dual(() => this.#times().create, (e) => e.createTime);
  }

  /** Parent pid (from the snapshot, as psutil's `ppid_map`). */
  ppid(): number {
    return this.#info().ppid;
  }

  /** Process name: the exe's base name (pids 0 and 4 have fixed names, as in Task Manager). */
  name(): string {
    if (this.pid === 0) return "System Idle Process";
    if (this.pid === 4) return "System";
    let name: string;
    try {
      name = basenameWin(this.exe());
    } catch (e) {
      if (!(e instanceof AccessDenied)) throw e;
      name = this.#info().name;
    }
    if (name === "") name = this.#info().name;
    this.#name = name;
    return name;
  }

  /** Executable path. */
  exe(): string {
    if (this.#oneshot && this.#exe !== undefined) return this.#exe;
    if (this.pid === 0) throw new AccessDenied({ pid: 0, msg: "Access denied (pid 0 has no executable)" });
    const exe = this.#dual(
      () =>
        withProcess(this.pid, PROCESS_QUERY_LIMITED_INFORMATION, (h) => {
          const units = new Uint16Array(0x7fff);
          const size = new Uint32Array([units.length]);
          if (!kernel32().QueryFullProcessImageNameW(h, 0, units, size)) throw lastError("QueryFullProcessImageNameW");
          return wideFrom(units, size[0]);
        }),
      () => convertDosPath(exeFromSystem(this.pid), dosDevice),
    );
    if (this.#oneshot) this.#exe = exe;
    return exe;
  }

  /** Command line, split as CommandLineToArgvW does. */
  cmdline(): string[] {
    if (this.pid === 0 || this.pid === 4) return [];
    const text = this.#guard(() => {
      try {
        return retryPartialCopy(this.pid, () => readPebString(this.pid, "cmdline"));
      } catch (e) {
        const err = toProcessError(e, this.pid, this.#name);
        if (!(err instanceof AccessDenied)) throw err;
        return this.#cmdlineQuery(); // psutil's fallback: needs only PROCESS_QUERY_LIMITED_INFORMATION
      }
    });
    return splitCommandLine(text.replace(/\0+$/, ""));
  }

  #cmdlineQuery(): string {
    return withProcess(this.pid, PROCESS_QUERY_LIMITED_INFORMATION, (h) => {
      const len = new Uint32Array(1);
      let buf = alloc(4096);
      let status = ntdll().NtQueryInformationProcess(h, ProcessCommandLineInformation, buf, buf.byteLength, len);
      if (!ntSuccess(status) && len[0] > buf.byteLength) {
        buf = alloc(len[0]);
        status = ntdll().NtQueryInformationProcess(h, ProcessCommandLineInformation, buf, buf.byteLength, len);
      }
      if (!ntSuccess(status)) throw ntError("NtQueryInformationProcess(ProcessCommandLineInformation)", status);
      const s = decode(UNICODE_STRING, viewOf(buf), 0, "llp64");
      const at = Number(s.Buffer - addressOfBuffer(buf));
      return at >= 0 && at + s.Length <= buf.byteLength ? wideExact(buf, at, s.Length) : "";
    });
  }

  /** Environment variables (names upper-cased, as psutil). */
  environ(): Record<string, string> {
    if (this.pid === 0 || this.pid === 4) return {};
    return this.#guard(() => parseEnvironBlock(retryPartialCopy(this.pid, () => readPebString(this.pid, "environ"))));
  }

  /** Working directory. */
  cwd(): string {
    if (this.pid === 0 || this.pid === 4) throw new AccessDenied({ pid: this.pid, name: this.#name });
    return this.#guard(() => normalizeCwd(retryPartialCopy(this.pid, () => readPebString(this.pid, "cwd"))));
  }

  /** `stopped` when every thread is suspended, else `running` (psutil). */
  status(): string {
    return this.#info().suspended ? "stopped" : "running";
  }

  /** `DOMAIN\user` of the process token. */
  username(): string {
    if (this.pid === 0 || this.pid === 4) return "NT AUTHORITY\\SYSTEM";
    return this.#guard(() => username(this.pid));
  }

  /** Priority class (a `*_PRIORITY_CLASS` constant). */
  niceGet(): number {
    return this.#guard(() =>
      withProcess(this.pid, PROCESS_QUERY_LIMITED_INFORMATION, (h) => {
        const p = kernel32().GetPriorityClass(h);
        if (p === 0) throw lastError("GetPriorityClass");
        return p;
      })
    );
  }

  /** Sets the priority class. */
  niceSet(value: number): void {
    this.#guard(() =>
      withProcess(this.pid, PROCESS_QUERY_INFORMATION | PROCESS_SET_INFORMATION, (h) => {
        if (!kernel32().SetPriorityClass(h, value)) throw lastError("SetPriorityClass");
      })
    );
  }

  /** I/O priority: `IOPRIO_VERYLOW` … `IOPRIO_HIGH` in `ioclass`, `value` 0. */
  ioniceGet(): ProcessIoNice {
    return this.#guard(() =>
      withProcess(this.pid, PROCESS_QUERY_LIMITED_INFORMATION, (h) => {
        const v = new Uint32Array(1);
        const status = ntdll().NtQueryInformationProcess(h, ProcessIoPriority, v, 4, null);
        if (!ntSuccess(status)) throw ntError("NtQueryInformationProcess(ProcessIoPriority)", status);
        return { ioclass: v[0], value: 0 };
      })
    );
  }

  /** Sets the I/O priority (`value` must be 0 on Windows). */
  ioniceSet(ioclass: number, value: number): void {
    if (value) throw new TypeError("value argument not accepted on Windows");
    if (![0, 1, 2, 3].includes(ioclass)) {
      throw new RangeError(`${ioclass} is not a valid priority (IOPRIO_VERYLOW..IOPRIO_HIGH, 0..3)`);
    }
    this.#guard(() =>
      withProcess(this.pid, PROCESS_QUERY_INFORMATION | PROCESS_SET_INFORMATION, (h) => {
        const status = ntdll().NtSetInformationProcess(h, ProcessIoPriority, new Uint32Array([ioclass]), 4);
        if (!ntSuccess(status)) throw ntError("NtSetInformationProcess(ProcessIoPriority)", status);
      })
    );
  }

  /** CPUs in the affinity mask. */
  cpuAffinityGet(): number[] {
    return this.#guard(() =>
      withProcess(this.pid, PROCESS_QUERY_LIMITED_INFORMATION, (h) => {
        const mine = new BigUint64Array(1);
        const sys = new BigUint64Array(1);
        if (!kernel32().GetProcessAffinityMask(h, mine, sys)) throw lastError("GetProcessAffinityMask");
        return maskToCpus(mine[0]);
      })
    );
  }

  /** Sets the affinity mask (every CPU must exist, as psutil checks). */
  cpuAffinitySet(cpus: number[]): void {
    const n = kernel32().GetActiveProcessorCount(0xffff);
    for (const c of cpus) {
      if (!Number.isInteger(c)) throw new TypeError(`invalid CPU ${c}; an integer is required`);
      if (c < 0 || c >= n) throw new RangeError(`invalid CPU ${c}`);
    }
    if (cpus.length === 0) throw new RangeError("invalid argument []");
    this.#guard(() =>
      withProcess(this.pid, PROCESS_QUERY_INFORMATION | PROCESS_SET_INFORMATION, (h) => {
        if (!kernel32().SetProcessAffinityMask(h, cpusToMask(cpus))) throw lastError("SetProcessAffinityMask");
      })
    );
  }

  /** User and kernel time (children's are not available on Windows: 0). */
  cpuTimes(): ProcessCpuTimes {
    const [user, system] = this.#dual(() => {
      const t = this.#times();
      return [t.user, t.kernel];
    }, (e) => [e.userTime, e.kernelTime]);
    return { user, system, childrenUser: 0, childrenSystem: 0 };
  }

  /** PROCESS_MEMORY_COUNTERS_EX as psutil names them; rss is the working set, vms the pagefile (commit) usage. */
  memoryInfo(): ProcessMemoryInfo {
    const m = this.#dual(() =>
      withProcess(this.pid, PROCESS_QUERY_LIMITED_INFORMATION, (h) => {
        const size = sizeOf(PROCESS_MEMORY_COUNTERS_EX, "llp64");
        const buf = alloc(size);
        if (!psapi().GetProcessMemoryInfo(h, buf, size)) throw lastError("GetProcessMemoryInfo");
        const c = decode(PROCESS_MEMORY_COUNTERS_EX, viewOf(buf), 0, "llp64");
        return [
          c.PageFaultCount,
          c.PeakWorkingSetSize,
          c.WorkingSetSize,
          c.QuotaPeakPagedPoolUsage,
          c.QuotaPagedPoolUsage,
          c.QuotaPeakNonPagedPoolUsage,
          c.QuotaNonPagedPoolUsage,
          c.PagefileUsage,
          c.PeakPagefileUsage,
          c.PrivateUsage,
        ];
      }), (e) => [
      e.pageFaults,
      e.peakWorkingSetSize,
      e.workingSetSize,
      e.quotaPeakPagedPoolUsage,
      e.quotaPagedPoolUsage,
      e.quotaPeakNonPagedPoolUsage,
      e.quotaNonPagedPoolUsage,
      e.pagefileUsage,
      e.peakPagefileUsage,
      e.privatePageCount,
    ]);
    return {
      rss: m[2],
      vms: m[7],
      numPageFaults: m[0],
      peakWset: m[1],
      wset: m[2],
      peakPagedPool: m[3],
      pagedPool: m[4],
      peakNonpagedPool: m[5],
      nonpagedPool: m[6],
      pagefile: m[7],
      peakPagefile: m[8],
      private: m[9],
    };
  }

  /** Peak working set and peak commit (psutil 8.0's `peak_rss`, `peak_vms`). */
  memoryInfoEx(): ProcessMemoryInfoExtra {
    const m = this.memoryInfo();
    return { peakRss: m.peakWset, peakVms: m.peakPagefile };
  }

  /** `memoryInfo()` plus the unique set size. */
  memoryFullInfo(): ProcessMemoryFullInfo {
    return { ...this.memoryInfo(), uss: this.#guard(() => processUss(this.pid)) };
  }

  /** The unique set size. */
  memoryFootprint(): ProcessMemoryFootprint {
    return { uss: this.#guard(() => processUss(this.pid)) };
  }

  /** Memory regions backed by files, with their size as `rss` (psutil). */
  memoryMaps(grouped: boolean): ProcessMemoryMap[] {
    return this.#guard(() => memoryMaps(this.pid, grouped));
  }

  /** Minor and major page faults (major: the snapshot's hard faults). */
  pageFaults(): ProcessPageFaults {
    const e = this.#info();
    return { minor: Math.max(0, e.pageFaults - e.hardFaults), major: e.hardFaults };
  }

  /** I/O counters, including Windows' "other" operations. */
  ioCounters(): ProcessIoCounters {
    return this.#dual(() =>
      withProcess(this.pid, PROCESS_QUERY_LIMITED_INFORMATION, (h) => {
        const buf = alloc(sizeOf(IO_COUNTERS, "llp64"));
        if (!kernel32().GetProcessIoCounters(h, buf)) throw lastError("GetProcessIoCounters");
        const c = decode(IO_COUNTERS, viewOf(buf), 0, "llp64");
        return {
          readCount: c.ReadOperationCount,
          writeCount: c.WriteOperationCount,
          readBytes: c.ReadTransferCount,
          writeBytes: c.WriteTransferCount,
          otherCount: c.OtherOperationCount,
          otherBytes: c.OtherTransferCount,
        };
      }), (e) => ({
        readCount: e.readOperationCount,
        writeCount: e.writeOperationCount,
        readBytes: e.readTransferCount,
        writeBytes: e.writeTransferCount,
        otherCount: e.otherOperationCount,
        otherBytes: e.otherTransferCount,
      }));
  }

  /** Context switches (Windows counts no involuntary ones separately: 0). */
  numCtxSwitches(): ProcessCtxSwitches {
    return { voluntary: this.#info().ctxSwitches, involuntary: 0 };
  }

  /** Open handles. */
  numHandles(): number {
    return this.#dual(() =>
      withProcess(this.pid, PROCESS_QUERY_LIMITED_INFORMATION, (h) => {
        const n = new Uint32Array(1);
        if (!kernel32().GetProcessHandleCount(h, n)) throw lastError("GetProcessHandleCount");
        return n[0];
      }), (e) => e.handleCount);
  }

  /** Threads. */
  numThreads(): number {
    return this.#info().threads.length;
  }

  /** Per-thread CPU times. */
  threads(): ProcessThread[] {
    if (this.pid === 0) throw new AccessDenied({ pid: 0 });
    if (!pidIsRunning(this.pid)) throw new NoSuchProcess({ pid: this.pid, name: this.#name });
    return this.#guard(() => threadTimes(this.pid));
  }

  /** Regular files the process has open. */
  openFiles(): ProcessOpenFile[] {
    if (this.pid === 0 || this.pid === 4) return [];
    return this.#guard(() => openFiles(this.pid));
  }

  /** Sockets of this process (`pid` is `null` in each, as psutil's `pconn`). */
  netConnections(kind: ConnKind): NetConnection[] {
    if (!pidIsRunning(this.pid)) throw new NoSuchProcess({ pid: this.pid, name: this.#name });
    return this.#guard(() => connections(kind, this.pid).map((c) => ({ ...c, pid: null })));
  }

  /** Suspends every thread (NtSuspendProcess). */
  suspend(): void {
    this.#suspendResume(true);
  }

  /** Resumes (NtResumeProcess). */
  resume(): void {
    this.#suspendResume(false);
  }

  #suspendResume(suspend: boolean): void {
    this.#guard(() =>
      withProcess(this.pid, PROCESS_SUSPEND_RESUME | PROCESS_QUERY_LIMITED_INFORMATION, (h) => {
        const status = suspend ? ntdll().NtSuspendProcess(h) : ntdll().NtResumeProcess(h);
        if (!ntSuccess(status)) throw ntError(suspend ? "NtSuspendProcess" : "NtResumeProcess", status);
      })
    );
  }

  /** SIGTERM terminates (exit code 15, as psutil); CTRL_C_EVENT and CTRL_BREAK_EVENT go to its console group. */
  sendSignal(sig: number): void {
    if (sig === SIGTERM) return this.kill();
    if (sig === CTRL_C_EVENT || sig === CTRL_BREAK_EVENT) {
      return this.#guard(() => {
        if (!kernel32().GenerateConsoleCtrlEvent(sig, this.pid)) throw lastError("GenerateConsoleCtrlEvent");
      });
    }
    throw new RangeError("only SIGTERM, CTRL_C_EVENT and CTRL_BREAK_EVENT signals are supported on Windows");
  }

  /** TerminateProcess (Windows has no gentler request). */
  terminate(): void {
    this.kill();
  }

  /** TerminateProcess with exit code 15 (SIGTERM), as psutil. */
  kill(): void {
    if (this.pid === 0) throw new AccessDenied({ pid: 0 });
    this.#guard(() =>
      withProcess(this.pid, PROCESS_TERMINATE | PROCESS_QUERY_LIMITED_INFORMATION, (h) => {
        // ERROR_ACCESS_DENIED here means the process is already exiting: psutil ignores it.
        if (!kernel32().TerminateProcess(h, SIGTERM) && getLastError() !== ERROR_ACCESS_DENIED) {
          throw lastError("TerminateProcess");
        }
      })
    );
  }

  /**
   * Waits for the process to exit and resolves with its exit code; `null` when the pid was already gone. The handle
   * is polled with WaitForSingleObject(h, 0) between timer ticks, so the event loop never blocks.
   */
  async wait(timeout: number | null): Promise<number | null> {
    if (this.pid === 0) throw new AccessDenied({ pid: 0 });
    const k = kernel32();
    const h = k.OpenProcess(SYNCHRONIZE | PROCESS_QUERY_LIMITED_INFORMATION, 0, this.pid);
    if (h === 0) {
      const err = k.GetLastError();
      if (err === ERROR_INVALID_PARAMETER) return null; // no such pid any more
      throw toProcessError(winError("OpenProcess", err), this.pid, this.#name);
    }
    const deadline = timeout === null ? Infinity : performance.now() + timeout * 1000;
    let delay = 1;
    try {
      for (;;) {
        const r = k.WaitForSingleObject(h, 0);
        if (r === WAIT_OBJECT_0) break;
        if (r === WAIT_FAILED) throw lastError("WaitForSingleObject");
        if (r !== WAIT_TIMEOUT) break; // WAIT_ABANDONED: psutil treats it as gone
        if (performance.now() >= deadline) throw new TimeoutExpired(timeout ?? 0, { pid: this.pid, name: this.#name });
        await new Promise((res) => setTimeout(res, delay));
        delay = Math.min(delay * 2, 40);
      }
      const code = new Uint32Array(1);
      if (!k.GetExitCodeProcess(h, code)) throw lastError("GetExitCodeProcess");
      return code[0] | 0;
    } finally {
      k.CloseHandle(h);
    }
  }
}

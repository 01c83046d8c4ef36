/**
 * The per-process contract. One instance is bound to one pid; every member but `pid` is optional, and `src/`
 * turns an absent member into `UnsupportedError`. Members return raw values and raise `NoSuchProcess`,
 * `ZombieProcess` and `AccessDenied` (translated once, at the backend seam). Identity checks (pid reuse) and
 * cross-platform maths live in `src/process.ts`.
 *
 * @module
 */
import type { ConnKind } from "./backend.ts";
import type { NetConnection } from "../src/types.ts";
import type {
  ProcessCpuTimes,
  ProcessCtxSwitches,
  ProcessIds,
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
} from "../src/process_types.ts";

/** One OS's view of one process. */
export interface ProcessBackend {
  /** The pid this backend reads. */
  readonly pid: number;

  // --- oneshot: between enter and exit, grouped reads (stat/status/statm on Linux) are cached ---
  /** Starts caching grouped reads. */
  oneshotEnter?(): void;
  /** Stops caching and drops the cache. */
  oneshotExit?(): void;
  /**
   * Hint from `processIter`, which keeps instances between scans: hold the most-read file open and re-read it in
   * place (`true`), or release it (`false`). Linux.
   */
  retainFds?(on: boolean): void;

  // --- identity and tree ---
  /** Creation time, seconds since the epoch (the identity check compares it). */
  createTime?(): number;
  /**
   * Creation time on a clock the wall clock cannot move (Linux: seconds after boot). When present, `src/` uses it
   * for the process identity (psutil 7.1).
   */
  createTimeMonotonic?(): number;
  /** Parent pid. */
  ppid?(): number;
  /** Process name. */
  name?(): string;
  /** Executable path ("" when unknown). */
  exe?(): string;
  /** Command line arguments. */
  cmdline?(): string[];
  /** Environment variables. */
  environ?(): Record<string, string>;
  /** A `STATUS_*` string. */
  status?(): string;
  /** Real, effective, saved user ids. */
  uids?(): ProcessIds;
  /** Real, effective, saved group ids. */
  gids?(): ProcessIds;
  /** Owner's user name (the uid as a string when it has no name). */
  username?(): string;
  /** Controlling terminal path, or `null`. */
  terminal?(): string | null;
  /** Working directory. */
  cwd?(): string;

  // --- scheduling ---
  /** Nice value (Windows: priority class). */
  niceGet?(): number;
  /** Sets the nice value (Windows: priority class). */
  niceSet?(value: number): void;
  /** I/O priority. */
  ioniceGet?(): ProcessIoNice;
  /** Sets the I/O priority. */
  ioniceSet?(ioclass: number, value: number): void;
  /** `[soft, hard]` of an `RLIMIT_*` resource (`RLIM_INFINITY` as -1). */
  rlimitGet?(resource: number): [number, number];
  /** Sets `[soft, hard]` of an `RLIMIT_*` resource. */
  rlimitSet?(resource: number, soft: number, hard: number): void;
  /** CPUs the process may run on. */
  cpuAffinityGet?(): number[];
  /** CPUs the process is allowed to use at all (Linux: `Cpus_allowed_list`), or `null` when unknown. */
  eligibleCpus?(): number[] | null;
  /** Restricts the process to `cpus` (non-empty; `src/` expands `[]` to all CPUs). */
  cpuAffinitySet?(cpus: number[]): void;
  /** CPU the process last ran on. */
  cpuNum?(): number;

  // --- resources ---
  /** CPU times. */
  cpuTimes?(): ProcessCpuTimes;
  /** Memory. */
  memoryInfo?(): ProcessMemoryInfo;
  /** Memory plus uss/pss/swap. */
  memoryFullInfo?(): ProcessMemoryFullInfo;
  /** uss/pss/swap only. */
  memoryFootprint?(): ProcessMemoryFootprint;
  /** Extended memory figures beyond `memoryInfo` (psutil 8.0 `memory_info_ex`); `src/` merges the two. */
  memoryInfoEx?(): ProcessMemoryInfoExtra;
  /** Memory mappings. */
  memoryMaps?(grouped: boolean): ProcessMemoryMap[];
  /** Page faults. */
  pageFaults?(): ProcessPageFaults;
  /** I/O counters. */
  ioCounters?(): ProcessIoCounters;
  /** Context switches. */
  numCtxSwitches?(): ProcessCtxSwitches;
  /** Open file descriptors. POSIX. */
  numFds?(): number;
  /** Open handles. Windows. */
  numHandles?(): number;
  /** Threads. */
  numThreads?(): number;
  /** Per-thread CPU times. */
  threads?(): ProcessThread[];
  /** Open regular files. */
  openFiles?(): ProcessOpenFile[];
  /** Socket connections of this process (`pid` is `null` in each, as psutil's `pconn` has none). */
  netConnections?(kind: ConnKind): NetConnection[];

  // --- control: the caller has already confirmed the identity ---
  /** Sends signal `sig`. POSIX. */
  sendSignal?(sig: number): void;
  /** Suspends (SIGSTOP; NtSuspendProcess on Windows). */
  suspend?(): void;
  /** Resumes (SIGCONT; NtResumeProcess on Windows). */
  resume?(): void;
  /** Terminates (SIGTERM; TerminateProcess on Windows). */
  terminate?(): void;
  /** Kills (SIGKILL; TerminateProcess on Windows). */
  kill?(): void;
  /**
   * Waits for the process to end: resolves with its exit code when it is a child of this process (negative signal
   * number when killed by a signal, as psutil), `null` otherwise. `timeout` in seconds (`null`: forever); rejects
   * with `TimeoutExpired`.
   */
  wait?(timeout: number | null): Promise<number | null>;
  /**
   * Pins the process now holding the pid for the control members (Linux ≥ 5.3: opens a pidfd, so later signals can
   * only reach that process); false when no process has the pid. Call it BEFORE comparing the create time: a process
   * that still matches afterwards is the one pinned. Idempotent; the control members pin on first use otherwise.
   */
  open?(): boolean;
  /** Releases OS resources held for this process (a pidfd or a handle). Idempotent. */
  close?(): void;
}

/**
 * The system-wide process snapshot: `NtQuerySystemInformation(SystemProcessInformation)`. One call gives, for every
 * process (including those of other users, which `OpenProcess` refuses), its name, parent, threads with their CPU
 * times and context switches, handle count, CPU times, create time, memory and I/O counters. psutil uses it as the
 * fallback for processes it may not open.
 *
 * @module
 */
import { decode, sizeOf } from "../../ffi/struct.ts";
import { SYSTEM_PROCESS_INFORMATION, SYSTEM_THREAD_INFORMATION } from "./structs.ts";
import {
  addressOfBuffer,
  alloc,
  filetimeToUnix,
  hundredNsToSeconds,
  ntdll,
  ntError,
  STATUS_BUFFER_TOO_SMALL,
  STATUS_INFO_LENGTH_MISMATCH,
  viewOf,
  wideExact,
} from "./_win32.ts";

/** `SystemProcessInformation`. */
export const SystemProcessInformation = 5;
/** `KTHREAD_STATE.Waiting`. */
const THREAD_STATE_WAITING = 5;
/** `KWAIT_REASON.Suspended`. */
const WAIT_REASON_SUSPENDED = 5;

/** One thread of a snapshot entry. */
export interface SnapshotThread {
  /** Thread id. */
  id: number;
  /** User time, s. */
  userTime: number;
  /** Kernel time, s. */
  systemTime: number;
  /** Context switches. */
  contextSwitches: number;
  /** Waiting because it is suspended. */
  suspended: boolean;
}

/** One process of the snapshot, in tsutil's units (seconds, bytes). */
export interface SnapshotEntry {
  /** Pid. */
  pid: number;
  /** Parent pid (the creator; it may have exited since). */
  ppid: number;
  /** Image name (`deno.exe`); empty for pid 0. */
  name: string;
  /** Create time, seconds since the epoch (0 for pids 0 and 4, as psutil). */
  createTime: number;
  /** User time, s. */
  userTime: number;
  /** Kernel time, s. */
  kernelTime: number;
  /** Handles. */
  handleCount: number;
  /** Session id. */
  sessionId: number;
  /** Sum of the threads' context switches. */
  ctxSwitches: number;
  /** Every thread is waiting with reason Suspended (psutil's `is_suspended`). */
  suspended: boolean;
  /** Threads. */
  threads: SnapshotThread[];
  /** Page faults (soft and hard). */
  pageFaults: number;
  /** Hard page faults. */
  hardFaults: number;
  /** Virtual size, bytes. */
  virtualSize: number;
  /** Peak virtual size, bytes. */
  peakVirtualSize: number;
  /** Peak working set, bytes. */
  peakWorkingSetSize: number;
  /** Working set, bytes. */
  workingSetSize: number;
  /** Peak paged pool, bytes. */
  quotaPeakPagedPoolUsage: number;
  /** Paged pool, bytes. */
  quotaPagedPoolUsage: number;
  /** Peak non-paged pool, bytes. */
  quotaPeakNonPagedPoolUsage: number;
  /** Non-paged pool, bytes. */
  quotaNonPagedPoolUsage: number;
  /** Pagefile (commit), bytes. */
  pagefileUsage: number;
  /** Peak pagefile, bytes. */
  peakPagefileUsage: number;
  /** Private bytes. */
  privatePageCount: number;
  /** Read operations. */
  readOperationCount: number;
  /** Write operations. */
  writeOperationCount: number;
  /** Other operations. */
  otherOperationCount: number;
  /** Bytes read. */
  readTransferCount: number;
  /** Bytes written. */
  writeTransferCount: number;
  /** Bytes of other operations. */
  otherTransferCount: number;
}

const PROC_SIZE = sizeOf(SYSTEM_PROCESS_INFORMATION, "llp64");
const THREAD_SIZE = sizeOf(SYSTEM_THREAD_INFORMATION, "llp64");

/**
 * Parses a `SystemProcessInformation` buffer. `base` is the native address the buffer had when the kernel filled
 * it: `ImageName.Buffer` points inside the buffer, so it becomes an offset.
 */
export function parseProcessSnapshot(bytes: Uint8Array, base: bigint): SnapshotEntry[] {
  const view = viewOf(bytes);
  const out: SnapshotEntry[] = [];
  let offset = 0;
  while (offset + PROC_SIZE <= bytes.byteLength) {
    const p = decode(SYSTEM_PROCESS_INFORMATION, view, offset, "llp64");
    const pid = Number(p.UniqueProcessId);
    let name = "";
    const nameAt = p.ImageName.Buffer - base;
    if (p.ImageName.Buffer !== 0n && nameAt >= 0n && nameAt + BigInt(p.ImageName.Length) <= BigInt(bytes.byteLength)) {
      name = wideExact(bytes, Number(nameAt), p.ImageName.Length);
    } // a name pointing outside the buffer cannot be trusted: it stays empty
    const threads: SnapshotThread[] = [];
    let ctx = 0;
    let allSuspended = p.NumberOfThreads > 0;
    for (let i = 0; i < p.NumberOfThreads; i++) {
      const at = offset + PROC_SIZE + i * THREAD_SIZE;
      if (at + THREAD_SIZE > bytes.byteLength) break;
      const t = decode(SYSTEM_THREAD_INFORMATION, view, at, "llp64");
      const suspended = t.ThreadState === THREAD_STATE_WAITING && t.WaitReason === WAIT_REASON_SUSPENDED;
      if (!suspended) allSuspended = false;
      ctx += t.ContextSwitches;
      threads.push({
        id: Number(t.UniqueThread),
        userTime: hundredNsToSeconds(t.UserTime),
        systemTime: hundredNsToSeconds(t.KernelTime),
        contextSwitches: t.ContextSwitches,
        suspended,
      });
    }
    out.push({
      pid,
      ppid: Number(p.InheritedFromUniqueProcessId),
      name,
      createTime: pid === 0 || pid === 4 || p.CreateTime === 0 ? 0 : filetimeToUnix(p.CreateTime),
      userTime: hundredNsToSeconds(p.UserTime),
      kernelTime: hundredNsToSeconds(p.KernelTime),
      handleCount: p.HandleCount,
      sessionId: p.SessionId,
      ctxSwitches: ctx,
      suspended: allSuspended,
      threads,
      pageFaults: p.PageFaultCount,
      hardFaults: p.HardFaultCount,
      virtualSize: p.VirtualSize,
      peakVirtualSize: p.PeakVirtualSize,
      peakWorkingSetSize: p.PeakWorkingSetSize,
      workingSetSize: p.WorkingSetSize,
      quotaPeakPagedPoolUsage: p.QuotaPeakPagedPoolUsage,
      quotaPagedPoolUsage: p.QuotaPagedPoolUsage,
      quotaPeakNonPagedPoolUsage: p.QuotaPeakNonPagedPoolUsage,
      quotaNonPagedPoolUsage: p.QuotaNonPagedPoolUsage,
      pagefileUsage: p.PagefileUsage,
      peakPagefileUsage: p.PeakPagefileUsage,
      privatePageCount: p.PrivatePageCount,
      readOperationCount: p.ReadOperationCount,
      writeOperationCount: p.WriteOperationCount,
      otherOperationCount: p.OtherOperationCount,
      readTransferCount: p.ReadTransferCount,
      writeTransferCount: p.WriteTransferCount,
      otherTransferCount: p.OtherTransferCount,
    });
    if (p.NextEntryOffset === 0) break;
    offset += p.NextEntryOffset;
  }
  return out;
}

let sizeHint = 0x40000;

/** Takes the snapshot (growing the buffer as the kernel asks). */
export function processSnapshot(): SnapshotEntry[] {
  const nt = ntdll();
  const needed = new Uint32Array(1);
  let size = sizeHint;
  for (let attempt = 0; attempt < 16; attempt++) {
    const buf = alloc(size);
    const status = nt.NtQuerySystemInformation(SystemProcessInformation, buf, buf.byteLength, needed);
    if (status === STATUS_INFO_LENGTH_MISMATCH || status === STATUS_BUFFER_TOO_SMALL) {
      // Processes appear between two calls: ask for what the kernel said plus a margin.
      size = Math.max(size * 2, needed[0] + 0x10000);
      continue;
    }
    if ((status >>> 0) >= 0x80000000) throw ntError("NtQuerySystemInformation(SystemProcessInformation)", status);
    if (size <= 0x400000) sizeHint = size;
    return parseProcessSnapshot(buf, addressOfBuffer(buf));
  }
  throw ntError("NtQuerySystemInformation(SystemProcessInformation)", STATUS_INFO_LENGTH_MISMATCH);
}

/** The snapshot entry of `pid`, or `undefined` when no such process is listed. */
export function snapshotEntry(pid: number): SnapshotEntry | undefined {
  return processSnapshot().find((e) => e.pid === pid);
}

/** `{pid: ppid}` for every process (psutil's `ppid_map`). */
export function ppidMap(): Map<number, number> {
  return new Map(processSnapshot().map((e) => [e.pid, e.ppid]));
}

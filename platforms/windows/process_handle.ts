/**
 * Process handles with psutil's checks: OpenProcess succeeds for a process that has exited while a handle to it is
 * still open somewhere, so a handle is trusted only when GetExitCodeProcess says STILL_ACTIVE (or the pid is still
 * listed by EnumProcesses, for a process that really exited with code 259). ERROR_INVALID_PARAMETER from
 * OpenProcess means the pid does not exist (NoSuchProcess); ERROR_ACCESS_DENIED is AccessDenied. SeDebugPrivilege is
 * enabled once, at the first open, where the token holds it.
 *
 * @module
 */
import { wstr } from "../../ffi/cstring.ts";
import { encode, sizeOf } from "../../ffi/struct.ts";
import { SystemCallError } from "../../ffi/errors.ts";
import { AccessDenied, NoSuchProcess } from "../../src/errors.ts";
import { TOKEN_PRIVILEGES } from "./structs.ts";
import {
  advapi32,
  alloc,
  ERROR_ACCESS_DENIED,
  ERROR_INVALID_PARAMETER,
  ERROR_PRIVILEGE_NOT_HELD,
  ERROR_SUCCESS,
  getLastError,
  kernel32,
  viewOf,
  winError,
  winErrorName,
} from "./_win32.ts";
import { enumPidsRaw } from "./pids.ts";

/** `PROCESS_TERMINATE`. */
export const PROCESS_TERMINATE = 0x0001;
/** `PROCESS_VM_READ`. */
export const PROCESS_VM_READ = 0x0010;
/** `PROCESS_DUP_HANDLE`. */
export const PROCESS_DUP_HANDLE = 0x0040;
/** `PROCESS_SET_INFORMATION`. */
export const PROCESS_SET_INFORMATION = 0x0200;
/** `PROCESS_QUERY_INFORMATION`. */
export const PROCESS_QUERY_INFORMATION = 0x0400;
/** `PROCESS_SUSPEND_RESUME`. */
export const PROCESS_SUSPEND_RESUME = 0x0800;
/** `PROCESS_QUERY_LIMITED_INFORMATION`. */
export const PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
/** `SYNCHRONIZE`. */
export const SYNCHRONIZE = 0x00100000;
/** `STILL_ACTIVE`: the exit code of a running process. */
export const STILL_ACTIVE = 259;

const TOKEN_ADJUST_PRIVILEGES = 0x0020;
const TOKEN_QUERY = 0x0008;
const SE_PRIVILEGE_ENABLED = 0x00000002;

let debugTried = false;

/** Enables SeDebugPrivilege for this process once, where the token allows it; failures are ignored (psutil). */
export function enableDebugPrivilege(): void {
  if (debugTried) return;
  debugTried = true;
  const k = kernel32();
  const a = advapi32();
  const token = new BigInt64Array(1);
  if (!a.OpenProcessToken(k.GetCurrentProcess(), TOKEN_ADJUST_PRIVILEGES | TOKEN_QUERY, token)) return;
  const h = Number(token[0]);
  try {
    const tp = alloc(sizeOf(TOKEN_PRIVILEGES, "llp64"));
    const luid = new Uint32Array(2);
    if (!a.LookupPrivilegeValueW(null, wstr("SeDebugPrivilege"), luid)) return;
    encode(
      TOKEN_PRIVILEGES,
      { PrivilegeCount: 1, Luid: { LowPart: luid[0], HighPart: luid[1] | 0 }, Attributes: SE_PRIVILEGE_ENABLED },
      viewOf(tp),
      0,
      "llp64",
    );
    a.AdjustTokenPrivileges(h, 0, tp, tp.byteLength, null, null);
  } finally {
    k.CloseHandle(h);
  }
}

/** Whether `pid` is listed by EnumProcesses. */
export function pidInPids(pid: number): boolean {
  return enumPidsRaw().includes(pid);
}

/** psutil's error for a failed OpenProcess. */
function openError(pid: number, err: number): Error {
  const d = { pid, syscall: "OpenProcess", code: winErrorName(err), cause: winError("OpenProcess", err) };
  if (err === ERROR_INVALID_PARAMETER) return new NoSuchProcess(d);
  if (err === ERROR_ACCESS_DENIED || err === ERROR_PRIVILEGE_NOT_HELD) return new AccessDenied(d);
  if (err === ERROR_SUCCESS) return pidInPids(pid) ? new AccessDenied(d) : new NoSuchProcess(d);
  return winError("OpenProcess", err);
}

/**
 * Opens `pid` with `access` and checks it still runs (psutil's `psutil_handle_from_pid`); the caller closes it.
 *
 * @throws {NoSuchProcess} when the pid does not exist or has exited.
 * @throws {AccessDenied} when the OS refuses (and for pid 0, which cannot be opened).
 */
export function openProcess(pid: number, access: number): number {
  if (pid === 0) throw new AccessDenied({ pid, msg: "Access denied (pid 0 cannot be opened)" });
  enableDebugPrivilege();
  const k = kernel32();
  const h = k.OpenProcess(access, 0, pid);
  if (h === 0) throw openError(pid, getLastError());
  const code = new Uint32Array(1);
  if (k.GetExitCodeProcess(h, code)) {
    if (code[0] === STILL_ACTIVE || pidInPids(pid)) return h;
    k.CloseHandle(h);
    throw new NoSuchProcess({ pid, syscall: "GetExitCodeProcess", msg: "Process no longer exists (it has exited)" });
  }
  const err = getLastError();
  if (err === ERROR_ACCESS_DENIED) return h; // no right to read the exit code: psutil keeps the handle
  k.CloseHandle(h);
  throw winError("GetExitCodeProcess", err);
}

/** Runs `fn` with a checked handle to `pid`, closing it afterwards. */
export function withProcess<T>(pid: number, access: number, fn: (h: number) => T): T {
  const h = openProcess(pid, access);
  try {
    return fn(h);
  } finally {
    kernel32().CloseHandle(h);
  }
}

/** Whether `pid` runs: a checked handle, else its presence in EnumProcesses (psutil's `psutil_pid_is_running`). */
export function pidIsRunning(pid: number): boolean {
  if (pid === 0) return true;
  const k = kernel32();
  const h = k.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid);
  if (h !== 0) {
    try {
      const code = new Uint32Array(1);
      if (k.GetExitCodeProcess(h, code)) {
        if (code[0] === STILL_ACTIVE) return true;
        return pidInPids(pid);
      }
      if (getLastError() === ERROR_ACCESS_DENIED) return true;
    } finally {
      k.CloseHandle(h);
    }
  }
  return pidInPids(pid);
}

/**
 * Translates a raw Win32 failure inside a process method into psutil's errors: ERROR_ACCESS_DENIED and
 * ERROR_PRIVILEGE_NOT_HELD become AccessDenied; anything already typed passes through.
 */
export function toProcessError(e: unknown, pid: number, name?: string | null): unknown {
  if (e instanceof SystemCallError && (e.errno === ERROR_ACCESS_DENIED || e.errno === ERROR_PRIVILEGE_NOT_HELD)) {
    return new AccessDenied({ pid, name, syscall: e.syscall, code: e.code, cause: e });
  }
  return e;
}

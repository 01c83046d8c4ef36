/**
 * Reads a process's command line, working directory and environment from its PEB: NtQueryInformationProcess gives
 * the PEB address, ReadProcessMemory follows `ProcessParameters` to the strings (psutil's `psutil_get_process_data`).
 * 32-bit (WOW64) targets have a 32-bit PEB at the address `ProcessWow64Information` answers.
 *
 * @module
 */
import { decode, sizeOf } from "../../ffi/struct.ts";
import { AccessDenied } from "../../src/errors.ts";
import { MEMORY_BASIC_INFORMATION, PEB, PROCESS_BASIC_INFORMATION, RTL_USER_PROCESS_PARAMETERS } from "./structs.ts";
import {
  alloc,
  ERROR_NOACCESS,
  ERROR_PARTIAL_COPY,
  getLastError,
  kernel32,
  lastError,
  ntdll,
  ntError,
  ntSuccess,
  viewOf,
  wideExact,
  winError,
} from "./_win32.ts";
import { PROCESS_QUERY_INFORMATION, PROCESS_VM_READ, withProcess } from "./process_handle.ts";

/** `ProcessBasicInformation`. */
const ProcessBasicInformation = 0;
/** `ProcessWow64Information`. */
const ProcessWow64Information = 26;

/** Which string of the process parameters to read. */
export type PebKind = "cmdline" | "cwd" | "environ";

/** Reads `size` bytes at `address` in the process. */
function readMemory(h: number, address: bigint, size: number, pid: number): Uint8Array {
  const buf = alloc(size);
  if (size === 0) return buf.subarray(0, 0);
  if (!kernel32().ReadProcessMemory(h, address, buf, size, null)) {
    const err = getLastError();
    if (err === ERROR_NOACCESS) {
      throw new AccessDenied({ pid, syscall: "ReadProcessMemory", code: "ERROR_NOACCESS" });
    }
    throw winError("ReadProcessMemory", err);
  }
  return buf.subarray(0, size);
}

/** How many bytes can be read from `address` to the end of its region (VirtualQueryEx). */
function regionSize(h: number, address: bigint): number {
  const buf = alloc(sizeOf(MEMORY_BASIC_INFORMATION, "llp64"));
  if (kernel32().VirtualQueryEx(h, address, buf, buf.byteLength) === 0) throw lastError("VirtualQueryEx");
  const m = decode(MEMORY_BASIC_INFORMATION, viewOf(buf), 0, "llp64");
  return m.RegionSize - Number(address - m.BaseAddress);
}

interface Target {
  address: bigint;
  length: number | null; // null: the environment, sized by its region
}

function target64(h: number, pid: number, kind: PebKind): Target {
  const pbi = alloc(sizeOf(PROCESS_BASIC_INFORMATION, "llp64"));
  const status = ntdll().NtQueryInformationProcess(h, ProcessBasicInformation, pbi, pbi.byteLength, null);
  if (!ntSuccess(status)) throw ntError("NtQueryInformationProcess(ProcessBasicInformation)", status);
  const pebAt = decode(PROCESS_BASIC_INFORMATION, viewOf(pbi), 0, "llp64").PebBaseAddress;
  const peb = decode(PEB, viewOf(readMemory(h, pebAt, sizeOf(PEB, "llp64"), pid)), 0, "llp64");
  const paramsSize = sizeOf(RTL_USER_PROCESS_PARAMETERS, "llp64");
  const p = decode(
    RTL_USER_PROCESS_PARAMETERS,
    viewOf(readMemory(h, peb.ProcessParameters, paramsSize, pid)),
    0,
    "llp64",
  );
  if (kind === "cmdline") return { address: p.CommandLine.Buffer, length: p.CommandLine.Length };
  if (kind === "cwd") return { address: p.CurrentDirectoryDosPath.Buffer, length: p.CurrentDirectoryDosPath.Length };
  return { address: p.Environment, length: null };
}

/** The 32-bit layouts (PEB32.ProcessParameters at 0x10; RTL_USER_PROCESS_PARAMETERS32 strings at 0x24/0x40/0x48). */
function target32(h: number, pid: number, peb32: bigint, kind: PebKind): Target {
  const peb = viewOf(readMemory(h, peb32, 0x14, pid));
  const params = BigInt(peb.getUint32(0x10, true));
  const p = viewOf(readMemory(h, params, 0x4c, pid));
  const str = (at: number): Target => ({ address: BigInt(p.getUint32(at + 4, true)), length: p.getUint16(at, true) });
  if (kind === "cmdline") return str(0x40);
  if (kind === "cwd") return str(0x24);
  return { address: BigInt(p.getUint32(0x48, true)), length: null };
}

/**
 * The raw UTF-16 text of `kind` in `pid`'s PEB (the environment block with its NULs).
 *
 * @throws {AccessDenied} when the process may not be read (other users, protected processes).
 */
export function readPebString(pid: number, kind: PebKind): string {
  return withProcess(pid, PROCESS_QUERY_INFORMATION | PROCESS_VM_READ, (h) => {
    const wow = new BigUint64Array(1);
    const status = ntdll().NtQueryInformationProcess(h, ProcessWow64Information, wow, 8, null);
    if (!ntSuccess(status)) throw ntError("NtQueryInformationProcess(ProcessWow64Information)", status);
    const t = wow[0] !== 0n ? target32(h, pid, wow[0], kind) : target64(h, pid, kind);
    if (t.address === 0n) return "";
    const length = t.length ?? regionSize(h, t.address);
    const bytes = readMemory(h, t.address, length, pid);
    return wideExact(bytes, 0, bytes.byteLength);
  });
}

/**
 * psutil retries ERROR_PARTIAL_COPY (a process still starting, its PEB not yet mapped) and then reports
 * AccessDenied; the members are synchronous, so the retries do not sleep.
 */
export function retryPartialCopy<T>(pid: number, fn: () => T): T {
  for (let i = 0; i < 33; i++) {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof Error && "errno" in e && (e as { errno: number }).errno === ERROR_PARTIAL_COPY)) throw e;
    }
  }
  throw new AccessDenied({ pid, syscall: "ReadProcessMemory", code: "ERROR_PARTIAL_COPY" });
}

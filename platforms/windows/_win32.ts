/**
 * Shared plumbing of the Windows backend: the DLLs (opened lazily, once), `GetLastError` read right after a failed
 * call, NTSTATUS and Win32 error names, FILETIME conversion and UTF-16 string reads from buffers.
 *
 * @module
 */
import { type FfiAdapter, type NativeLibrary, openLibrary, requireAdapter, type SymbolTable } from "../../ffi/mod.ts";
import { SystemCallError } from "../../ffi/errors.ts";
import { fromWString } from "../../ffi/cstring.ts";
import type { LibrarySpec } from "../../ffi/types.ts";
import {
  ADVAPI32,
  ADVAPI32_DLL,
  IPHLPAPI,
  IPHLPAPI_DLL,
  KERNEL32,
  KERNEL32_DLL,
  NTDLL,
  NTDLL_DLL,
  PDH,
  PDH_DLL,
  POWRPROF,
  POWRPROF_DLL,
  PSAPI,
  PSAPI_DLL,
  WTSAPI32,
  WTSAPI32_DLL,
} from "./symbols.ts";

let k32: NativeLibrary<typeof KERNEL32>["symbols"] | undefined;

/** kernel32.dll's functions. */
export function kernel32(): NativeLibrary<typeof KERNEL32>["symbols"] {
  return k32 ??= openLibrary(KERNEL32_DLL, KERNEL32).symbols;
}

/**
 * A lazy opener. kernel32 is opened before any other DLL: `GetLastError` must be callable right after a failed call
 * without loading a library first, since LoadLibrary and GetProcAddress overwrite the thread's last error.
 */
function lazy<T extends SymbolTable>(spec: LibrarySpec, table: T): () => NativeLibrary<T>["symbols"] {
  let syms: NativeLibrary<T>["symbols"] | undefined;
  return () => {
    if (syms === undefined) {
      kernel32();
      syms = openLibrary(spec, table).symbols;
    }
    return syms;
  };
}
/** ntdll.dll's functions. */
export const ntdll: () => NativeLibrary<typeof NTDLL>["symbols"] = lazy(NTDLL_DLL, NTDLL);
/** psapi.dll's functions. */
export const psapi: () => NativeLibrary<typeof PSAPI>["symbols"] = lazy(PSAPI_DLL, PSAPI);
/** iphlpapi.dll's functions. */
export const iphlpapi: () => NativeLibrary<typeof IPHLPAPI>["symbols"] = lazy(IPHLPAPI_DLL, IPHLPAPI);
/** advapi32.dll's functions. */
export const advapi32: () => NativeLibrary<typeof ADVAPI32>["symbols"] = lazy(ADVAPI32_DLL, ADVAPI32);
/** pdh.dll's functions. */
export const pdh: () => NativeLibrary<typeof PDH>["symbols"] = lazy(PDH_DLL, PDH);
/** wtsapi32.dll's functions. */
export const wtsapi32: () => NativeLibrary<typeof WTSAPI32>["symbols"] = lazy(WTSAPI32_DLL, WTSAPI32);
/** powrprof.dll's functions. */
export const powrprof: () => NativeLibrary<typeof POWRPROF>["symbols"] = lazy(POWRPROF_DLL, POWRPROF);

/** The FFI adapter (for addresses and copies of memory the OS allocated). */
export function ffi(): FfiAdapter {
  return requireAdapter("The Windows backend");
}

// --- Win32 error codes (winerror.h) ---
/** The operation completed successfully. */
export const ERROR_SUCCESS = 0;
/** Incorrect function. */
export const ERROR_INVALID_FUNCTION = 1;
/** The system cannot find the file specified. */
export const ERROR_FILE_NOT_FOUND = 2;
/** Access is denied. */
export const ERROR_ACCESS_DENIED = 5;
/** The handle is invalid. */
export const ERROR_INVALID_HANDLE = 6;
/** The device is not ready. */
export const ERROR_NOT_READY = 21;
/** The request is not supported. */
export const ERROR_NOT_SUPPORTED = 50;
/** The parameter is incorrect. */
export const ERROR_INVALID_PARAMETER = 87;
/** The buffer is too small (GetAdaptersAddresses). */
export const ERROR_BUFFER_OVERFLOW = 111;
/** This function is not supported on this system. */
export const ERROR_CALL_NOT_IMPLEMENTED = 120;
/** The data area passed to a system call is too small. */
export const ERROR_INSUFFICIENT_BUFFER = 122;
/** The filename, directory name, or volume label syntax is incorrect. */
export const ERROR_INVALID_NAME = 123;
/** More data is available. */
export const ERROR_MORE_DATA = 234;
/** Only part of a ReadProcessMemory request was completed. */
export const ERROR_PARTIAL_COPY = 299;
/** Invalid access to memory location. */
export const ERROR_NOACCESS = 998;
/** The specified service does not exist as an installed service. */
export const ERROR_SERVICE_DOES_NOT_EXIST = 1060;
/** Element not found. */
export const ERROR_NOT_FOUND = 1168;
/** A required privilege is not held by the client. */
export const ERROR_PRIVILEGE_NOT_HELD = 1314;
/** No mapping between account names and security IDs was done. */
export const ERROR_NONE_MAPPED = 1332;
/** The resource loader failed to find MUI file. */
export const ERROR_MUI_FILE_NOT_FOUND = 15100;

const ERROR_NAMES: Readonly<Record<number, string>> = Object.freeze({
  0: "ERROR_SUCCESS",
  1: "ERROR_INVALID_FUNCTION",
  2: "ERROR_FILE_NOT_FOUND",
  3: "ERROR_PATH_NOT_FOUND",
  5: "ERROR_ACCESS_DENIED",
  6: "ERROR_INVALID_HANDLE",
  8: "ERROR_NOT_ENOUGH_MEMORY",
  21: "ERROR_NOT_READY",
  31: "ERROR_GEN_FAILURE",
  50: "ERROR_NOT_SUPPORTED",
  87: "ERROR_INVALID_PARAMETER",
  111: "ERROR_BUFFER_OVERFLOW",
  120: "ERROR_CALL_NOT_IMPLEMENTED",
  122: "ERROR_INSUFFICIENT_BUFFER",
  123: "ERROR_INVALID_NAME",
  234: "ERROR_MORE_DATA",
  259: "ERROR_NO_MORE_ITEMS",
  299: "ERROR_PARTIAL_COPY",
  487: "ERROR_INVALID_ADDRESS",
  998: "ERROR_NOACCESS",
  1008: "ERROR_NO_TOKEN",
  1060: "ERROR_SERVICE_DOES_NOT_EXIST",
  1168: "ERROR_NOT_FOUND",
  1300: "ERROR_NOT_ALL_ASSIGNED",
  1314: "ERROR_PRIVILEGE_NOT_HELD",
  1332: "ERROR_NONE_MAPPED",
  15100: "ERROR_MUI_FILE_NOT_FOUND",
});

/** The symbolic name of a Win32 error code (`ERROR_ACCESS_DENIED`), or `"WINERROR_<n>"` when not tabled. */
export function winErrorName(code: number): string {
  return ERROR_NAMES[code] ?? `WINERROR_${code}`;
}

/** A `SystemCallError` for Win32 error `code` raised by `fn`. */
export function winError(fn: string, code: number, path?: string): SystemCallError {
  return new SystemCallError(fn, code, winErrorName(code), path);
}

/** The calling thread's `GetLastError()`, to be read right after the failed call. */
export function getLastError(): number {
  return kernel32().GetLastError();
}

/** A `SystemCallError` naming `fn` and the calling thread's last error. */
export function lastError(fn: string, path?: string): SystemCallError {
  return winError(fn, getLastError(), path);
}

// --- NTSTATUS (ntstatus.h) ---
/** The buffer is too small for the information class. */
export const STATUS_INFO_LENGTH_MISMATCH = 0xc0000004;
/** The buffer is too small. */
export const STATUS_BUFFER_TOO_SMALL = 0xc0000023;
/** The data was too large for the buffer. */
export const STATUS_BUFFER_OVERFLOW = 0x80000005;
/** Access denied. */
export const STATUS_ACCESS_DENIED = 0xc0000022;
/** Not implemented. */
export const STATUS_NOT_IMPLEMENTED = 0xc0000002;

/** Whether an NTSTATUS is a success or informational code. */
export function ntSuccess(status: number): boolean {
  return (status >>> 0) < 0x80000000;
}

/** A `SystemCallError` for a failed NTSTATUS, with the Win32 error the status maps to (as psutil reports it). */
export function ntError(fn: string, status: number): SystemCallError {
  const code = ntdll().RtlNtStatusToDosError(status >>> 0);
  const e = winError(fn, code);
  e.message = `${fn} failed: ${winErrorName(code)} (NTSTATUS 0x${(status >>> 0).toString(16).padStart(8, "0")})`;
  return e;
}

// --- time ---
/** 100 ns intervals between 1601-01-01 and 1970-01-01. */
const EPOCH_DIFF_100NS = 116444736000000000n;

/** A FILETIME (100 ns since 1601) as seconds since the Unix epoch. */
export function filetimeToUnix(ft: bigint | number): number {
  const v = typeof ft === "bigint" ? ft : BigInt(Math.trunc(ft));
  return Number(v - EPOCH_DIFF_100NS) / 1e7;
}

/** A duration in 100 ns units as seconds. */
export function hundredNsToSeconds(v: bigint | number): number {
  return Number(v) / 1e7;
}

// --- strings and buffers ---
/** Decodes a NUL-terminated UTF-16LE string at `byteOffset` of `bytes` (at most `maxUnits` code units). */
export function wideAt(bytes: Uint8Array, byteOffset: number, maxUnits?: number): string {
  const available = Math.floor((bytes.byteLength - byteOffset) / 2);
  const n = maxUnits === undefined ? available : Math.min(maxUnits, available);
  if (n <= 0) return "";
  const units = (bytes.byteOffset + byteOffset) % 2 === 0
    ? new Uint16Array(bytes.buffer, bytes.byteOffset + byteOffset, n)
    : new Uint16Array(bytes.slice(byteOffset, byteOffset + n * 2).buffer);
  return fromWString(units);
}

/** Decodes exactly `byteLength` bytes of UTF-16LE (a `UNICODE_STRING`, which need not be NUL-terminated). */
export function wideExact(bytes: Uint8Array, byteOffset: number, byteLength: number): string {
  const n = Math.floor(byteLength / 2);
  if (n <= 0) return "";
  const copy = bytes.slice(byteOffset, byteOffset + n * 2);
  const units = new Uint16Array(copy.buffer, 0, n);
  let s = "";
  // fromWString stops at NUL; a UNICODE_STRING may legally contain none, so decode in NUL-separated pieces.
  let start = 0;
  for (let i = 0; i <= n; i++) {
    if (i === n || units[i] === 0) {
      s += fromWString(units, start, i);
      if (i < n) s += "\0";
      start = i + 1;
    }
  }
  return s;
}

/** The array of UTF-16 code units of a string read from a `Uint16Array` filled by a W API. */
export function wideFrom(units: Uint16Array, count?: number): string {
  return fromWString(units, 0, count ?? units.length);
}

/** Reads a NUL-terminated UTF-16 string at a native address (memory the OS allocated in this process). */
export function wideAtAddress(address: bigint, maxUnits = 32768): string {
  if (address === 0n) return "";
  const a = ffi();
  const ptr = a.pointerFrom(address);
  let units = 64;
  while (true) {
    const n = Math.min(units, maxUnits);
    const bytes = a.copyBytes(ptr, n * 2);
    const u = new Uint16Array(bytes.buffer, 0, n);
    const end = u.indexOf(0);
    if (end >= 0 || n === maxUnits) return fromWString(u, 0, end >= 0 ? end : n);
    units *= 4;
  }
}

/** The native address of a caller-owned buffer (to turn pointers the OS wrote into it back into offsets). */
export function addressOfBuffer(buf: Uint8Array): bigint {
  const a = ffi();
  return a.addressOf(a.pointerOf(buf));
}

/** A `DataView` over the whole of `bytes`. */
export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A zeroed, off-heap byte buffer of `n` bytes (its address is stable while native code writes into it). */
export function alloc(n: number): Uint8Array {
  return new Uint8Array(new ArrayBuffer(Math.max(8, n)));
}

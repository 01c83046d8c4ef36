/**
 * The heavier Windows process reads: token user name, unique set size (working-set pages), memory maps, open files
 * (the system handle table) and per-thread times (toolhelp threads + GetThreadTimes).
 *
 * @module
 */
import { decode, encode, sizeOf } from "../../ffi/struct.ts";
import { wstr } from "../../ffi/cstring.ts";
import { AccessDenied } from "../../src/errors.ts";
import type { ProcessMemoryMap, ProcessOpenFile, ProcessThread } from "../../src/process_types.ts";
import { MEMORY_BASIC_INFORMATION, SYSTEM_INFO, THREADENTRY32, TOKEN_USER } from "./structs.ts";
import {
  advapi32,
  alloc,
  ERROR_INSUFFICIENT_BUFFER,
  ERROR_NONE_MAPPED,
  ffi,
  getLastError,
  hundredNsToSeconds,
  kernel32,
  lastError,
  ntdll,
  ntError,
  ntSuccess,
  psapi,
  STATUS_INFO_LENGTH_MISMATCH,
  viewOf,
  wideFrom,
  winError,
} from "./_win32.ts";
import {
  PROCESS_DUP_HANDLE,
  PROCESS_QUERY_INFORMATION,
  PROCESS_QUERY_LIMITED_INFORMATION,
  PROCESS_VM_READ,
  withProcess,
} from "./process_handle.ts";
import { convertDosPath, protectionString } from "./process_parse.ts";

const TOKEN_QUERY = 0x0008;
/** `TOKEN_INFORMATION_CLASS.TokenUser`. */
const TokenUser = 1;
/** `MEMORY_INFORMATION_CLASS.MemoryWorkingSetInformation`. */
const MemoryWorkingSetInformation = 1;
/** `SystemExtendedHandleInformation`. */
const SystemExtendedHandleInformation = 64;
const TH32CS_SNAPTHREAD = 0x00000004;
const THREAD_QUERY_INFORMATION = 0x0040;
const DUPLICATE_SAME_ACCESS = 0x2;
const FILE_TYPE_DISK = 1;
const FILE_ATTRIBUTE_DIRECTORY = 0x10;
const INVALID_FILE_ATTRIBUTES = 0xffffffff;
const INVALID_HANDLE_VALUE = -1;
const MAX_PATH = 260;

let devices: Map<string, string> | undefined;

/** The drive letter (`C:`) whose device is `device` (`\Device\HarddiskVolume1`), or `""` (QueryDosDeviceW). */
export function dosDevice(device: string): string {
  if (devices === undefined) {
    devices = new Map();
    const target = new Uint16Array(1024);
    for (let c = 65; c <= 90; c++) {
      const drive = `${String.fromCharCode(c)}:`;
      if (kernel32().QueryDosDeviceW(wstr(drive), target, target.length) !== 0) devices.set(wideFrom(target), drive);
    }
  }
  return devices.get(device) ?? "";
}

/** The system page size. */
export function pageSize(): number {
  const buf = alloc(sizeOf(SYSTEM_INFO, "llp64"));
  kernel32().GetSystemInfo(buf);
  return decode(SYSTEM_INFO, viewOf(buf), 0, "llp64").dwPageSize;
}

/** `DOMAIN\user` of `pid`'s token (OpenProcessToken, GetTokenInformation(TokenUser), LookupAccountSidW). */
export function username(pid: number): string {
  return withProcess(pid, PROCESS_QUERY_LIMITED_INFORMATION, (h) => {
    const a = advapi32();
    const tok = new BigInt64Array(1);
    if (!a.OpenProcessToken(h, TOKEN_QUERY, tok)) throw lastError("OpenProcessToken");
    const token = Number(tok[0]);
    try {
      let buf = alloc(0x100);
      const needed = new Uint32Array(1);
      while (!a.GetTokenInformation(token, TokenUser, buf, buf.byteLength, needed)) {
        if (getLastError() !== ERROR_INSUFFICIENT_BUFFER) throw lastError("GetTokenInformation");
        buf = alloc(needed[0]);
      }
      const sid = ffi().pointerFrom(decode(TOKEN_USER, viewOf(buf), 0, "llp64").Sid);
      let name = new Uint16Array(0x100);
      let domain = new Uint16Array(0x100);
      const nameLen = new Uint32Array(1);
      const domainLen = new Uint32Array(1);
      const use = new Uint32Array(1);
      for (;;) {
        nameLen[0] = name.length;
        domainLen[0] = domain.length;
        if (a.LookupAccountSidW(null, sid, name, nameLen, domain, domainLen, use)) break;
        const err = getLastError();
        if (err === ERROR_NONE_MAPPED) {
          throw new AccessDenied({ pid, syscall: "LookupAccountSidW", code: "ERROR_NONE_MAPPED" });
        }
        if (err !== ERROR_INSUFFICIENT_BUFFER) throw winError("LookupAccountSidW", err);
        name = new Uint16Array(Math.max(nameLen[0], name.length * 2));
        domain = new Uint16Array(Math.max(domainLen[0], domain.length * 2));
      }
      void buf; // the SID lives in buf: keep it reachable until LookupAccountSidW has returned
      return `${wideFrom(domain)}\\${wideFrom(name)}`;
    } finally {
      kernel32().CloseHandle(token);
    }
  });
}

/**
 * Private pages in a `MEMORY_WORKING_SET_INFORMATION` buffer: entries not shared, or shared by one process only
 * (psutil's rule, from Mozilla's memory reporter).
 */
export function countPrivatePages(bytes: Uint8Array): number {
  const view = viewOf(bytes);
  const n = Number(view.getBigUint64(0, true));
  let priv = 0;
  for (let i = 0; i < n && 8 + (i + 1) * 8 <= bytes.byteLength; i++) {
    const lo = view.getUint32(8 + i * 8, true);
    const shareCount = (lo >>> 5) & 0x7;
    const shared = (lo >>> 8) & 0x1;
    if (!shared || shareCount <= 1) priv++;
  }
  return priv;
}

/** The unique set size of `pid`, bytes. */
export function processUss(pid: number): number {
  return withProcess(pid, PROCESS_QUERY_INFORMATION, (h) => {
    let size = 0x8000;
    for (;;) {
      const buf = alloc(size);
      const status = ntdll().NtQueryVirtualMemory(h, 0n, MemoryWorkingSetInformation, buf, size, null);
      if (status === STATUS_INFO_LENGTH_MISMATCH && size < 256 * 1024 * 1024) {
        size *= 2;
        continue;
      }
      if (!ntSuccess(status)) throw ntError("NtQueryVirtualMemory(MemoryWorkingSetInformation)", status);
      return countPrivatePages(buf) * pageSize();
    }
  });
}

/** File-backed regions (VirtualQueryEx + GetMappedFileNameW), grouped by path when asked. */
export function memoryMaps(pid: number, grouped: boolean): ProcessMemoryMap[] {
  return withProcess(pid, PROCESS_QUERY_INFORMATION | PROCESS_VM_READ, (h) => {
    const k = kernel32();
    const si = alloc(sizeOf(SYSTEM_INFO, "llp64"));
    k.GetSystemInfo(si);
    const maxAddr = decode(SYSTEM_INFO, viewOf(si), 0, "llp64").lpMaximumApplicationAddress;
    const mbiBuf = alloc(sizeOf(MEMORY_BASIC_INFORMATION, "llp64"));
    const name = new Uint16Array(MAX_PATH * 4);
    const out: ProcessMemoryMap[] = [];
    let base = 0n;
    while (base <= maxAddr && k.VirtualQueryEx(h, base, mbiBuf, mbiBuf.byteLength) !== 0) {
      const mbi = decode(MEMORY_BASIC_INFORMATION, viewOf(mbiBuf), 0, "llp64");
      const n = psapi().GetMappedFileNameW(h, base, name, name.length);
      if (n !== 0) {
        out.push({
          addr: `0x${base.toString(16)}`,
          perms: protectionString(mbi.Protect),
          path: convertDosPath(wideFrom(name, n), dosDevice),
          rss: mbi.RegionSize,
        });
      }
      if (mbi.RegionSize <= 0) break;
      base += BigInt(mbi.RegionSize);
    }
    if (!grouped) return out;
    const byPath = new Map<string, ProcessMemoryMap>();
    for (const m of out) {
      const g = byPath.get(m.path);
      if (g) g.rss += m.rss;
      else byPath.set(m.path, { path: m.path, rss: m.rss });
    }
    return [...byPath.values()];
  });
}

/** Per-thread CPU times of `pid` (toolhelp's thread list; threads that vanish or refuse are skipped, as psutil). */
export function threadTimes(pid: number): ProcessThread[] {
  const k = kernel32();
  const snap = k.CreateToolhelp32Snapshot(TH32CS_SNAPTHREAD, 0);
  if (snap === INVALID_HANDLE_VALUE) throw lastError("CreateToolhelp32Snapshot");
  try {
    const size = sizeOf(THREADENTRY32, "llp64");
    const te = alloc(size);
    encode(THREADENTRY32, { dwSize: size }, viewOf(te), 0, "llp64");
    if (!k.Thread32First(snap, te)) throw lastError("Thread32First");
    const out: ProcessThread[] = [];
    const c = new BigUint64Array(1);
    const x = new BigUint64Array(1);
    const kt = new BigUint64Array(1);
    const ut = new BigUint64Array(1);
    do {
      const t = decode(THREADENTRY32, viewOf(te), 0, "llp64");
      if (t.th32OwnerProcessID !== pid) continue;
      const th = k.OpenThread(THREAD_QUERY_INFORMATION, 0, t.th32ThreadID);
      if (th === 0) continue;
      try {
        if (!k.GetThreadTimes(th, c, x, kt, ut)) throw lastError("GetThreadTimes");
        out.push({ id: t.th32ThreadID, userTime: hundredNsToSeconds(ut[0]), systemTime: hundredNsToSeconds(kt[0]) });
      } finally {
        k.CloseHandle(th);
      }
    } while (k.Thread32Next(snap, te));
    return out;
  } finally {
    k.CloseHandle(snap);
  }
}

/** One entry of `SYSTEM_HANDLE_INFORMATION_EX` (40 bytes on x64, after a 16-byte header). */
export interface HandleEntry {
  /** Owning pid. */
  pid: number;
  /** The handle's value in its owner. */
  handle: number;
  /** Access mask. */
  access: number;
  /** Object type index. */
  type: number;
}

/** Parses a `SystemExtendedHandleInformation` buffer, keeping the entries of `pid`. */
export function parseHandles(bytes: Uint8Array, pid: number): HandleEntry[] {
  const view = viewOf(bytes);
  const n = Number(view.getBigUint64(0, true));
  const out: HandleEntry[] = [];
  for (let i = 0; i < n && 16 + (i + 1) * 40 <= bytes.byteLength; i++) {
    const at = 16 + i * 40;
    if (Number(view.getBigUint64(at + 8, true)) !== pid) continue;
    out.push({
      pid,
      handle: Number(view.getBigUint64(at + 16, true)),
      access: view.getUint32(at + 24, true),
      type: view.getUint16(at + 30, true),
    });
  }
  return out;
}

/**
 * Access masks of handles on which name queries can block forever (synchronous named pipes), which psutil and
 * Process Hacker skip without touching them.
 */
const HANGING_ACCESS = new Set([0x0012019f, 0x001a019f, 0x00120189, 0x00100000]);

function handleTable(): Uint8Array {
  let size = 0x10000;
  for (;;) {
    const buf = alloc(size);
    const status = ntdll().NtQuerySystemInformation(SystemExtendedHandleInformation, buf, size, null);
    if (status === STATUS_INFO_LENGTH_MISMATCH && size < 256 * 1024 * 1024) {
      size *= 2;
      continue;
    }
    if (!ntSuccess(status)) throw ntError("NtQuerySystemInformation(SystemExtendedHandleInformation)", status);
    return buf;
  }
}

/** `\\?\C:\x` → `C:\x`, `\\?\UNC\srv\x` → `\\srv\x` (GetFinalPathNameByHandleW's prefixes). */
export function stripFinalPathPrefix(path: string): string {
  if (path.startsWith("\\\\?\\UNC\\")) return `\\\\${path.slice(8)}`;
  if (path.startsWith("\\\\?\\")) return path.slice(4);
  return path;
}

/** Regular files `pid` has open: its disk-file handles, duplicated here and named by GetFinalPathNameByHandleW. */
export function openFiles(pid: number): ProcessOpenFile[] {
  return withProcess(pid, PROCESS_DUP_HANDLE | PROCESS_QUERY_INFORMATION, (h) => {
    const k = kernel32();
    const self = k.GetCurrentProcess();
    const dup = new BigInt64Array(1);
    const name = new Uint16Array(0x8000);
    const seen = new Set<string>();
    const out: ProcessOpenFile[] = [];
    for (const e of parseHandles(handleTable(), pid)) {
      if (HANGING_ACCESS.has(e.access)) continue;
      if (!k.DuplicateHandle(h, e.handle, self, dup, 0, 0, DUPLICATE_SAME_ACCESS)) continue; // not duplicable
      const d = Number(dup[0]);
      try {
        if (k.GetFileType(d) !== FILE_TYPE_DISK) continue;
        const n = k.GetFinalPathNameByHandleW(d, name, name.length, 0);
        if (n === 0 || n >= name.length) continue;
        const path = stripFinalPathPrefix(wideFrom(name, n));
        const attrs = k.GetFileAttributesW(wstr(path));
        if (attrs === INVALID_FILE_ATTRIBUTES || (attrs & FILE_ATTRIBUTE_DIRECTORY) !== 0) continue;
        if (seen.has(path)) continue;
        seen.add(path);
        out.push({ path, fd: -1 });
      } finally {
        k.CloseHandle(d);
      }
    }
    return out;
  });
}

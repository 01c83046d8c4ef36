/**
 * Windows services through the service control manager (advapi32): the list (EnumServicesStatusExW), and per
 * service its configuration, status and description. Failures are raised as `SystemCallError`s naming the function
 * and the Win32 error; `src/win_services.ts` turns "no such service" and "access denied" into psutil's errors.
 *
 * @module
 */
import { decode, sizeOf } from "../../ffi/struct.ts";
import { wstr } from "../../ffi/cstring.ts";
import type { PlatformBackend, WinServiceConfig, WinServiceStatus } from "../backend.ts";
import {
  ENUM_SERVICE_STATUS_PROCESSW,
  QUERY_SERVICE_CONFIGW,
  SERVICE_DESCRIPTIONW,
  SERVICE_STATUS_PROCESS,
} from "./structs.ts";
import {
  addressOfBuffer,
  advapi32,
  alloc,
  ERROR_INSUFFICIENT_BUFFER,
  ERROR_MORE_DATA,
  ERROR_MUI_FILE_NOT_FOUND,
  ERROR_NOT_FOUND,
  getLastError,
  lastError,
  viewOf,
  wideAt,
  winError,
} from "./_win32.ts";

const SC_MANAGER_ENUMERATE_SERVICE = 0x0004;
const SERVICE_QUERY_CONFIG = 0x0001;
const SERVICE_QUERY_STATUS = 0x0004;
const SC_ENUM_PROCESS_INFO = 0;
const SERVICE_WIN32 = 0x30;
const SERVICE_STATE_ALL = 3;
const SC_STATUS_PROCESS_INFO = 0;
const SERVICE_CONFIG_DESCRIPTION = 1;

/** `dwStartType` → psutil's `start_type`. */
export const START_TYPES: Readonly<Record<number, string>> = Object.freeze({
  2: "automatic",
  3: "manual",
  4: "disabled",
});

/** `dwCurrentState` → psutil's `status`. */
export const SERVICE_STATES: Readonly<Record<number, string>> = Object.freeze({
  1: "stopped",
  2: "start_pending",
  3: "stop_pending",
  4: "running",
  5: "continue_pending",
  6: "pause_pending",
  7: "paused",
});

/** A string a service API wrote into `buf` at native address `p` (an offset into `buf`), or `""`. */
function stringIn(buf: Uint8Array, base: bigint, p: bigint): string {
  if (p === 0n) return "";
  const off = p - base;
  return off >= 0n && off < BigInt(buf.byteLength) ? wideAt(buf, Number(off)) : "";
}

function withScm<T>(fn: (scm: number) => T): T {
  const a = advapi32();
  const scm = a.OpenSCManagerW(null, null, SC_MANAGER_ENUMERATE_SERVICE);
  if (scm === 0) throw lastError("OpenSCManagerW");
  try {
    return fn(scm);
  } finally {
    a.CloseServiceHandle(scm);
  }
}

function withService<T>(name: string, access: number, fn: (h: number) => T): T {
  return withScm((scm) => {
    const a = advapi32();
    const h = a.OpenServiceW(scm, wstr(name), access);
    if (h === 0) throw lastError("OpenServiceW", name);
    try {
      return fn(h);
    } finally {
      a.CloseServiceHandle(h);
    }
  });
}

/**
 * Calls a service API that fills a caller buffer, growing it as the API asks (8 KiB first: the documented maximum of
 * these structs); `null` when it answers one of `empty` (no data, e.g. no description).
 */
function sized(
  fn: string,
  call: (buf: Uint8Array, size: number, needed: Uint32Array) => number,
  empty: number[] = [],
): Uint8Array | null {
  const needed = new Uint32Array(1);
  let buf = alloc(8192);
  for (let attempt = 0; attempt < 4; attempt++) {
    if (call(buf, buf.byteLength, needed)) return buf;
    const err = getLastError();
    if (empty.includes(err)) return null;
    if (err !== ERROR_INSUFFICIENT_BUFFER) throw winError(fn, err);
    buf = alloc(Math.max(needed[0], buf.byteLength * 2));
  }
  throw winError(fn, ERROR_INSUFFICIENT_BUFFER);
}

/** The service members of the Windows backend. */
export function windowsServices(): Pick<
  PlatformBackend,
  "winServiceList" | "winServiceConfig" | "winServiceStatus" | "winServiceDescription"
> {
  return {
    winServiceList(): [string, string][] {
      return withScm((scm) => {
        const a = advapi32();
        const needed = new Uint32Array(1);
        const count = new Uint32Array(1);
        const resume = new Uint32Array(1);
        const out: [string, string][] = [];
        let buf = alloc(64 * 1024);
        for (let round = 0; round < 64; round++) {
          const ok = a.EnumServicesStatusExW(
            scm,
            SC_ENUM_PROCESS_INFO,
            SERVICE_WIN32,
            SERVICE_STATE_ALL,
            buf,
            buf.byteLength,
            needed,
            count,
            resume,
            null,
          );
          const err = ok ? 0 : getLastError();
          if (!ok && err !== ERROR_MORE_DATA) throw winError("EnumServicesStatusExW", err);
          const base = addressOfBuffer(buf);
          const size = sizeOf(ENUM_SERVICE_STATUS_PROCESSW, "llp64");
          for (let i = 0; i < count[0]; i++) {
            const e = decode(ENUM_SERVICE_STATUS_PROCESSW, viewOf(buf), i * size, "llp64");
            out.push([stringIn(buf, base, e.lpServiceName), stringIn(buf, base, e.lpDisplayName)]);
          }
          if (ok) return out;
          if (needed[0] > buf.byteLength) buf = alloc(needed[0]);
        }
        throw winError("EnumServicesStatusExW", ERROR_MORE_DATA);
      });
    },
    winServiceConfig(name: string): WinServiceConfig {
      return withService(name, SERVICE_QUERY_CONFIG, (h) => {
        const buf = sized("QueryServiceConfigW", (b, s, n) => advapi32().QueryServiceConfigW(h, b, s, n))!;
        const base = addressOfBuffer(buf);
        const c = decode(QUERY_SERVICE_CONFIGW, viewOf(buf), 0, "llp64");
        return {
          displayName: stringIn(buf, base, c.lpDisplayName),
          binpath: stringIn(buf, base, c.lpBinaryPathName),
          username: stringIn(buf, base, c.lpServiceStartName),
          startType: START_TYPES[c.dwStartType] ?? "unknown",
        };
      });
    },
    winServiceStatus(name: string): WinServiceStatus {
      return withService(name, SERVICE_QUERY_STATUS, (h) => {
        const buf = alloc(sizeOf(SERVICE_STATUS_PROCESS, "llp64"));
        const needed = new Uint32Array(1);
        if (!advapi32().QueryServiceStatusEx(h, SC_STATUS_PROCESS_INFO, buf, buf.byteLength, needed)) {
          throw lastError("QueryServiceStatusEx", name);
        }
        const s = decode(SERVICE_STATUS_PROCESS, viewOf(buf), 0, "llp64");
        return {
          status: SERVICE_STATES[s.dwCurrentState] ?? "unknown",
          pid: s.dwProcessId === 0 ? null : s.dwProcessId,
        };
      });
    },
    winServiceDescription(name: string): string {
      return withService(name, SERVICE_QUERY_CONFIG, (h) => {
        const buf = sized(
          "QueryServiceConfig2W",
          (b, s, n) => advapi32().QueryServiceConfig2W(h, SERVICE_CONFIG_DESCRIPTION, b, s, n),
          [ERROR_NOT_FOUND, ERROR_MUI_FILE_NOT_FOUND],
        );
        if (buf === null) return "";
        return stringIn(buf, addressOfBuffer(buf), decode(SERVICE_DESCRIPTIONW, viewOf(buf), 0, "llp64").lpDescription);
      });
    },
  };
}

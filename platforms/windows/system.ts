/**
 * Windows system facts: boot time (now minus the interrupt-time uptime, as psutil 7), users (terminal sessions),
 * battery (GetSystemPowerStatus), pids and whether a pid is running.
 *
 * @module
 */
import { decode, sizeOf } from "../../ffi/struct.ts";
import type { Battery, User } from "../../src/types.ts";
import type { PlatformBackend } from "../backend.ts";
import { SYSTEM_POWER_STATUS, WTS_CLIENT_ADDRESS, WTS_SESSION_INFOW, WTSINFOW } from "./structs.ts";
import {
  alloc,
  ERROR_CALL_NOT_IMPLEMENTED,
  ffi,
  filetimeToUnix,
  getLastError,
  kernel32,
  lastError,
  viewOf,
  wtsapi32,
} from "./_win32.ts";
import { pidIsRunning } from "./process_handle.ts";
import { enumPidsRaw } from "./pids.ts";

/** `WTS_INFO_CLASS` values. */
const WTSUserName = 5;
const WTSClientAddress = 14;
const WTSSessionInfo = 24;

let lastBootTime = 0;

/** Seconds since boot, including sleep (QueryInterruptTime on Windows 10+, else GetTickCount64). */
export function uptime(): number {
  const k = kernel32();
  if (k.QueryInterruptTime !== null) {
    const t = new BigUint64Array(1);
    k.QueryInterruptTime(t);
    return Number(t[0]) / 1e7;
  }
  return k.GetTickCount64() / 1000;
}

/** Copies `bytes` bytes of memory the OS allocated. */
function copyOut(address: bigint, bytes: number): Uint8Array {
  const a = ffi();
  return a.copyBytes(a.pointerFrom(address), bytes);
}

function querySession(id: number, cls: number): Uint8Array {
  const w = wtsapi32();
  const ptr = new BigUint64Array(1);
  const bytes = new Uint32Array(1);
  if (!w.WTSQuerySessionInformationW(0, id, cls, ptr, bytes)) throw lastError("WTSQuerySessionInformationW");
  try {
    return ptr[0] === 0n ? new Uint8Array(0) : copyOut(ptr[0], bytes[0]);
  } finally {
    w.WTSFreeMemory(ffi().pointerFrom(ptr[0]));
  }
}

function utf16(bytes: Uint8Array): string {
  const units = new Uint16Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.byteLength / 2));
  const end = units.indexOf(0);
  return new TextDecoder("utf-16le").decode(units.subarray(0, end < 0 ? units.length : end));
}

/** The system members of the Windows backend. */
export function windowsSystem(): Pick<
  PlatformBackend,
  "bootTime" | "users" | "sensorsBattery" | "pids" | "pidExists"
> {
  return {
    bootTime(): number {
      // now - uptime moves by up to a second between calls: keep the previous answer within that (psutil #1007).
      const t = Date.now() / 1000 - uptime();
      if (Math.abs(t - lastBootTime) > 1) lastBootTime = t;
      return lastBootTime;
    },
    users(): User[] {
      const w = wtsapi32();
      const ptr = new BigUint64Array(1);
      const count = new Uint32Array(1);
      if (!w.WTSEnumerateSessionsW(0, 0, 1, ptr, count)) {
        if (getLastError() === ERROR_CALL_NOT_IMPLEMENTED) return [];
        throw lastError("WTSEnumerateSessionsW");
      }
      const size = sizeOf(WTS_SESSION_INFOW, "llp64");
      let ids: number[];
      try {
        const bytes = ptr[0] === 0n ? new Uint8Array(0) : copyOut(ptr[0], count[0] * size);
        const view = viewOf(bytes);
        ids = [];
        for (let i = 0; i < count[0]; i++) ids.push(decode(WTS_SESSION_INFOW, view, i * size, "llp64").SessionId);
      } finally {
        w.WTSFreeMemory(ffi().pointerFrom(ptr[0]));
      }
      const out: User[] = [];
      for (const id of ids) {
        const name = utf16(querySession(id, WTSUserName));
        if (name === "") continue; // sessions without a user (services, listeners)
        const addrBytes = querySession(id, WTSClientAddress);
        let host: string | null = null;
        if (addrBytes.byteLength >= sizeOf(WTS_CLIENT_ADDRESS, "llp64")) {
          const addr = decode(WTS_CLIENT_ADDRESS, viewOf(addrBytes), 0, "llp64");
          // AF_INET: the address starts at byte 2 of the array, as psutil reads it.
          if (addr.AddressFamily === 2) host = Array.from(addr.Address.subarray(2, 6)).join(".");
        }
        const infoBytes = querySession(id, WTSSessionInfo);
        let started = 0;
        if (infoBytes.byteLength >= sizeOf(WTSINFOW, "llp64")) {
          const info = decode(WTSINFOW, viewOf(infoBytes), 0, "llp64");
          started = info.ConnectTime === 0 ? 0 : filetimeToUnix(info.ConnectTime);
        }
        out.push({ name, terminal: null, host, started, pid: null });
      }
      return out;
    },
    sensorsBattery(): Battery | null {
      const buf = alloc(sizeOf(SYSTEM_POWER_STATUS, "llp64"));
      if (!kernel32().GetSystemPowerStatus(buf)) throw lastError("GetSystemPowerStatus");
      const s = decode(SYSTEM_POWER_STATUS, viewOf(buf), 0, "llp64");
      return batteryFromPowerStatus(s.ACLineStatus, s.BatteryFlag, s.BatteryLifePercent, s.BatteryLifeTime);
    },
    pids(): number[] {
      return enumPidsRaw();
    },
    pidExists(pid: number): boolean {
      return pidIsRunning(pid);
    },
  };
}

/** psutil's reading of `SYSTEM_POWER_STATUS`: no battery (flag 128) → null; on AC or charging → unlimited time. */
export function batteryFromPowerStatus(
  acLine: number,
  flags: number,
  percent: number,
  lifeTime: number,
): Battery | null {
  if (flags & 128) return null;
  const plugged = acLine === 1;
  const charging = (flags & 8) !== 0;
  let secsleft = lifeTime === 0xffffffff ? -1 : lifeTime;
  if (plugged || charging) secsleft = -2;
  return { percent, secsleft, powerPlugged: plugged };
}

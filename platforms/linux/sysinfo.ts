/**
 * libc `sysinfo(2)`: one syscall answering what /proc/loadavg and /proc/meminfo would, used where the roots are the
 * real ones (glibc's `getloadavg`, which psutil calls, is this same call).
 *
 * @module
 */
import type { LoadAvg } from "../../src/types.ts";
import { adapter } from "../../ffi/mod.ts";
import { offsetOf, sizeOf } from "../../ffi/struct.ts";
import { lastError, libcTable } from "./libc.ts";
import { sysinfo } from "./structs.ts";
import { LIBC_SYSINFO } from "./symbols.ts";

const SIZE = sizeOf(sysinfo, "lp64");
const LOADS = offsetOf(sysinfo, "loads", "lp64");
const TOTALSWAP = offsetOf(sysinfo, "totalswap", "lp64");
const FREESWAP = offsetOf(sysinfo, "freeswap", "lp64");
const MEM_UNIT = offsetOf(sysinfo, "mem_unit", "lp64");
/** `SI_LOAD_SHIFT`: the loads carry 16 fractional bits. */
const LOAD_SCALE = 1 << 16;

const buf = new Uint8Array(SIZE);
const view = new DataView(buf.buffer);

/** Whether libc can be called here (false under a runtime without FFI). */
export function hasSysinfo(): boolean {
  return adapter() !== null;
}

function call(): void {
  if (libcTable(LIBC_SYSINFO).sysinfo(buf) !== 0) throw lastError("sysinfo");
}

/** The 1, 5 and 15-minute load averages, exactly as glibc's `getloadavg` computes them. */
export function sysinfoLoadavg(): LoadAvg {
  call();
  return [
    Number(view.getBigUint64(LOADS, true)) / LOAD_SCALE,
    Number(view.getBigUint64(LOADS + 8, true)) / LOAD_SCALE,
    Number(view.getBigUint64(LOADS + 16, true)) / LOAD_SCALE,
  ];
}

/** Total and free swap in bytes (psutil's fallback when /proc/meminfo lacks the Swap lines). */
export function sysinfoSwap(): { total: number; free: number } {
  call();
  const unit = view.getUint32(MEM_UNIT, true);
  return {
    total: Number(view.getBigUint64(TOTALSWAP, true)) * unit,
    free: Number(view.getBigUint64(FREESWAP, true)) * unit,
  };
}

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
// The loads as 32-bit halves: a load average below 65536 fits the low half, which avoids a BigInt per value.
const words = new Uint32Array(buf.buffer);
let fn: ((info: Uint8Array) => number) | undefined;

/** Whether libc can be called here (false under a runtime without FFI). */
export function hasSysinfo(): boolean {
  return adapter() !== null;
}

function call(): void {
  fn ??= libcTable(LIBC_SYSINFO).sysinfo;
  if (fn(buf) !== 0) throw lastError("sysinfo");
}

function load(i: number): number {
  const w = (LOADS >> 2) + 2 * i; // little-endian: low word first
  return (words[w] + words[w + 1] * 2 ** 32) / LOAD_SCALE;
}

/** The 1, 5 and 15-minute load averages, exactly as glibc's `getloadavg` computes them. */
export function sysinfoLoadavg(): LoadAvg {
  call();
  return [load(0), load(1), load(2)];
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

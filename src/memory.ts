/**
 * Memory: physical memory and swap.
 *
 * @module
 */
import { need } from "./_backend.ts";
import type { SwapMemory, VirtualMemory } from "./types.ts";

let totalPhys: number | undefined;

/**
 * System memory in bytes (psutil: `virtual_memory`): `total`, `available`, `percent`, `used`, `free`, then on
 * Linux `active`, `inactive`, `buffers`, `cached`, `shared`, `slab`, with the formulas of procps' `free`.
 *
 * `available` is what can be given to processes without swapping (the kernel's `MemAvailable`, or psutil's
 * estimate of it on kernels older than 3.14); `percent` is `(total - available) / total`. The sum of `used` and
 * `available` does not necessarily equal `total`, and `cached` includes reclaimable slab.
 *
 * Availability: Linux.
 *
 * @tags allow-ffi
 * @throws {MalformedFileError} when /proc/meminfo cannot be parsed.
 * @example
 * ```ts
 * import { virtualMemory } from "../mod.ts";
 * const m = virtualMemory();
 * if (!(m.total > 0 && m.available <= m.total && m.percent >= 0 && m.percent <= 100)) throw new Error();
 * ```
 */
export function virtualMemory(): VirtualMemory {
  const vm = need("virtualMemory")();
  totalPhys = vm.total;
  return vm;
}

/**
 * Total physical memory in bytes, remembered from the last {@linkcode virtualMemory} call (psutil's
 * `_TOTAL_PHYMEM`), for `Process.memoryPercent`. Internal: not exported from `mod.ts`.
 *
 * @example
 * ```ts
 * import { totalPhysicalMemory, virtualMemory } from "./memory.ts";
 * if (totalPhysicalMemory() !== virtualMemory().total) throw new Error();
 * ```
 */
export function totalPhysicalMemory(): number {
  return totalPhys ?? virtualMemory().total;
}

/**
 * Swap in bytes (psutil: `swap_memory`): `total`, `used`, `free`, `percent` (`used / total`, one decimal, 0 without
 * swap), and `sin`/`sout`, the bytes swapped in and out since boot (cumulative; 0 where unknown).
 *
 * Availability: Linux.
 *
 * @tags allow-ffi
 * @throws {MalformedFileError} when /proc/meminfo or /proc/vmstat cannot be parsed.
 * @example
 * ```ts
 * import { swapMemory } from "../mod.ts";
 * const s = swapMemory();
 * if (!(s.used + s.free === s.total && s.sin >= 0)) throw new Error();
 * ```
 */
export function swapMemory(): SwapMemory {
  return need("swapMemory")();
}

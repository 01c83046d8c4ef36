/**
 * The C heap allocator of the running process (psutil 7.1: `heap_info`, `heap_trim`). The JavaScript heap is the
 * runtime's own; these report native allocations made through malloc (by the runtime, FFI libraries, tsutil).
 *
 * @module
 */
import { need } from "./_backend.ts";
import type { HeapInfo } from "./types.ts";

/**
 * Allocator statistics of this process's C heap (psutil: `heap_info`): bytes in use from the heap and arenas, and
 * bytes in mmap'd blocks.
 *
 * Availability: Linux (glibc ≥ 2.33, x86_64).
 *
 * @tags allow-ffi
 * @throws {UnsupportedError} on other platforms and architectures.
 * @example
 * ```ts
 * import { heapInfo } from "../mod.ts";
 * const h = heapInfo();
 * if (!(h.heapUsed > 0 && h.mmapUsed >= 0)) throw new Error();
 * ```
 */
export function heapInfo(): HeapInfo {
  return Object.freeze(need("heapInfo")());
}

/**
 * Asks the allocator to give free heap memory back to the OS (psutil: `heap_trim`; glibc `malloc_trim(0)`).
 *
 * Availability: Linux (glibc).
 *
 * @tags allow-ffi
 * @returns Whether any memory was released.
 * @example
 * ```ts
 * import { heapTrim } from "../mod.ts";
 * if (typeof heapTrim() !== "boolean") throw new Error();
 * ```
 */
export function heapTrim(): boolean {
  return need("heapTrim")();
}

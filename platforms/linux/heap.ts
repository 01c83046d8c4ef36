/**
 * The C heap of this process: glibc `mallinfo2` and `malloc_trim` (psutil 7.1's `heap_info` / `heap_trim`).
 *
 * @module
 */
import type { HeapInfo } from "../../src/types.ts";
import type { PlatformBackend } from "../backend.ts";
import { ARCH } from "../../ffi/mod.ts";
import { decode, sizeOf } from "../../ffi/struct.ts";
import { libcTable } from "./libc.ts";
import { LIBC_HEAP } from "./symbols.ts";
import { mallinfo2 } from "./structs.ts";

const SIZE = sizeOf(mallinfo2, "lp64");

/** The heap members of the Linux backend: heapInfo on x86_64 with glibc ≥ 2.33, heapTrim wherever glibc is. */
export function linuxHeap(): Pick<PlatformBackend, "heapInfo" | "heapTrim"> {
  const members: Pick<PlatformBackend, "heapInfo" | "heapTrim"> = {
    heapTrim(): boolean {
      const trim = libcTable(LIBC_HEAP).malloc_trim;
      if (trim === null) throw new TypeError("this C library has no malloc_trim (glibc only)");
      return trim(0) === 1;
    },
  };
  if (ARCH === "x86_64") {
    members.heapInfo = (): HeapInfo => {
      const info = libcTable(LIBC_HEAP).mallinfo2;
      if (info === null) throw new TypeError("this C library has no mallinfo2 (glibc 2.33 or later needed)");
      const buf = new Uint8Array(new ArrayBuffer(SIZE));
      info(buf);
      const mi = decode(mallinfo2, new DataView(buf.buffer), 0, "lp64");
      return { heapUsed: mi.uordblks, mmapUsed: mi.hblkhd };
    };
  }
  return members;
}

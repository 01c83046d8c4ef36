/**
 * Windows memory: GlobalMemoryStatusEx for RAM and the commit limit; the paging file's usage from its performance
 * counter (as psutil: the commit charge over-counts, since pages are charged before they are touched).
 *
 * @module
 */
import { decode, encode, sizeOf } from "../../ffi/struct.ts";
import type { SwapMemory, VirtualMemory } from "../../src/types.ts";
import type { PlatformBackend } from "../backend.ts";
import { MEMORYSTATUSEX } from "./structs.ts";
import { alloc, kernel32, lastError, viewOf } from "./_win32.ts";
import { queryCounterOnce } from "./pdh.ts";

/** Raw `GlobalMemoryStatusEx` figures, bytes. */
export function memoryStatus(): { totalPhys: number; availPhys: number; totalPageFile: number } {
  const size = sizeOf(MEMORYSTATUSEX, "llp64");
  const buf = alloc(size);
  encode(MEMORYSTATUSEX, { dwLength: size }, viewOf(buf), 0, "llp64");
  if (!kernel32().GlobalMemoryStatusEx(buf)) throw lastError("GlobalMemoryStatusEx");
  const m = decode(MEMORYSTATUSEX, viewOf(buf), 0, "llp64");
  return { totalPhys: m.ullTotalPhys, availPhys: m.ullAvailPhys, totalPageFile: m.ullTotalPageFile };
}

function percent(part: number, total: number): number {
  return total > 0 ? Math.round((part / total) * 1000) / 10 : 0;
}

/** The memory members of the Windows backend. */
export function windowsMemory(): Pick<PlatformBackend, "virtualMemory" | "swapMemory"> {
  return {
    virtualMemory(): VirtualMemory {
      const m = memoryStatus();
      const used = m.totalPhys - m.availPhys;
      return {
        total: m.totalPhys,
        available: m.availPhys,
        percent: percent(used, m.totalPhys),
        used,
        free: m.availPhys,
      };
    },
    swapMemory(): SwapMemory {
      const m = memoryStatus();
      // The commit limit is RAM plus paging files: the swap part is what exceeds RAM.
      const total = Math.max(0, m.totalPageFile - m.totalPhys);
      let pct = 0;
      let used = 0;
      if (total > 0) {
        pct = queryCounterOnce("\\Paging File(_Total)\\% Usage");
        used = Math.trunc(0.01 * pct * total);
      }
      return { total, used, free: total - used, percent: Math.round(pct * 10) / 10, sin: 0, sout: 0 };
    },
  };
}

/**
 * Linux memory: /proc/meminfo with psutil's formulas (those of procps' `free`), the `MemAvailable` estimate for
 * kernels older than 3.14 from /proc/zoneinfo, and swap in/out counters from /proc/vmstat.
 *
 * @module
 */
import type { SwapMemory, VirtualMemory } from "../../src/types.ts";
import type { PlatformBackend } from "../backend.ts";
import type { LinuxContext } from "./context.ts";
import { usagePercent } from "../../src/_percent.ts";
import { adapter } from "../../ffi/mod.ts";
import { SystemCallError } from "../../ffi/errors.ts";
import { MalformedFileError, text } from "./procfs/_parse.ts";
import { parseMeminfo } from "./procfs/meminfo.ts";
import { parseVmstatSwap } from "./procfs/vmstat.ts";
import { parseZoneinfoLow } from "./procfs/zoneinfo.ts";
import { libcIo } from "./libc.ts";
import { _SC_PAGESIZE } from "./symbols.ts";
import { hasSysinfo, sysinfoSwap } from "./sysinfo.ts";
import { catOrNull, rereader } from "./_cat.ts";

let pageSize: number | undefined;

/** The page size (`sysconf(_SC_PAGESIZE)`); 4096 only where libc cannot be called. */
function pagesize(): number {
  return pageSize ??= adapter() === null ? 4096 : libcIo().sysconf(_SC_PAGESIZE);
}

function required(mems: Map<string, number>, key: string, path: string): number {
  const v = mems.get(key);
  if (v === undefined) throw new MalformedFileError(path, `no ${key} line`);
  return v;
}

/**
 * psutil's `calculate_avail_vmem`: the kernel's `MemAvailable` formula (commit 34e431b0ae39) for kernels that do not
 * print it, from free memory, the file LRU lists, reclaimable slab and the zones' low watermarks; `free + cached`
 * when one of those is unknown. `zoneinfo` is the text of /proc/zoneinfo, `null` when it cannot be read.
 */
export function estimateAvailable(
  mems: Map<string, number>,
  zoneinfo: string | null,
  zoneinfoPath: string,
  pageBytes: number,
): number {
  const free = mems.get("MemFree") ?? 0;
  const fallback = free + (mems.get("Cached") ?? 0);
  const activeFile = mems.get("Active(file)");
  const inactiveFile = mems.get("Inactive(file)");
  const slabReclaimable = mems.get("SReclaimable");
  if (activeFile === undefined || inactiveFile === undefined || slabReclaimable === undefined) return fallback;
  if (zoneinfo === null) return fallback;
  const low = parseZoneinfoLow(zoneinfo, zoneinfoPath) * pageBytes;
  let avail = free - low;
  let pagecache = activeFile + inactiveFile;
  pagecache -= Math.min(pagecache / 2, low);
  avail += pagecache;
  avail += slabReclaimable - Math.min(slabReclaimable / 2, low);
  return Math.trunc(avail);
}

/** Applies psutil's `virtual_memory` formulas to parsed meminfo (and the estimate when MemAvailable is absent). */
export function virtualMemoryOf(mems: Map<string, number>, path: string, estimate: () => number): VirtualMemory {
  const total = required(mems, "MemTotal", path);
  const free = required(mems, "MemFree", path);
  const buffers = mems.get("Buffers") ?? 0;
  let cached = mems.get("Cached") ?? 0;
  // procps' free adds reclaimable slab to the cache (since procps-ng 3.3.10).
  if (mems.has("Cached")) cached += mems.get("SReclaimable") ?? 0;
  const shared = mems.get("Shmem") ?? mems.get("MemShared") ?? 0;
  const active = mems.get("Active") ?? 0;
  let inactive = mems.get("Inactive");
  if (inactive === undefined) {
    const dirty = mems.get("Inact_dirty");
    const clean = mems.get("Inact_clean");
    const laundry = mems.get("Inact_laundry");
    inactive = dirty !== undefined && clean !== undefined && laundry !== undefined ? dirty + clean + laundry : 0;
  }
  const slab = mems.get("Slab") ?? 0;
  let used = total - free - cached - buffers;
  // Negative in some containers (LXC) whose meminfo mixes the host's figures: fall back as psutil does.
  if (used < 0) used = total - free;
  let available = mems.get("MemAvailable") ?? estimate();
  if (available < 0) available = 0;
  if (available > total) available = free;
  return {
    total,
    available,
    percent: usagePercent(total - available, total),
    used,
    free,
    active,
    inactive,
    buffers,
    cached,
    shared,
    slab,
  };
}

/** The memory members of the Linux backend. */
export function linuxMemory(ctx: LinuxContext): Pick<PlatformBackend, "virtualMemory" | "swapMemory"> {
  const meminfo = `${ctx.procfs}/meminfo`;
  const zoneinfo = `${ctx.procfs}/zoneinfo`;
  const vmstat = `${ctx.procfs}/vmstat`;
  const readMeminfo = rereader(ctx, meminfo);
  const readVmstat = rereader(ctx, vmstat);
  return {
    virtualMemory(): VirtualMemory {
      const mems = parseMeminfo(text(readMeminfo()), meminfo);
      return virtualMemoryOf(
        mems,
        meminfo,
        () => estimateAvailable(mems, catOrNull(ctx, zoneinfo), zoneinfo, pagesize()),
      );
    },
    swapMemory(): SwapMemory {
      const mems = parseMeminfo(text(readMeminfo()), meminfo);
      let total = mems.get("SwapTotal");
      let free = mems.get("SwapFree");
      if (total === undefined || free === undefined) {
        // psutil asks sysinfo(2) then; that only describes this machine, so not for other roots.
        if (!ctx.live || !hasSysinfo()) throw new MalformedFileError(meminfo, "no SwapTotal/SwapFree lines");
        ({ total, free } = sysinfoSwap());
      }
      const used = total - free;
      // psutil sets sin/sout to 0 (with a RuntimeWarning) when /proc/vmstat or its counters are missing.
      let vm: string | null;
      try {
        vm = text(readVmstat());
      } catch (e) {
        if (!(e instanceof SystemCallError)) throw e;
        vm = null;
      }
      const { pswpin, pswpout } = vm === null ? { pswpin: null, pswpout: null } : parseVmstatSwap(vm, vmstat);
      const both = pswpin !== null && pswpout !== null;
      return {
        total,
        used,
        free,
        percent: usagePercent(used, total),
        sin: both ? pswpin * 4096 : 0,
        sout: both ? pswpout * 4096 : 0,
      };
    },
  };
}

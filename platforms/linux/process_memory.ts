/**
 * Linux per-process memory: statm figures, status extras (psutil 8.0's `memory_info_ex`), the smaps footprint
 * (uss, pss, swap; smaps_rollup first, smaps as fallback) and the mappings of `memoryMaps()`.
 *
 * @module
 */
import type { ProcessPart } from "./process.ts";
import type { LinuxProcState } from "./process.ts";
import { pageSize } from "./process.ts";
import { SystemCallError } from "../../ffi/errors.ts";
import { raiseIfZombie } from "./process_errors.ts";
import { MalformedFileError, text } from "./procfs/_parse.ts";
import { statusKb } from "./procfs/pid_status.ts";
import { parseSmapsEntries, parseSmapsFootprint, type SmapsEntry, type SmapsFootprint } from "./procfs/smaps.ts";
import type { ProcessMemoryInfo, ProcessMemoryMap } from "../../src/process_types.ts";

/** The memory members. */
export function memoryPart(st: LinuxProcState): ProcessPart {
  const memoryInfo = (): ProcessMemoryInfo =>
    st.wrap(() => {
      const m = st.statm();
      const p = pageSize();
      return {
        rss: m.resident * p,
        vms: m.size * p,
        shared: m.shared * p,
        text: m.text * p,
        lib: m.lib * p,
        data: m.data * p,
        dirty: m.dt * p,
      };
    });
  const footprint = (): SmapsFootprint =>
    st.wrap(() => {
      try {
        return parseSmapsFootprint(text(st.ctx.io.read(`${st.dir}/smaps_rollup`)));
      } catch (e) {
        // smaps_rollup refuses some live pids with ESRCH/ENOENT; smaps answers more often (psutil's fallback).
        if (!(e instanceof SystemCallError) || (e.code !== "ENOENT" && e.code !== "ESRCH")) throw e;
      }
      return parseSmapsFootprint(st.smaps());
    });
  return {
    memoryInfo,
    memoryInfoEx: () =>
      st.wrap(() => {
        const s = st.status();
        return {
          peakRss: statusKb(s, "VmHWM"),
          peakVms: statusKb(s, "VmPeak"),
          rssAnon: statusKb(s, "RssAnon"),
          rssFile: statusKb(s, "RssFile"),
          rssShmem: statusKb(s, "RssShmem"),
          swap: statusKb(s, "VmSwap"),
          hugetlb: statusKb(s, "HugetlbPages"),
        };
      }),
    memoryFootprint: footprint,
    memoryFullInfo: () => ({ ...memoryInfo(), ...footprint() }),
    memoryMaps: (grouped: boolean): ProcessMemoryMap[] =>
      st.wrap(() => {
        const path = `${st.dir}/smaps`;
        const data = st.smaps();
        if (data === "") {
          raiseIfZombie(st);
          return [];
        }
        let entries: SmapsEntry[];
        try {
          entries = parseSmapsEntries(data, path);
        } catch (e) {
          // smaps is generated piecewise while the address space changes under it: a torn read parses badly
          // now and then. Read once more before calling the file malformed.
          if (!(e instanceof MalformedFileError)) throw e;
          entries = parseSmapsEntries(st.smaps(true), path);
        }
        for (const e of entries) {
          if (e.path.endsWith(" (deleted)") && !st.ctx.io.exists(e.path)) e.path = e.path.slice(0, -10);
        }
        if (!grouped) return entries;
        const byPath = new Map<string, ProcessMemoryMap>();
        for (const e of entries) {
          const g = byPath.get(e.path);
          if (g === undefined) {
            byPath.set(e.path, {
              path: e.path,
              rss: e.rss,
              size: e.size,
              pss: e.pss,
              sharedClean: e.sharedClean,
              sharedDirty: e.sharedDirty,
              privateClean: e.privateClean,
              privateDirty: e.privateDirty,
              referenced: e.referenced,
              anonymous: e.anonymous,
              swap: e.swap,
            });
          } else {
            g.rss += e.rss;
            g.size! += e.size;
            g.pss! += e.pss;
            g.sharedClean! += e.sharedClean;
            g.sharedDirty! += e.sharedDirty;
            g.privateClean! += e.privateClean;
            g.privateDirty! += e.privateDirty;
            g.referenced! += e.referenced;
            g.anonymous! += e.anonymous;
            g.swap! += e.swap;
          }
        }
        return [...byPath.values()];
      }),
  };
}

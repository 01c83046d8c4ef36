/**
 * Tables and small helpers behind `Process`: attribute names, memtypes, connection kinds, psutil's repr time
 * format, and the physical memory total `memoryPercent` divides by.
 *
 * @module
 */
import type { ConnKind } from "../platforms/backend.ts";
import type { ProcessBackend } from "../platforms/process_backend.ts";
import { need } from "./_backend.ts";

/** Every attribute name `asDict` knows, in psutil 8.0's set, camelCased; filtered per platform by `Process.attrs`. */
export const PROCESS_ATTRS: readonly string[] = Object.freeze([
  "cmdline",
  "cpuAffinity",
  "cpuNum",
  "cpuPercent",
  "cpuTimes",
  "createTime",
  "cwd",
  "environ",
  "exe",
  "gids",
  "ioCounters",
  "ionice",
  "memoryFootprint",
  "memoryInfo",
  "memoryInfoEx",
  "memoryMaps",
  "memoryPercent",
  "name",
  "netConnections",
  "nice",
  "numCtxSwitches",
  "numFds",
  "numHandles",
  "numThreads",
  "openFiles",
  "pageFaults",
  "pid",
  "ppid",
  "status",
  "terminal",
  "threads",
  "uids",
  "username",
]);

/** The backend member each attribute needs (`null`: always available). */
export const ATTR_MEMBER: Readonly<Record<string, keyof ProcessBackend | null>> = {
  cmdline: "cmdline",
  cpuAffinity: "cpuAffinityGet",
  cpuNum: "cpuNum",
  cpuPercent: "cpuTimes",
  cpuTimes: "cpuTimes",
  createTime: "createTime",
  cwd: "cwd",
  environ: "environ",
  exe: "exe",
  gids: "gids",
  ioCounters: "ioCounters",
  ionice: "ioniceGet",
  memoryFootprint: "memoryFootprint",
  memoryInfo: "memoryInfo",
  memoryInfoEx: "memoryInfo",
  memoryMaps: "memoryMaps",
  memoryPercent: "memoryInfo",
  name: "name",
  netConnections: "netConnections",
  nice: "niceGet",
  numCtxSwitches: "numCtxSwitches",
  numFds: "numFds",
  numHandles: "numHandles",
  numThreads: "numThreads",
  openFiles: "openFiles",
  pageFaults: "pageFaults",
  pid: null,
  ppid: "ppid",
  status: "status",
  terminal: "terminal",
  threads: "threads",
  uids: "uids",
  username: "username",
};

/** Checks `attrs` against `valid` (plus the deprecated `memoryFullInfo`); returns them in the given order. */
export function checkAttrs(attrs: readonly string[], valid: readonly string[]): string[] {
  if (!Array.isArray(attrs)) throw new TypeError(`invalid attrs type ${typeof attrs}`);
  const bad = attrs.filter((a) => !valid.includes(a) && a !== "memoryFullInfo");
  if (bad.length > 0) {
    throw new TypeError(`invalid attr name${bad.length > 1 ? "s" : ""} ${bad.map((b) => `"${b}"`).join(", ")}`);
  }
  return [...new Set(attrs)];
}

/** `memoryInfo()` field names (psutil's `pmem` on Linux). */
export const MEMTYPE_INFO: readonly string[] = ["rss", "vms", "shared", "text", "lib", "data", "dirty"];
/** `memoryInfoEx()` extra field names. */
export const MEMTYPE_INFO_EX: readonly string[] = [
  "peakRss",
  "peakVms",
  "rssAnon",
  "rssFile",
  "rssShmem",
  "swap",
  "hugetlb",
];
/** `memoryFootprint()` field names. */
export const MEMTYPE_FOOTPRINT: readonly string[] = ["uss", "pss", "swap"];

/** psutil's connection kinds. */
export const CONN_KINDS: readonly ConnKind[] = [
  "inet",
  "inet4",
  "inet6",
  "tcp",
  "tcp4",
  "tcp6",
  "udp",
  "udp4",
  "udp6",
  "unix",
  "all",
];

const two = (n: number): string => String(n).padStart(2, "0");

/** psutil's `_pprint_secs`: `HH:MM:SS` for today-ish times, `YYYY-MM-DD HH:MM:SS` beyond a day, local time. */
export function formatStarted(secs: number, now: number = Date.now() / 1000): string {
  const d = new Date(secs * 1000);
  const hms = `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
  if (Math.trunc(now - secs) < 86400) return hms;
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${hms}`;
}

let total: number | undefined;

/** Total physical memory in bytes, read once (psutil's `_TOTAL_PHYMEM`). */
export function totalPhysicalMemory(): number {
  if (total === undefined) {
    const t = need("virtualMemory", "memoryPercent")().total;
    if (!(t > 0)) throw new RangeError(`total physical memory is not positive (${t})`);
    total = t;
  }
  return total;
}

/**
 * Pure parsers for the cgroup files: /proc/<pid>/cgroup, the cgroup lines of mountinfo, and the controller files
 * of v2 (cpu.max, io.stat, flat-keyed *.stat) and v1 (blkio.throttle.*). Strings in, typed values out.
 *
 * @module
 */
import { MalformedFileError, num } from "./procfs/_parse.ts";

/** One line of /proc/<pid>/cgroup: `hierarchy-id:controller-list:path`. */
export interface ProcCgroupLine {
  /** Hierarchy id (0 for the v2 unified hierarchy). */
  id: number;
  /** Controllers bound to the hierarchy (empty for v2; `name=systemd` style names kept as written). */
  controllers: string[];
  /** The cgroup path. */
  path: string;
}

/** Parses /proc/<pid>/cgroup. */
export function parseProcCgroup(s: string, file: string): ProcCgroupLine[] {
  const out: ProcCgroupLine[] = [];
  for (const line of s.split("\n")) {
    if (line === "") continue;
    const a = line.indexOf(":");
    const b = a < 0 ? -1 : line.indexOf(":", a + 1);
    if (b < 0) throw new MalformedFileError(file, `line "${line}" is not id:controllers:path`);
    const list = line.slice(a + 1, b);
    out.push({
      id: num(line.slice(0, a), file, "hierarchy id"),
      controllers: list === "" ? [] : list.split(","),
      path: line.slice(b + 1),
    });
  }
  return out;
}

/** A cgroup filesystem mount from mountinfo. */
export interface CgroupMount {
  /** 1 (`cgroup`) or 2 (`cgroup2`). */
  version: 1 | 2;
  /** The mount's root inside the hierarchy (field 4), e.g. `/` or `/docker/abc`. */
  root: string;
  /** Where it is mounted. */
  mountpoint: string;
  /** For v1: the controllers in the super options (`cpu`, `cpuacct`, `name=systemd`…). Empty for v2. */
  controllers: string[];
}

/** Undoes mountinfo's octal escapes (`\040` for a space). */
function unescape(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}

const V1_OPTIONS = new Set(["rw", "ro", "noprefix", "xattr", "clone_children", "cpuset_v2_mode"]);

/** Parses the cgroup and cgroup2 mounts of a mountinfo file, in order. */
export function parseCgroupMounts(s: string, file: string): CgroupMount[] {
  const out: CgroupMount[] = [];
  for (const line of s.split("\n")) {
    if (line === "") continue;
    const sep = line.indexOf(" - ");
    if (sep < 0) throw new MalformedFileError(file, `line without " - " separator`);
    const left = line.slice(0, sep).split(" ");
    const right = line.slice(sep + 3).split(" ");
    const fstype = right[0];
    if (fstype !== "cgroup" && fstype !== "cgroup2") continue;
    if (left.length < 5) throw new MalformedFileError(file, "fewer than 5 fields before the separator");
    const controllers = fstype === "cgroup"
      ? (right[2] ?? "").split(",").filter((o) => o !== "" && !V1_OPTIONS.has(o) && !o.startsWith("release_agent="))
      : [];
    out.push({
      version: fstype === "cgroup2" ? 2 : 1,
      root: unescape(left[3]),
      mountpoint: unescape(left[4]),
      controllers,
    });
  }
  return out;
}

/** v1's "no limit" for memory is PAGE_COUNTER_MAX pages, which prints as about 2^63; anything this big is none. */
const V1_UNLIMITED = 2 ** 62;

/**
 * Parses a limit file: `max` → `Infinity`; v1's `-1` and ≥ 2^62 sentinels → `Infinity`; else the number.
 */
export function parseLimit(s: string, file: string): number {
  const t = s.trim();
  if (t === "max") return Infinity;
  const n = num(t, file, "limit");
  return n < 0 || n >= V1_UNLIMITED ? Infinity : n;
}

/** Parses v2 cpu.max: `$MAX $PERIOD` (`max 100000` → quota `Infinity`). */
export function parseCpuMax(s: string, file: string): { quota: number; period: number } {
  const [q, p] = s.trim().split(/\s+/);
  const quota = q === "max" ? Infinity : num(q, file, "quota");
  return { quota, period: p === undefined ? 100000 : num(p, file, "period") };
}

/** Parses a flat-keyed file (`key value` per line: cpu.stat, memory.stat, cpuacct.stat). */
export function parseFlatKeyed(s: string, file: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of s.split("\n")) {
    if (line === "") continue;
    const sp = line.indexOf(" ");
    if (sp <= 0) throw new MalformedFileError(file, `line "${line}" is not "key value"`);
    out.set(line.slice(0, sp), num(line.slice(sp + 1).trim(), file, line.slice(0, sp)));
  }
  return out;
}

/** Per-device counters of io.stat / blkio, keyed `major:minor`. */
export type IoCounters = Map<string, Map<string, number>>;

/** Parses v2 io.stat: `8:0 rbytes=1 wbytes=2 rios=3 wios=4 dbytes=0 dios=0` per line. */
export function parseIoStat(s: string, file: string): IoCounters {
  const out: IoCounters = new Map();
  for (const line of s.split("\n")) {
    const parts = line.trim().split(/\s+/);
    if (parts[0] === "") continue;
    const kv = new Map<string, number>();
    for (const p of parts.slice(1)) {
      const eq = p.indexOf("=");
      if (eq <= 0) throw new MalformedFileError(file, `field "${p}" is not key=value`);
      kv.set(p.slice(0, eq), num(p.slice(eq + 1), file, p.slice(0, eq)));
    }
    out.set(parts[0], kv);
  }
  return out;
}

/** Parses a v1 blkio.throttle.io_service_bytes/io_serviced file: `8:0 Read 123` lines, `Total N` at the end. */
export function parseBlkio(s: string, file: string): IoCounters {
  const out: IoCounters = new Map();
  for (const line of s.split("\n")) {
    const parts = line.trim().split(/\s+/);
    if (parts.length !== 3) continue; // the closing "Total N" line, or blank
    let kv = out.get(parts[0]);
    if (!kv) out.set(parts[0], kv = new Map());
    kv.set(parts[1], num(parts[2], file, `${parts[0]} ${parts[1]}`));
  }
  return out;
}

/** Expands a kernel CPU list (`0-3,8,10-11`) into ascending CPU numbers. */
export function parseCpuList(s: string, file: string): number[] {
  const out: number[] = [];
  for (const part of s.trim().split(",")) {
    if (part === "") continue;
    const [a, b] = part.split("-");
    const lo = num(a, file, "cpu");
    const hi = b === undefined ? lo : num(b, file, "cpu");
    for (let c = lo; c <= hi; c++) out.push(c);
  }
  return out;
}

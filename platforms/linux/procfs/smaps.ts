/**
 * Parsers for `/proc/<pid>/smaps` and `/proc/<pid>/smaps_rollup`: the footprint totals (uss, pss, swap) and the
 * per-mapping records of `memoryMaps()`.
 *
 * @module
 */
import { MalformedFileError } from "./_parse.ts";

/** uss (all `Private_*` lines), pss and swap, in bytes. */
export interface SmapsFootprint {
  /** Sum of Private_Clean, Private_Dirty, Private_Hugetlb, bytes. */
  uss: number;
  /** Sum of `Pss:`, bytes. */
  pss: number;
  /** Sum of `Swap:`, bytes. */
  swap: number;
}

function kbValue(line: string, from: number): number {
  let i = from;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  let v = 0;
  let any = false;
  for (; i < line.length; i++) {
    const c = line.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
    any = true;
  }
  return any ? v * 1024 : -1;
}

/**
 * Sums `Private_*`, `Pss:` and `Swap:` over a smaps or smaps_rollup file (the rollup holds one of each), as psutil
 * does. An empty file (kernel threads, zombies) gives zeros.
 *
 * @example
 * ```ts
 * import { parseSmapsFootprint } from "./smaps.ts";
 * const f = parseSmapsFootprint("x [rollup]\nPss: 8 kB\nPss_Anon: 4 kB\nPrivate_Clean: 1 kB\nPrivate_Dirty: 2 kB\nSwap: 3 kB\nSwapPss: 3 kB\n");
 * if (f.uss !== 3072 || f.pss !== 8192 || f.swap !== 3072) throw new Error();
 * ```
 */
export function parseSmapsFootprint(text: string): SmapsFootprint {
  let uss = 0;
  let pss = 0;
  let swap = 0;
  for (const line of text.split("\n")) {
    if (line.startsWith("Private")) {
      const colon = line.indexOf(":");
      const v = colon > 0 ? kbValue(line, colon + 1) : -1;
      if (v > 0) uss += v;
    } else if (line.startsWith("Pss:")) {
      const v = kbValue(line, 4);
      if (v > 0) pss += v;
    } else if (line.startsWith("Swap:")) {
      const v = kbValue(line, 5);
      if (v > 0) swap += v;
    }
  }
  return { uss, pss, swap };
}

/** One mapping of smaps, ungrouped; sizes in bytes (psutil: `pmmap_ext`). */
export interface SmapsEntry {
  /** `start-end`, hexadecimal. */
  addr: string;
  /** Permissions, e.g. `r-xp`. */
  perms: string;
  /** The mapped path, `[heap]`-like pseudo names, or `[anon]`. A ` (deleted)` suffix is kept here. */
  path: string;
  /** `Rss:`. */
  rss: number;
  /** `Size:`. */
  size: number;
  /** `Pss:`. */
  pss: number;
  /** `Shared_Clean:`. */
  sharedClean: number;
  /** `Shared_Dirty:`. */
  sharedDirty: number;
  /** `Private_Clean:`. */
  privateClean: number;
  /** `Private_Dirty:`. */
  privateDirty: number;
  /** `Referenced:`. */
  referenced: number;
  /** `Anonymous:`. */
  anonymous: number;
  /** `Swap:`. */
  swap: number;
}

const KEYS: Record<string, keyof SmapsEntry> = {
  "Rss": "rss",
  "Size": "size",
  "Pss": "pss",
  "Shared_Clean": "sharedClean",
  "Shared_Dirty": "sharedDirty",
  "Private_Clean": "privateClean",
  "Private_Dirty": "privateDirty",
  "Referenced": "referenced",
  "Anonymous": "anonymous",
  "Swap": "swap",
};

function header(line: string): SmapsEntry {
  // start-end perms offset dev inode [path]; the path is the rest of the line and may contain spaces.
  const f: string[] = [];
  let i = 0;
  while (f.length < 5) {
    while (i < line.length && line.charCodeAt(i) === 32) i++;
    const s = i;
    while (i < line.length && line.charCodeAt(i) !== 32) i++;
    f.push(line.slice(s, i));
  }
  const path = line.slice(i).trim();
  return {
    addr: f[0],
    perms: f[1],
    path: path === "" ? "[anon]" : path,
    rss: 0,
    size: 0,
    pss: 0,
    sharedClean: 0,
    sharedDirty: 0,
    privateClean: 0,
    privateDirty: 0,
    referenced: 0,
    anonymous: 0,
    swap: 0,
  };
}

/**
 * Parses smaps into one record per mapping. A line whose first word does not end in `:` starts a mapping;
 * `VmFlags:` and other non-numeric keys are skipped; a numeric key line before any mapping, or a key line with no
 * value, raises `MalformedFileError` naming `path`.
 *
 * @example
 * ```ts
 * import { parseSmapsEntries } from "./smaps.ts";
 * const [e] = parseSmapsEntries("00400000-00452000 r-xp 00000000 08:02 173521 /usr/bin/my prog\nRss: 4 kB\nVmFlags: rd ex\n", "smaps");
 * if (e.path !== "/usr/bin/my prog" || e.rss !== 4096) throw new Error();
 * ```
 */
export function parseSmapsEntries(text: string, path: string): SmapsEntry[] {
  const out: SmapsEntry[] = [];
  let cur: SmapsEntry | undefined;
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const sp = line.search(/[ \t]/);
    const first = sp < 0 ? line : line.slice(0, sp);
    if (!first.endsWith(":")) {
      cur = header(line);
      out.push(cur);
      continue;
    }
    const key = KEYS[first.slice(0, -1)];
    if (key === undefined) continue;
    if (cur === undefined) throw new MalformedFileError(path, `"${first}" before any mapping`);
    const v = kbValue(line, first.length);
    if (v < 0) throw new MalformedFileError(path, `cannot read line "${line}"`);
    (cur[key] as number) = v;
  }
  return out;
}

/**
 * Linux `diskIoCounters`: `<procfs>/diskstats`, or the `stat` files under `<sysfs>/block` when it is absent.
 *
 * @module
 */
import type { DiskIoCounters } from "../../src/types.ts";
import type { LinuxContext } from "./context.ts";
import { UnsupportedError } from "../../src/errors.ts";
import { SystemCallError } from "../../ffi/errors.ts";
import { text } from "./procfs/_parse.ts";
import { type DiskstatsEntry, parseBlockStat, parseDiskstats } from "./procfs/diskstats.ts";

function listOrEmpty(ctx: LinuxContext, path: string): string[] {
  try {
    return ctx.io.listDir(path);
  } catch (e) {
    if (e instanceof SystemCallError) return [];
    throw e;
  }
}

/** Counters from `<sysfs>/block/<dev>/stat` and each partition's `<sysfs>/block/<dev>/<part>/stat`. */
function fromSysfs(ctx: LinuxContext): DiskstatsEntry[] {
  const out: DiskstatsEntry[] = [];
  const root = `${ctx.sysfs}/block`;
  for (const dev of ctx.io.listDir(root)) {
    const stat = `${root}/${dev}/stat`;
    if (ctx.io.exists(stat)) out.push(parseBlockStat(text(ctx.io.read(stat)), dev, stat));
    for (const part of listOrEmpty(ctx, `${root}/${dev}`)) {
      // Partition directories are named after their disk (sda1, nvme0n1p1, mmcblk0p2).
      if (!part.startsWith(dev) || part === dev) continue;
      const p = `${root}/${dev}/${part}/stat`;
      if (ctx.io.exists(p)) out.push(parseBlockStat(text(ctx.io.read(p)), part, p));
    }
  }
  return out;
}

/**
 * Raw counters per device name. With `perdisk` false only whole devices are kept, so that summing does not count a
 * partition twice (psutil #1313).
 *
 * @throws {UnsupportedError} when neither `<procfs>/diskstats` nor `<sysfs>/block` exists.
 */
export function diskIoCounters(ctx: LinuxContext, perdisk: boolean): Map<string, DiskIoCounters> {
  const diskstats = `${ctx.procfs}/diskstats`;
  let entries: DiskstatsEntry[];
  let bytes: Uint8Array | null = null;
  try {
    bytes = ctx.io.read(diskstats);
  } catch (e) {
    if (!(e instanceof SystemCallError && e.code === "ENOENT")) throw e;
  }
  if (bytes !== null) entries = parseDiskstats(bytes, diskstats);
  else if (ctx.io.exists(`${ctx.sysfs}/block`)) entries = fromSysfs(ctx);
  else throw new UnsupportedError("diskIoCounters", "linux", `neither ${diskstats} nor ${ctx.sysfs}/block exists`);
  // psutil asks access("/sys/block/<name>") per line; one listing of the directory answers the same question for
  // every line at once (entries of <sysfs>/block are the whole devices).
  const devices = perdisk ? null : new Set(listOrEmpty(ctx, `${ctx.sysfs}/block`));
  const out = new Map<string, DiskIoCounters>();
  for (const e of entries) {
    if (devices !== null && !devices.has(e.name.replaceAll("/", "!"))) continue;
    out.set(e.name, {
      readCount: e.readCount,
      writeCount: e.writeCount,
      readBytes: e.readBytes,
      writeBytes: e.writeBytes,
      readTime: e.readTime,
      writeTime: e.writeTime,
      readMergedCount: e.readMergedCount,
      writeMergedCount: e.writeMergedCount,
      busyTime: e.busyTime,
    });
  }
  return out;
}

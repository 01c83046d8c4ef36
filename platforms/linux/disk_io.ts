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

/**
 * Whether `name` is a whole device ("sda", "nvme0n1", also virtual ones such as "loop0") rather than a partition
 * (psutil's `is_storage_device`): `<sysfs>/block/<name>` exists, a `/` in the name written as `!` (cciss/c0d0).
 */
export function isStorageDevice(ctx: LinuxContext, name: string): boolean {
  return ctx.io.exists(`${ctx.sysfs}/block/${name.replaceAll("/", "!")}`);
}

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
  if (ctx.io.exists(diskstats)) entries = parseDiskstats(text(ctx.io.read(diskstats)), diskstats);
  else if (ctx.io.exists(`${ctx.sysfs}/block`)) entries = fromSysfs(ctx);
  else throw new UnsupportedError("diskIoCounters", "linux", `neither ${diskstats} nor ${ctx.sysfs}/block exists`);
  const out = new Map<string, DiskIoCounters>();
  for (const e of entries) {
    if (!perdisk && !isStorageDevice(ctx, e.name)) continue;
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

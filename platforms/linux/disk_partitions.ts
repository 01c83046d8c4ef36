/**
 * Linux `diskPartitions`: the mount table filtered by `/proc/filesystems`, as psutil's `disk_partitions`.
 *
 * @module
 */
import { catOrNull, listOrEmpty } from "./_cat.ts";
import type { DiskPartition } from "../../src/types.ts";
import type { LinuxContext } from "./context.ts";
import { text } from "./procfs/_parse.ts";
import { parseFilesystems, parseMounts } from "./procfs/mounts.ts";

/** `major:minor` of the filesystem mounted at `/`, from the last `/` line of `<procfs>/self/mountinfo`. */
function rootDevNumber(ctx: LinuxContext): string | null {
  const info = catOrNull(ctx, `${ctx.procfs}/self/mountinfo`);
  if (info === null) return null;
  let found: string | null = null;
  for (const line of info.split("\n")) {
    const f = line.split(" ");
    if (f.length > 4 && f[4] === "/") found = f[2];
  }
  return found;
}

/**
 * The real device behind `/dev/root` or `rootfs` (psutil's `RootFsDeviceFinder`): the device number of `/` looked
 * up in `<procfs>/partitions`, then `<sysfs>/dev/block/M:m/uevent`, then `<sysfs>/class/block/<name>/dev`.
 * On live roots the `/dev/<name>` path must exist, as psutil checks.
 */
export function findRootDevice(ctx: LinuxContext): string | null {
  const dev = rootDevNumber(ctx);
  if (dev === null) return null;
  const [major, minor] = dev.split(":");
  let name: string | null = null;
  const parts = catOrNull(ctx, `${ctx.procfs}/partitions`);
  if (parts !== null) {
    for (const line of parts.split("\n").slice(2)) {
      const f = line.trim().split(/\s+/);
      if (f.length >= 4 && f[0] === major && f[1] === minor && f[3] !== "") {
        name = f[3];
        break;
      }
    }
  }
  if (name === null) {
    const uevent = catOrNull(ctx, `${ctx.sysfs}/dev/block/${major}:${minor}/uevent`);
    const m = uevent === null ? null : /^DEVNAME=(.+)$/m.exec(uevent);
    if (m) name = m[1].trim();
  }
  if (name === null) {
    for (const b of listOrEmpty(ctx, `${ctx.sysfs}/class/block`)) {
      if (catOrNull(ctx, `${ctx.sysfs}/class/block/${b}/dev`)?.trim() === `${major}:${minor}`) {
        name = b;
        break;
      }
    }
  }
  if (name === null) return null;
  const path = `/dev/${name}`;
  return !ctx.live || ctx.io.exists(path) ? path : null;
}

/**
 * Mounted partitions. With `all` false, only those whose device is not empty and whose type `/proc/filesystems`
 * lists without `nodev` (plus zfs). The mount table is `/etc/mtab` when the roots are the live ones and it exists
 * (psutil #1307), else `<procfs>/self/mounts`.
 */
export function diskPartitions(ctx: LinuxContext, all: boolean): DiskPartition[] {
  const fstypes = parseFilesystems(text(ctx.io.read(`${ctx.procfs}/filesystems`)));
  const table = ctx.live && ctx.io.exists("/etc/mtab") ? "/etc/mtab" : `${ctx.procfs}/self/mounts`;
  const out: DiskPartition[] = [];
  let root: string | null | undefined;
  for (const m of parseMounts(text(ctx.io.read(table)))) {
    let device = m.device === "none" ? "" : m.device;
    if (device === "/dev/root" || device === "rootfs") {
      if (root === undefined) root = findRootDevice(ctx);
      device = root ?? device;
    }
    if (!all && (device === "" || !fstypes.has(m.fstype))) continue;
    out.push({ device, mountpoint: m.mountpoint, fstype: m.fstype, opts: m.opts });
  }
  return out;
}

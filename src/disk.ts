/**
 * Disks: usage.
 *
 * @module
 */
import { need } from "./_backend.ts";
import { checkPath } from "./_validate.ts";
import type { DiskUsage } from "./types.ts";

/**
 * Usage of the filesystem holding `path` (psutil: `disk_usage`). `percent` is `used / (used + free)`, rounded to
 * one decimal, so it matches `df` rather than `used / total`.
 *
 * Availability: Linux.
 *
 * @tags allow-ffi
 * @param path Any path on the filesystem.
 * @throws {SystemCallError} naming the path when it does not exist (`ENOENT`) or cannot be read.
 * @example
 * ```ts
 * import { diskUsage } from "../mod.ts";
 * const u = diskUsage("/");
 * if (!(u.total > 0 && u.percent >= 0 && u.percent <= 100)) throw new Error();
 * ```
 */
export function diskUsage(path: string): DiskUsage {
  return need("diskUsage")(checkPath(path));
}

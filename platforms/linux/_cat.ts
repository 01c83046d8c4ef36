/**
 * psutil's `cat`/`bcat` for small sysfs files: the whole text, or a fallback when the file cannot be read.
 *
 * @module
 */
import type { LinuxContext } from "./context.ts";
import { SystemCallError } from "../../ffi/errors.ts";
import { text } from "./procfs/_parse.ts";

/** The text of `path`, or `null` when it cannot be read (missing, unreadable, EIO from a driver), as psutil's fallback. */
export function catOrNull(ctx: LinuxContext, path: string): string | null {
  try {
    return text(ctx.io.read(path));
  } catch (e) {
    if (e instanceof SystemCallError) return null;
    throw e;
  }
}

/** The entries of directory `path`, or `[]` when it cannot be listed (as an empty `glob`). */
export function listOrEmpty(ctx: LinuxContext, path: string): string[] {
  // A missing directory is the common case on machines without sensors: one access(2) instead of an exception.
  if (!ctx.io.exists(path)) return [];
  try {
    return ctx.io.listDir(path);
  } catch (e) {
    if (e instanceof SystemCallError) return [];
    throw e;
  }
}

/**
 * A reader for one kernel file that is read again and again (/proc/stat, /proc/meminfo). On the live roots it keeps
 * one descriptor open and re-reads it with `pread` from offset 0, which makes procfs generate fresh contents; that
 * saves the path lookup of `open`, the costliest part of reading a small procfs file. Elsewhere (fixture trees, which
 * tests rewrite or delete) it opens the file each time. The bytes are valid until the next read through `ctx.io`.
 */
export function rereader(ctx: LinuxContext, path: string): () => Uint8Array {
  if (!ctx.live) return () => ctx.io.read(path);
  let fd = -1;
  return (): Uint8Array => {
    if (fd < 0) fd = ctx.io.openFd(path);
    try {
      return ctx.io.preadAll(fd, path);
    } catch (e) {
      ctx.io.closeFd(fd);
      fd = -1;
      throw e;
    }
  };
}

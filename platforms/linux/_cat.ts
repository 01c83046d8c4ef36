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

/**
 * The entries of directory `path`, or `[]` when it cannot be listed (as an empty `glob`). `oftenMissing` first asks
 * access(2), cheaper than the exception of a failed open, for directories that many machines lack (hwmon in VMs).
 */
export function listOrEmpty(ctx: LinuxContext, path: string, oftenMissing = false): string[] {
  if (oftenMissing && !ctx.io.exists(path)) return [];
  try {
    return ctx.io.listDir(path);
  } catch (e) {
    if (e instanceof SystemCallError) return [];
    throw e;
  }
}

/** Descriptors kept open on live kernel files, per reader, shared by every backend on the live roots. */
const liveFds = new WeakMap<LinuxContext["io"], Map<string, number>>();

/**
 * A reader for one kernel file that is read again and again (/proc/stat, /proc/meminfo). On the live roots it keeps
 * one descriptor open (one per file for the whole process, however many backends `configure()` creates) and re-reads
 * it with `pread` from offset 0, which makes procfs generate fresh contents; that saves the path lookup of `open`,
 * the costliest part of reading a small procfs file. Elsewhere (fixture trees, which tests rewrite or delete) it
 * opens the file each time. The bytes are valid until the next read through `ctx.io`.
 */
export function rereader(ctx: LinuxContext, path: string): () => Uint8Array {
  if (!ctx.live) return () => ctx.io.read(path);
  const io = ctx.io;
  let fds = liveFds.get(io);
  if (fds === undefined) liveFds.set(io, fds = new Map());
  const open = fds;
  return (): Uint8Array => {
    let fd = open.get(path);
    if (fd === undefined) open.set(path, fd = io.openFd(path));
    try {
      return io.preadAll(fd, path);
    } catch (e) {
      open.delete(path);
      io.closeFd(fd);
      throw e;
    }
  };
}

/** Directory descriptors kept open on live kernel directories, per reader (see `relister`). */
const liveDirs = new WeakMap<LinuxContext["io"], Map<string, number>>();

/**
 * A lister for one kernel directory that is listed again and again (`/sys/class/power_supply`): on the live roots
 * it keeps the directory open and re-reads it from the start (`lseek` and one `getdents64`, instead of a path
 * lookup, two reads and a close); elsewhere, or without FFI, it lists the path each time. A directory that cannot
 * be opened lists as empty (as `listOrEmpty`) and is tried again on the next call.
 */
export function relister(ctx: LinuxContext, path: string): () => string[] {
  if (!ctx.live) return () => listOrEmpty(ctx, path);
  const io = ctx.io;
  let dirs = liveDirs.get(io);
  if (dirs === undefined) liveDirs.set(io, dirs = new Map());
  const open = dirs;
  return (): string[] => {
    let fd = open.get(path);
    if (fd === undefined) {
      try {
        fd = io.openDir(path);
      } catch (e) {
        if (e instanceof SystemCallError) return [];
        throw e;
      }
      if (fd < 0) return listOrEmpty(ctx, path);
      open.set(path, fd);
    }
    try {
      return io.relistDir(fd, path, true);
    } catch (e) {
      open.delete(path);
      io.closeFd(fd);
      if (e instanceof SystemCallError) return [];
      throw e;
    }
  };
}

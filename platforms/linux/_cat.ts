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
  try {
    return ctx.io.listDir(path);
  } catch (e) {
    if (e instanceof SystemCallError) return [];
    throw e;
  }
}

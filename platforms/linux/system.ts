/**
 * Linux system-wide facts: boot time.
 *
 * @module
 */
import type { PlatformBackend } from "../backend.ts";
import type { LinuxContext } from "./context.ts";
import { fields, MalformedFileError, num, text } from "./procfs/_parse.ts";
import { rereader } from "./_cat.ts";

/** Parses `btime` out of /proc/stat. */
export function parseBootTime(stat: string, path: string): number {
  const at = stat.startsWith("btime ") ? 0 : stat.indexOf("\nbtime ") + 1;
  if (at === 0 && !stat.startsWith("btime ")) throw new MalformedFileError(path, "no btime line");
  const end = stat.indexOf("\n", at);
  return num(fields(stat.slice(at, end === -1 ? undefined : end))[1], path, "btime");
}

/** The system members of the Linux backend. */
export function linuxSystem(ctx: LinuxContext): Pick<PlatformBackend, "bootTime"> {
  const path = `${ctx.procfs}/stat`;
  const read = rereader(ctx, path);
  return {
    bootTime(): number {
      return parseBootTime(text(read()), path);
    },
  };
}

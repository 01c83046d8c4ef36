/**
 * Linux system-wide facts: boot time.
 *
 * @module
 */
import type { PlatformBackend } from "../backend.ts";
import type { LinuxContext } from "./context.ts";
import { fields, MalformedFileError, num, text } from "./procfs/_parse.ts";

/** Parses `btime` out of /proc/stat. */
export function parseBootTime(stat: string, path: string): number {
  for (const line of stat.split("\n")) {
    if (line.startsWith("btime ")) return num(fields(line)[1], path, "btime");
  }
  throw new MalformedFileError(path, "no btime line");
}

/** The system members of the Linux backend. */
export function linuxSystem(ctx: LinuxContext): Pick<PlatformBackend, "bootTime"> {
  return {
    bootTime(): number {
      const path = `${ctx.procfs}/stat`;
      return parseBootTime(text(ctx.io.read(path)), path);
    },
  };
}

/**
 * Linux logged-in users: the `USER_PROCESS` records of the utmp file (utmp(5)), decoded with the `utmp` struct
 * descriptor, as glibc's `getutent` (which psutil calls) reads them.
 *
 * @module
 */
import type { User } from "../../src/types.ts";
import type { PlatformBackend } from "../backend.ts";
import type { LinuxContext } from "./context.ts";
import { decode, readFieldOf, sizeOf } from "../../ffi/struct.ts";
import { fromCString } from "../../ffi/cstring.ts";
import { SystemCallError } from "../../ffi/errors.ts";
import { utmp } from "./structs.ts";

/** `ut_type` of a login session (utmp.h). */
export const USER_PROCESS = 7;
/** Bytes per utmp record on 64-bit glibc. */
export const UTMP_SIZE: number = sizeOf(utmp, "lp64");

/**
 * The users of a utmp file's bytes: one per `USER_PROCESS` record, in file order. A trailing partial record is
 * ignored, as `getutent` does. An X display host (`:0`, `:0.0`) reads as `localhost`, an empty line as `null`.
 */
export function parseUtmp(bytes: Uint8Array): User[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: User[] = [];
  for (let off = 0; off + UTMP_SIZE <= bytes.length; off += UTMP_SIZE) {
    if (readFieldOf(utmp, "ut_type", view, off, "lp64") !== USER_PROCESS) continue;
    const u = decode(utmp, view, off, "lp64");
    const host = fromCString(u.ut_host);
    const terminal = fromCString(u.ut_line);
    out.push({
      name: fromCString(u.ut_user),
      terminal: terminal === "" ? null : terminal,
      host: host === ":0" || host === ":0.0" ? "localhost" : host,
      started: u.ut_tv.tv_sec,
      pid: u.ut_pid,
    });
  }
  return out;
}

/** The users member of the Linux backend. */
export function linuxUsers(ctx: LinuxContext): Pick<PlatformBackend, "users"> {
  return {
    users(): User[] {
      // No utmp file (containers, minimal systems): nobody is logged in, as getutent reports.
      if (!ctx.io.exists(ctx.utmp)) return [];
      let bytes: Uint8Array;
      try {
        bytes = ctx.io.read(ctx.utmp);
      } catch (e) {
        if (e instanceof SystemCallError && e.code === "ENOENT") return [];
        throw e;
      }
      return parseUtmp(bytes);
    },
  };
}

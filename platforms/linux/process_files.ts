/**
 * Linux per-process descriptors: open regular files (with position, mode and flags from fdinfo), the fd count,
 * and socket connections (through the system backend's `netConnections(kind, pid)`).
 *
 * @module
 */
import type { ConnKind, PlatformBackend } from "../backend.ts";
import type { ProcessPart } from "./process.ts";
import type { LinuxProcState } from "./process.ts";
import type { ProcessOpenFile } from "../../src/process_types.ts";
import type { NetConnection } from "../../src/types.ts";
import { SystemCallError } from "../../ffi/errors.ts";
import { UnsupportedError } from "../../src/errors.ts";
import { raiseIfNotAlive } from "./process_errors.ts";
import { MalformedFileError, text } from "./procfs/_parse.ts";
import { isRegularFile } from "./process_native.ts";

/** `open()` flags → psutil's mode string (`r`, `w`, `a`, `r+`, `a+`). */
export function fileFlagsToMode(flags: number): string {
  const acc = flags & 3; // O_RDONLY 0, O_WRONLY 1, O_RDWR 2
  let mode = acc === 0 ? "r" : acc === 1 ? "w" : "w+";
  if (flags & 0o2000) mode = mode.replace("w", "a"); // O_APPEND
  return mode.replace("w+", "r+");
}

/** Reads `pos` and `flags` (octal) from an fdinfo file. */
export function parseFdinfo(data: string, path: string): { pos: number; flags: number } {
  const pos = /^pos:\s*(\d+)/m.exec(data);
  const flags = /^flags:\s*([0-7]+)/m.exec(data);
  if (!pos || !flags) throw new MalformedFileError(path, "no pos/flags lines");
  return { pos: Number(pos[1]), flags: parseInt(flags[1], 8) };
}

/** The descriptor members. */
export function filesPart(st: LinuxProcState, system: () => PlatformBackend): ProcessPart {
  return {
    numFds: () => st.wrap(() => st.ctx.io.listDir(`${st.dir}/fd`).length),
    openFiles: () =>
      st.wrap(() => {
        const out: ProcessOpenFile[] = [];
        let gone = false;
        for (const fd of st.ctx.io.listDir(`${st.dir}/fd`)) {
          let path: string;
          try {
            path = st.ctx.io.readlink(`${st.dir}/fd/${fd}`);
          } catch (e) {
            if (!(e instanceof SystemCallError)) throw e;
            if (e.code === "ENOENT" || e.code === "ESRCH") gone = true;
            else if (e.code !== "EINVAL" && e.code !== "ENAMETOOLONG") throw e;
            continue;
          }
          if (!path.startsWith("/") || !isRegularFile(path)) continue;
          const info = `${st.dir}/fdinfo/${fd}`;
          let data: string;
          try {
            data = text(st.ctx.io.read(info));
          } catch (e) {
            if (e instanceof SystemCallError && (e.code === "ENOENT" || e.code === "ESRCH")) {
              gone = true;
              continue;
            }
            throw e;
          }
          const { pos, flags } = parseFdinfo(data, info);
          out.push({ path, fd: Number(fd), position: pos, mode: fileFlagsToMode(flags), flags });
        }
        if (gone) raiseIfNotAlive(st);
        return out;
      }),
    netConnections: (kind: ConnKind): NetConnection[] => {
      const sys = system();
      if (typeof sys.netConnections !== "function") throw new UnsupportedError("netConnections", sys.os);
      return st.wrap(() => {
        const ret = sys.netConnections!(kind, st.pid);
        raiseIfNotAlive(st);
        return ret;
      });
    },
  };
}

/**
 * Linux pid listing and existence, from procfs.
 *
 * @module
 */
import type { PlatformBackend } from "../backend.ts";
import type { LinuxContext } from "./context.ts";
import { SystemCallError } from "../../ffi/errors.ts";
import { text } from "./procfs/_parse.ts";

/** The pid members of the Linux backend. */
export function linuxPids(ctx: LinuxContext): Pick<PlatformBackend, "pids" | "pidExists"> {
  const pids = (): number[] => ctx.io.listNumeric(ctx.procfs).sort((a, b) => a - b);
  return {
    pids,
    pidExists(pid: number): boolean {
      if (pid === 0) return pids().includes(0);
      // /proc/<tid> exists for threads too; a process is one whose Tgid is itself (as psutil checks).
      try {
        const status = text(ctx.io.read(`${ctx.procfs}/${pid}/status`));
        const m = /^Tgid:\s*(\d+)/m.exec(status);
        if (m) return Number(m[1]) === pid;
      } catch (e) {
        if (!(e instanceof SystemCallError)) throw e;
        if (e.code === "ENOENT" || e.code === "ESRCH") return false;
      }
      return pids().includes(pid);
    },
  };
}

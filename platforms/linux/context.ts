/**
 * What every Linux backend module shares: the configurable roots (psutil's `PROCFS_PATH`) and the file reader.
 *
 * @module
 */
import { type FileIO, fileIO } from "./fileio.ts";

/** Where the Linux backend finds the kernel's files. Agents in containers point these at the host's mounts. */
export interface LinuxRoots {
  /** procfs mount, default `/proc`. */
  procfs?: string;
  /** sysfs mount, default `/sys`. */
  sysfs?: string;
  /** utmp file, default `/var/run/utmp`. */
  utmp?: string;
}

/** Resolved roots plus the reader. */
export interface LinuxContext {
  readonly procfs: string;
  readonly sysfs: string;
  readonly utmp: string;
  readonly io: FileIO;
  /** Whether the roots are the real ones (libc calls like statvfs, or netlink, only make sense then). */
  readonly live: boolean;
}

/** Resolves `roots` against the defaults. */
export function linuxContext(roots: LinuxRoots = {}, io: FileIO = fileIO()): LinuxContext {
  const procfs = (roots.procfs ?? "/proc").replace(/\/+$/, "") || "/";
  const sysfs = (roots.sysfs ?? "/sys").replace(/\/+$/, "") || "/";
  const utmp = roots.utmp ?? "/var/run/utmp";
  return { procfs, sysfs, utmp, io, live: procfs === "/proc" && sysfs === "/sys" };
}

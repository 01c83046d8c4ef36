/**
 * The Linux backend: reads /proc and /sys under configurable roots and calls libc only where no file answers.
 * Each area module contributes its members; this file only assembles them.
 *
 * @module
 */
import type { PlatformBackend } from "../backend.ts";
import { linuxContext, type LinuxRoots } from "./context.ts";
import { linuxSystem } from "./system.ts";
import { linuxCpu } from "./cpu.ts";
import { linuxDisk } from "./disk.ts";
import { linuxPids } from "./pids.ts";

export type { LinuxRoots } from "./context.ts";

/** Creates a Linux backend reading the given roots (defaults: `/proc`, `/sys`). */
export function createLinuxBackend(roots: LinuxRoots = {}): PlatformBackend {
  const ctx = linuxContext(roots);
  return {
    os: "linux",
    ...linuxSystem(ctx),
    ...linuxCpu(ctx),
    ...linuxDisk(ctx),
    ...linuxPids(ctx),
  };
}

/**
 * The Linux backend: reads /proc and /sys under configurable roots and calls libc only where no file answers.
 * Each area module contributes its members; this file only assembles them.
 *
 * @module
 */
import type { PlatformBackend } from "../backend.ts";
import { linuxContext, type LinuxRoots } from "./context.ts";
import { linuxSystem } from "./system.ts";
import { linuxHeap } from "./heap.ts";
import { linuxCpu } from "./cpu.ts";
import { linuxCpuTimes } from "./cpu_times.ts";
import { linuxCpuFreq } from "./cpu_freq.ts";
import { linuxMemory } from "./memory.ts";
import { linuxSensors } from "./sensors.ts";
import { linuxBattery } from "./sensors_battery.ts";
import { linuxUsers } from "./users.ts";
import { linuxDisk } from "./disk.ts";
import { linuxNet } from "./net.ts";
import { linuxPids } from "./pids.ts";
import { linuxCgroup } from "./cgroup.ts";
import { linuxPressure } from "./pressure.ts";
import { linuxGpu } from "./gpu.ts";
import { linuxProcesses } from "./process.ts";

export type { LinuxRoots } from "./context.ts";

/** Creates a Linux backend reading the given roots (defaults: `/proc`, `/sys`). */
export function createLinuxBackend(roots: LinuxRoots = {}): PlatformBackend {
  const ctx = linuxContext(roots);
  const backend: PlatformBackend = {
    os: "linux",
    ...linuxSystem(ctx),
    ...linuxHeap(),
    ...linuxCpu(ctx),
    ...linuxCpuTimes(ctx),
    ...linuxCpuFreq(ctx),
    ...linuxMemory(ctx),
    ...linuxSensors(ctx),
    ...linuxBattery(ctx),
    ...linuxUsers(ctx),
    ...linuxDisk(ctx),
    ...linuxNet(ctx),
    ...linuxPids(ctx),
    ...linuxCgroup(ctx),
    ...linuxPressure(ctx),
    ...linuxGpu(ctx),
    ...linuxProcesses(ctx, () => backend),
  };
  return backend;
}

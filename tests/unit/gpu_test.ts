import { after, test } from "node:test";
import assert from "node:assert/strict";
import { createLinuxBackend } from "../../platforms/linux/mod.ts";
import { setBackend } from "../../src/_backend.ts";
import { gpus, NoSuchProcess, processGpuUsage, TsutilError } from "../../mod.ts";
import { parseDrmFdinfo } from "../../platforms/linux/gpu_drm.ts";
import { fixture } from "../_helpers.ts";
import { linuxContext } from "../../platforms/linux/context.ts";
import { readGpus, readProcessGpuUsage } from "../../platforms/linux/gpu.ts";
import type { Gpu } from "../../mod.ts";

function use(name: string): void {
  setBackend(createLinuxBackend({ procfs: fixture(`linux/${name}/proc`), sysfs: fixture(`linux/${name}/sys`) }));
}
after(() => setBackend(undefined));

const KiB = 1024;
const MiB = 1024 * KiB;

test("gpus() reads an amdgpu card from sysfs: load, VRAM, hwmon temperature, power and clocks", () => {
  use("gpu_amdgpu");
  const list = gpus();
  assert.equal(list.length, 1, "card0-DP-1 and renderD128 are not cards");
  const { processes, ...g } = list[0];
  assert.deepEqual(g, {
    index: 0,
    name: "AMD Radeon RX 6800 XT",
    vendor: "amd",
    driver: "amdgpu",
    busId: "0000:03:00.0",
    utilization: 37,
    memoryUtilization: 12,
    memoryUsed: 1073741824,
    memoryTotal: 17163091968,
    temperature: 54,
    power: 45,
    clockGraphics: 2100,
    clockMemory: 1000,
  });
  // fds 5 and 6 are one client (id 54): counted once; fd 7 is client 55
  assert.equal(processes.length, 2);
  const [a, b] = processes;
  assert.equal(a.pid, 1234);
  assert.deepEqual(a.memoryRegions, { vram: 512 * MiB, gtt: 2 * MiB, cpu: 0 });
  assert.equal(a.memory, 514 * MiB);
  assert.deepEqual(a.engines.gfx, { busyTime: 1.5, cycles: null, totalCycles: null, capacity: 1 });
  assert.equal(a.engines.compute.busyTime, 0.25);
  assert.equal(a.smUtilization, null);
  assert.deepEqual(b.memoryRegions, { vram: 4 * MiB, gtt: MiB }, "drm-resident-* preferred over drm-total-*");
});

test("gpus() on i915 reads the actual GT frequency; an NVIDIA card without NVML is still listed", () => {
  use("gpu_i915");
  const [intel, nv] = gpus();
  assert.equal(intel.name, "Intel [8086:9a49]");
  assert.equal(intel.vendor, "intel");
  assert.equal(intel.driver, "i915");
  assert.equal(intel.clockGraphics, 1300);
  assert.equal(intel.utilization, null, "i915 has no busy-percent file: null, not 0");
  assert.equal(intel.memoryTotal, null);
  assert.equal(intel.temperature, null);
  assert.equal(intel.processes.length, 1);
  const p = intel.processes[0];
  assert.equal(p.pid, 2000);
  assert.deepEqual(p.memoryRegions, { system0: 2820 * KiB, "stolen-system0": 0 });
  assert.deepEqual(p.engines.video, { busyTime: 2, cycles: null, totalCycles: null, capacity: 2 });
  assert.equal(p.engines.render.busyTime, 0.014302617);
  assert.equal(p.engines["video-enhance"].busyTime, 0);
  assert.deepEqual([nv.index, nv.vendor, nv.name, nv.busId, nv.memoryTotal], [
    1,
    "nvidia",
    "NVIDIA [10de:2204]",
    "0000:01:00.0",
    null,
  ]);
});

test("gpus() on xe reads tile0/gt0 frequency and hwmon temp2; cycles per engine from fdinfo", () => {
  use("gpu_xe");
  const [g] = gpus();
  assert.equal(g.driver, "xe");
  assert.equal(g.clockGraphics, 2050);
  assert.equal(g.temperature, 48);
  assert.equal(g.power, null, "energy1_input only: no instantaneous power");
  const p = g.processes[0];
  assert.equal(p.pid, 3000);
  assert.deepEqual(p.engines.rcs, { busyTime: null, cycles: 28257900, totalCycles: 7655183225, capacity: 1 });
  assert.equal(p.engines.ccs.capacity, 4);
  assert.deepEqual(p.memoryRegions, { system: 0, gtt: 192 * KiB, vram0: 23992 * KiB });
});

test("processGpuUsage() joins a process's DRM clients with their GPU; empty for a process with none", () => {
  use("gpu_amdgpu");
  const rows = processGpuUsage(1234);
  assert.equal(rows.length, 2);
  assert.deepEqual([rows[0].busId, rows[0].vendor, rows[0].driver, rows[0].memory], [
    "0000:03:00.0",
    "amd",
    "amdgpu",
    514 * MiB,
  ]);
  assert.deepEqual(processGpuUsage(99), []);
  assert.throws(() => processGpuUsage(4321), NoSuchProcess);
  assert.throws(() => processGpuUsage(-1), RangeError);
});

test("no GPU gives an empty list, never an error", () => {
  use("cgroup_none"); // a tree without /sys/class/drm
  assert.deepEqual(gpus(), []);
});

test("parseDrmFdinfo() ignores non-DRM files and rejects malformed DRM values", () => {
  assert.equal(parseDrmFdinfo("pos:\t0\nflags:\t02\n", "f"), null);
  assert.throws(
    () => parseDrmFdinfo("drm-driver:\ti915\ndrm-engine-render:\t12 ms\n", "/proc/1/fdinfo/4"),
    (e: unknown) => e instanceof TsutilError && /fdinfo\/4/.test(String(e)),
  );
  assert.throws(() => parseDrmFdinfo("drm-driver:\tx\ndrm-memory-vram:\t12 PiB\n", "f"), TsutilError);
  assert.throws(() => parseDrmFdinfo("drm-driver:\tx\ndrm-cycles-rcs:\tmany\n", "f"), TsutilError);
});

test("readGpus() puts NVML's GPUs first and drops the sysfs card NVML already covers", () => {
  const ctx = {
    ...linuxContext({ procfs: fixture("linux/gpu_i915/proc"), sysfs: fixture("linux/gpu_i915/sys") }),
    live: true,
  };
  const nv: Gpu = {
    index: 0,
    name: "NVIDIA GeForce RTX 3090",
    vendor: "nvidia",
    driver: "nvidia",
    busId: "0000:01:00.0",
    utilization: 5,
    memoryUtilization: 1,
    memoryUsed: 1,
    memoryTotal: 2,
    temperature: 40,
    power: 30,
    clockGraphics: 210,
    clockMemory: 405,
    processes: [{
      pid: 2000,
      memory: 300,
      memoryRegions: {},
      engines: {},
      smUtilization: 3,
      memoryUtilization: 1,
      encoderUtilization: 0,
      decoderUtilization: 0,
    }],
  };
  const list = readGpus(ctx, () => [structuredClone(nv)]);
  assert.deepEqual(list.map((g) => [g.index, g.vendor, g.busId]), [[0, "nvidia", "0000:01:00.0"], [
    1,
    "intel",
    "0000:00:02.0",
  ]]);
  const usage = readProcessGpuUsage(ctx, 2000, () => [structuredClone(nv)]);
  assert.deepEqual(usage.map((u) => [u.vendor, u.memory, u.smUtilization]), [["nvidia", 300, 3], [
    "intel",
    2820 * KiB,
    null,
  ]]);
});

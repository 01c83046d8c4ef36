import { test } from "node:test";
import assert from "node:assert/strict";
import { createLinuxBackend } from "../../platforms/linux/mod.ts";
import { fixture } from "../_helpers.ts";
import { TsutilError } from "../../mod.ts";
import { countCpuList } from "../../platforms/linux/cpu.ts";
import { usageFromRaw } from "../../platforms/linux/disk.ts";

const noTopo = createLinuxBackend({
  procfs: fixture("linux/cpuinfo_no_topology/proc"),
  sysfs: fixture("linux/cpuinfo_no_topology/sys"),
});

test("cpuCountCores() falls back to /proc/cpuinfo physical id × cpu cores without sysfs topology", () => {
  assert.equal(noTopo.cpuCountCores!(), 4);
});

test("cpuCountLogical() counts cpuN lines of /proc/stat when sysfs has no online list", () => {
  assert.equal(noTopo.cpuCountLogical!(), 4);
});

test("cpuCount reads sysfs topology: 8 threads on 4 cores", () => {
  const b = createLinuxBackend({
    procfs: fixture("linux/cpuinfo_no_topology/proc"),
    sysfs: fixture("linux/topology_4c8t/sys"),
  });
  assert.equal(b.cpuCountLogical!(), 8);
  assert.equal(b.cpuCountCores!(), 4);
});

test("bootTime() and getloadavg() read the fixture's files", () => {
  assert.equal(noTopo.bootTime!(), 1700000000);
  assert.deepEqual(noTopo.getloadavg!(), [0.5, 0.25, 0.1]);
});

test("pids() lists numeric entries; pidExists() rejects thread ids and missing pids", () => {
  assert.deepEqual(noTopo.pids!(), [1, 42, 100]);
  assert.equal(noTopo.pidExists!(42), true);
  assert.equal(noTopo.pidExists!(100), false);
  assert.equal(noTopo.pidExists!(7), false);
});

test("malformed /proc files raise a TsutilError naming the file, never NaN", () => {
  const bad = createLinuxBackend({ procfs: fixture("linux/malformed/proc"), sysfs: fixture("linux/malformed/sys") });
  assert.throws(
    () => bad.bootTime!(),
    (e: unknown) => e instanceof TsutilError && /malformed\/proc\/stat/.test(e.message),
  );
  assert.throws(() => bad.getloadavg!(), (e: unknown) => e instanceof TsutilError && /loadavg/.test(e.message));
});

test("countCpuList handles ranges and singles", () => {
  assert.equal(countCpuList("0-3,8,10-11\n"), 7);
  assert.equal(countCpuList("0\n"), 1);
});

test("usageFromRaw applies psutil's formulas (percent of used + free, one decimal)", () => {
  assert.deepEqual(usageFromRaw({ total: 1000, availToRoot: 300, availToUser: 200 }), {
    total: 1000,
    used: 700,
    free: 200,
    percent: 77.8,
  });
  assert.equal(usageFromRaw({ total: 0, availToRoot: 0, availToUser: 0 }).percent, 0);
});

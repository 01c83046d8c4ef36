import { test } from "node:test";
import assert from "node:assert/strict";
import { cgroup, Process, processGpuUsage } from "../../mod.ts";
import { spawnSleeper } from "../_helpers.ts";

test("Process.cgroup() is cgroup(pid) for this process and for a child", async () => {
  const self = new Process();
  assert.deepEqual(self.cgroup()?.path, cgroup(process.pid)?.path);
  const child = await spawnSleeper();
  try {
    const p = new Process(child.pid);
    assert.equal(p.cgroup()?.path, cgroup(child.pid)?.path);
  } finally {
    await child.kill();
  }
});

test("Process.gpuUsage() and gpuMemory() agree with processGpuUsage(pid)", () => {
  const p = new Process();
  assert.deepEqual(p.gpuUsage(), processGpuUsage(process.pid));
  const sum = processGpuUsage(process.pid).reduce((s, u) => s + (u.memory ?? 0), 0);
  assert.equal(p.gpuMemory(), sum);
});

test("Process.close() and Symbol.dispose are idempotent and the object stays usable", () => {
  const p = new Process();
  p.close();
  p[Symbol.dispose]();
  assert.equal(p.pid, process.pid);
  assert.ok(p.isRunning());
  assert.equal(typeof p.name(), "string");
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { gpus, processGpuUsage } from "../../mod.ts";

// This VM has no GPU (and no NVIDIA driver): the fixtures in tests/unit/gpu_test.ts and
// tests/structs/nvml_structs_test.ts carry the amdgpu, i915, xe and NVML cases. On a machine with a GPU this
// test checks the shape of what the drivers report.
const cards = existsSync("/sys/class/drm") ? readdirSync("/sys/class/drm").filter((n) => /^card\d+$/.test(n)) : [];

test("gpus() lists every DRM card (and NVML's GPUs), each with sane figures; none gives []", () => {
  const list = gpus();
  assert.ok(list.length >= 0);
  if (cards.length === 0) {
    assert.ok(list.every((g) => g.vendor === "nvidia"), "without DRM cards only NVML can add GPUs");
  }
  list.forEach((g, i) => {
    assert.equal(g.index, i);
    assert.ok(g.name.length > 0);
    if (g.utilization !== null) assert.ok(g.utilization >= 0 && g.utilization <= 100);
    if (g.memoryTotal !== null && g.memoryUsed !== null) assert.ok(g.memoryUsed <= g.memoryTotal);
    if (g.busId !== null) assert.match(g.busId, /^[0-9a-f]{4,}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/);
  });
});

test("processGpuUsage() of this process is a list (empty: it opened no GPU)", () => {
  assert.deepEqual(processGpuUsage(), []);
  assert.deepEqual(processGpuUsage(1).filter((r) => r.memory !== null && r.memory < 0), []);
});

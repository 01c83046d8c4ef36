import { test } from "node:test";
import assert from "node:assert/strict";
import * as tsutil from "../../mod.ts";
import { near, psutil, skipWithoutPsutil } from "../_helpers.ts";

const skip = skipWithoutPsutil();

test("bootTime, cpuCount and pids match psutil", { skip }, () => {
  const py = psutil<{ boot: number; logical: number; cores: number | null; pids: number[] }>(
    `print(json.dumps({"boot": psutil.boot_time(), "logical": psutil.cpu_count(), "cores": psutil.cpu_count(False), "pids": psutil.pids()}))`,
  );
  assert.equal(tsutil.bootTime(), py.boot);
  assert.equal(tsutil.cpuCount(), py.logical);
  assert.equal(tsutil.cpuCount({ logical: false }), py.cores);
  // Processes come and go between the two listings: most must be shared.
  const ours = new Set(tsutil.pids());
  const shared = py.pids.filter((p) => ours.has(p)).length;
  assert.ok(shared >= py.pids.length - 5, `only ${shared} of ${py.pids.length} pids shared`);
});

test("getloadavg matches psutil within a small drift", { skip }, () => {
  const py = psutil<number[]>(`print(json.dumps(list(psutil.getloadavg())))`);
  const ours = tsutil.getloadavg();
  for (let i = 0; i < 3; i++) assert.ok(near(ours[i], py[i], { abs: 0.3 }), `${ours[i]} vs ${py[i]}`);
});

test("diskUsage('/') matches psutil (total exactly, used/free within 64 MiB)", { skip }, () => {
  const py = psutil<{ total: number; used: number; free: number; percent: number }>(
    `print(json.dumps(psutil.disk_usage("/")._asdict()))`,
  );
  const u = tsutil.diskUsage("/");
  assert.equal(u.total, py.total);
  assert.ok(near(u.used, py.used, { abs: 64 * 2 ** 20 }));
  assert.ok(near(u.free, py.free, { abs: 64 * 2 ** 20 }));
  assert.ok(near(u.percent, py.percent, { abs: 0.2 }));
});

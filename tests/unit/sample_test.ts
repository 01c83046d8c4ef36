import { after, test } from "node:test";
import assert from "node:assert/strict";
import { createLinuxBackend } from "../../platforms/linux/mod.ts";
import type { PlatformBackend, ProcessBackend } from "../../platforms/backend.ts";
import { setBackend } from "../../src/_backend.ts";
import { counterDelta, Sampler } from "../../src/_sampler.ts";
import { sample } from "../../mod.ts";
import { fixture } from "../_helpers.ts";

const t0 = createLinuxBackend({ procfs: fixture("linux/sample_t0/proc"), sysfs: fixture("linux/sample_t0/sys") });
const t1 = createLinuxBackend({ procfs: fixture("linux/sample_t1/proc"), sysfs: fixture("linux/sample_t1/sys") });
let now: PlatformBackend = t0;

/** A backend that reads the t0 tree or the t1 tree, whichever `now` names (processes included). */
const switching: PlatformBackend = {
  os: "linux",
  cpuTimes: () => now.cpuTimes!(),
  perCpuTimes: () => now.perCpuTimes!(),
  virtualMemory: () => now.virtualMemory!(),
  swapMemory: () => now.swapMemory!(),
  diskIoCounters: (perdisk: boolean) => now.diskIoCounters!(perdisk),
  netIoCounters: () => now.netIoCounters!(),
  pids: () => now.pids!(),
  process: (pid: number): ProcessBackend => ({
    pid,
    name: () => now.process!(pid).name!(),
    cpuTimes: () => now.process!(pid).cpuTimes!(),
  }),
};
after(() => setBackend(undefined));

test("Sampler turns two fixture instants one second apart into percentages and rates", () => {
  setBackend(switching);
  now = t0;
  let clock = 1_000_000;
  const s = new Sampler({ top: 2 }, () => clock);
  s.prime();
  now = t1;
  clock += 1000;
  const x = s.take();
  s.close();
  assert.equal(x.tick, 1);
  assert.equal(x.elapsed, 1);
  assert.equal(x.time, 1_001_000);
  assert.equal(x.cpuPercent, 25);
  assert.deepEqual(x.perCpuPercent, [80, 6.7]);
  assert.equal(x.memory!.total, 8000000 * 1024);
  assert.equal(x.swap!.total, 1000000 * 1024);
  assert.deepEqual(x.disks!.sda, {
    readBytes: 2048 * 512,
    writeBytes: 4096 * 512,
    readCount: 50,
    writeCount: 100,
    busyPercent: 50,
  });
  assert.ok("sda1" in x.disks!, "partitions are reported too");
  assert.deepEqual(x.nets!.eth0, {
    bytesSent: 100000,
    bytesRecv: 1000, // 4294967000 → 704 wrapped at 2^32
    packetsSent: 100,
    packetsRecv: 100,
    errin: 1,
    errout: 0,
    dropin: 0,
    dropout: 2,
  });
  assert.equal(x.nets!.lo.bytesRecv, 2000);
  assert.deepEqual(x.top, [
    { pid: 100, name: "busy", cpuPercent: 100 },
    { pid: 300, name: "some app", cpuPercent: 25 },
  ]);
});

test("Sampler leaves out what was turned off, and a process seen for the first time has no row yet", () => {
  setBackend(switching);
  now = t1;
  let clock = 0;
  const s = new Sampler({ percpu: false, disks: false, nets: false }, () => clock);
  s.prime();
  clock = 500;
  const x = s.take();
  assert.equal(x.perCpuPercent, null);
  assert.equal(x.disks, null);
  assert.equal(x.nets, null);
  assert.equal(x.top, null);
  assert.equal(x.elapsed, 0.5);
  assert.equal(x.cpuPercent, 0, "no change between identical readings");
  const withTop = new Sampler({ top: 3 }, () => clock);
  withTop.prime();
  clock = 1500;
  assert.deepEqual(withTop.take().top!.map((p) => p.cpuPercent), [0, 0, 0]);
  withTop.close();
});

test("a member the backend lacks gives null, not an error", () => {
  setBackend({ os: "linux", cpuTimes: () => t1.cpuTimes!(), virtualMemory: () => t1.virtualMemory!() });
  const s = new Sampler({ top: 1 });
  s.prime();
  const x = s.take();
  assert.equal(x.cpuPercent, 0);
  assert.equal(x.swap, null);
  assert.equal(x.disks, null);
  assert.equal(x.nets, null);
  assert.equal(x.top, null, "no pids/process members");
});

test("counterDelta() handles 32-bit wrap and treats a 64-bit counter going back as a reset", () => {
  assert.equal(counterDelta(10, 25), 15);
  assert.equal(counterDelta(2 ** 32 - 6, 4), 10);
  assert.equal(counterDelta(2 ** 40, 7), 7);
});

test("sample() yields count ticks on the fixture backend, ticks numbered from 1", async () => {
  setBackend(t1);
  const got: number[] = [];
  for await (const s of sample({ interval: 0.01, count: 3 })) {
    got.push(s.tick);
    assert.equal(s.cpuPercent, 0);
  }
  assert.deepEqual(got, [1, 2, 3]);
});

test("sample() stops on abort, even while waiting for the next tick", async () => {
  setBackend(t1);
  const ac = new AbortController();
  const got: number[] = [];
  const started = performance.now();
  setTimeout(() => ac.abort(), 50);
  for await (const s of sample({ interval: 30, signal: ac.signal })) got.push(s.tick);
  assert.deepEqual(got, [], "aborted during the first 30 s wait");
  assert.ok(performance.now() - started < 10_000, "returned on abort, not at the tick");
  const done = new AbortController();
  done.abort();
  for await (const _ of sample({ signal: done.signal })) assert.fail("already aborted: no tick");
});

test("sample() skips the ticks a slow consumer missed instead of bursting (absolute schedule)", async () => {
  setBackend(t1);
  const times: number[] = [];
  for await (const s of sample({ interval: 0.04, count: 4 })) {
    times.push(s.time);
    await new Promise((r) => setTimeout(r, 100)); // 2.5 intervals
  }
  for (let i = 1; i < times.length; i++) {
    assert.ok(times[i] - times[i - 1] >= 95, `tick ${i + 1} came ${times[i] - times[i - 1]} ms after the previous`);
  }
});

test("sample() checks its options", async () => {
  await assert.rejects(() => sample({ interval: 0 }).next(), RangeError);
  await assert.rejects(() => sample({ interval: -1 }).next(), RangeError);
  await assert.rejects(() => sample({ top: 1.5 }).next(), RangeError);
  await assert.rejects(() => sample({ count: -1 }).next(), RangeError);
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import { cgroup, containerMemory, cpuCount, pressure, UnsupportedError, usableCpuCount } from "../../mod.ts";
import { sleep } from "../_helpers.ts";

const selfCgroup = readFileSync("/proc/self/cgroup", "utf8");

test("cgroup() of this process matches /proc/self/cgroup and reads sane usage", () => {
  const cg = cgroup();
  if (cg === null) {
    assert.ok(!readFileSync("/proc/self/mountinfo", "utf8").includes(" - cgroup"), "null only without a mount");
    return;
  }
  for (const [name, c] of Object.entries(cg.controllers)) {
    const line = selfCgroup.split("\n").find((l) =>
      c.version === 2 ? l.startsWith("0::") : l.split(":")[1]?.split(",").includes(name)
    );
    assert.ok(line, `controller ${name} has a line in /proc/self/cgroup`);
    assert.equal(line.slice(line.indexOf(":", line.indexOf(":") + 1) + 1), c.path, name);
    assert.ok(existsSync(c.directory), `${c.directory} exists`);
  }
  if (cg.cpu.usage !== null) assert.ok(cg.cpu.usage > 0);
  if (cg.memory.current !== null) assert.ok(cg.memory.current > 0);
  if (cg.memory.max !== null) assert.ok(cg.memory.max > 0);
  assert.ok(Array.isArray(cg.cpu.cpuset) || cg.cpu.cpuset === null);
});

test("usableCpuCount() and containerMemory() are bounded by the host figures", () => {
  const n = usableCpuCount();
  assert.ok(n >= 1 && n <= cpuCount()!);
  const m = containerMemory();
  assert.ok(m.total > 0 && m.total <= m.hostTotal);
  assert.ok(m.available >= 0 && m.available <= m.total);
  assert.ok(m.used >= 0 && m.percent >= 0 && m.percent <= 100);
});

test("pressure() system-wide has the three resources, or raises UnsupportedError without PSI", () => {
  if (!existsSync("/proc/pressure/cpu")) {
    assert.throws(() => pressure(), UnsupportedError);
    return;
  }
  const p = pressure();
  for (const r of [p.cpu, p.memory, p.io]) {
    assert.ok(r.some !== null && r.some.avg10 >= 0 && r.some.avg10 <= 100 && r.some.total >= 0);
  }
  const raw = readFileSync("/proc/pressure/memory", "utf8");
  const total = Number(/^some .*total=(\d+)/m.exec(raw)![1]) / 1e6;
  assert.ok(p.memory.some!.total <= total + 1e-6, "memory total never runs ahead of the file read after it");
  assert.equal(p.irq === null, !existsSync("/proc/pressure/irq"));
});

// --- a cgroup of our own, with limits, holding a spawned sleeper ---

function mountOf(fstype: string, controller?: string): string | null {
  for (const line of readFileSync("/proc/self/mountinfo", "utf8").split("\n")) {
    const [left, right] = line.split(" - ");
    if (!right) continue;
    const [fs, , opts] = right.split(" ");
    if (fs !== fstype) continue;
    if (controller !== undefined && !opts.split(",").includes(controller)) continue;
    return left.split(" ")[4];
  }
  return null;
}

function v1Dir(controller: string): string | null {
  const mp = mountOf("cgroup", controller);
  if (mp === null) return null;
  const line = selfCgroup.split("\n").find((l) => l.split(":")[1]?.split(",").includes(controller));
  const path = line ? line.split(":")[2] : "/";
  return path === "/" ? mp : mp + path;
}

/** Root can create cgroups (Deno's node:fs access() checks mode bits only, so ask for uid 0 instead). */
function writable(dir: string | null): dir is string {
  return dir !== null && process.getuid?.() === 0 && existsSync(dir);
}

const cpuV1 = v1Dir("cpu");
const memV1 = v1Dir("memory");
const pidsV1 = v1Dir("pids");
const unified = mountOf("cgroup2");
const canV1 = writable(cpuV1) && writable(memV1) && writable(pidsV1);
const canV2 = writable(unified);

async function withSleeper(fn: (child: ChildProcess, made: string[]) => void): Promise<void> {
  const child = spawn("sleep", ["30"], { stdio: "ignore" });
  await new Promise((r) => child.once("spawn", r));
  const made: string[] = [];
  try {
    fn(child, made);
  } finally {
    const gone = new Promise((r) => child.once("exit", r));
    child.kill("SIGKILL");
    await gone;
    for (const dir of made.reverse()) {
      for (let i = 0; i < 50 && existsSync(dir); i++) {
        try {
          rmdirSync(dir);
        } catch {
          await sleep(20); // EBUSY until the dead task leaves the cgroup
        }
      }
    }
  }
}

function makeCgroup(dir: string, made: string[], files: Record<string, string>, pid: number): void {
  mkdirSync(dir);
  made.push(dir);
  for (const [f, v] of Object.entries(files)) writeFileSync(`${dir}/${f}`, v);
  writeFileSync(`${dir}/cgroup.procs`, String(pid));
}

test("cgroup() reads back the limits of a v1 cgroup this test creates (cpu, memory nested, pids)", {
  skip: canV1 ? false : "needs root and writable v1 cpu, memory and pids hierarchies",
}, async () => {
  await withSleeper((child, made) => {
    const pid = child.pid!;
    const name = `tsutil_test_${process.pid}`;
    makeCgroup(`${cpuV1}/${name}`, made, { "cpu.cfs_period_us": "100000", "cpu.cfs_quota_us": "50000" }, pid);
    // nested inside this process's own memory cgroup: the parent's (absent) limit and the child's both count
    makeCgroup(`${memV1}/${name}`, made, { "memory.limit_in_bytes": String(64 * 1024 * 1024) }, pid);
    makeCgroup(`${pidsV1}/${name}`, made, { "pids.max": "50" }, pid);
    const cg = cgroup(pid)!;
    assert.ok(cg.mode === "v1" || cg.mode === "hybrid");
    assert.equal(cg.controllers.cpu.directory, `${cpuV1}/${name}`);
    assert.equal(cg.cpu.quota, 50000);
    assert.equal(cg.cpu.period, 100000);
    assert.equal(cg.cpu.limit, 0.5);
    assert.equal(cg.memory.max, 64 * 1024 * 1024);
    assert.ok(cg.memory.current !== null && cg.memory.current >= 0);
    assert.equal(cg.pids.max, 50);
    assert.equal(cg.pids.current, 1);
    assert.equal(usableCpuCount(pid), 1);
    const m = containerMemory(pid);
    assert.equal(m.limited, true);
    assert.equal(m.total, 64 * 1024 * 1024);
    assert.ok(m.available <= m.total);
  });
});

test("cgroup() and pressure() follow a process moved into a new cgroup of the v2 hierarchy", {
  skip: canV2 ? false : "needs root and a writable cgroup v2 hierarchy",
}, async () => {
  await withSleeper((child, made) => {
    const pid = child.pid!;
    const name = `tsutil_test_v2_${process.pid}`;
    const controllers = readFileSync(`${unified}/cgroup.controllers`, "utf8").trim().split(/\s+/);
    const limits: Record<string, string> = {};
    if (controllers.includes("pids")) {
      writeFileSync(`${unified}/cgroup.subtree_control`, "+pids");
      limits["pids.max"] = "40";
    }
    makeCgroup(`${unified}/${name}`, made, limits, pid);
    const cg = cgroup(pid)!;
    assert.equal(cg.path, `/${name}`);
    assert.equal(cg.mountpoint, unified);
    if (limits["pids.max"]) assert.equal(cg.pids.max, 40);
    if (existsSync(`${unified}/${name}/cpu.pressure`)) {
      const p = pressure({ pid });
      assert.ok(p.cpu.some !== null && p.cpu.some.total >= 0);
      assert.deepEqual(Object.keys(pressure({ cgroup: `/${name}` })), ["cpu", "memory", "io", "irq"]);
    }
  });
});

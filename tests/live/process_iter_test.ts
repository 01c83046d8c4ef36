import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { AccessDenied, NoSuchProcess, Process, processIter } from "../../mod.ts";
import { spawnSleeper } from "../_helpers.ts";

test("processIter() keeps instances between calls, and cacheClear() forgets them", () => {
  processIter.cacheClear();
  const first = new Map([...processIter()].map((p) => [p.pid, p]));
  const second = new Map([...processIter()].map((p) => [p.pid, p]));
  const self = process.pid;
  assert.ok(first.has(self));
  assert.equal(second.get(self), first.get(self));
  processIter.cacheClear();
  const third = new Map([...processIter()].map((p) => [p.pid, p]));
  assert.notEqual(third.get(self), first.get(self));
  assert.ok(third.get(self)!.equals(first.get(self)!));
  processIter.cacheClear();
});

test("processIter({ attrs }) fills info; methods without arguments return the prefetched values", () => {
  const seen: number[] = [];
  for (const p of processIter({ attrs: ["pid", "name", "username"] })) {
    assert.deepEqual(Object.keys(p.info!).sort(), ["name", "pid", "username"]);
    assert.equal(p.info!.pid, p.pid);
    assert.equal(p.name(), p.info!.name);
    seen.push(p.pid);
  }
  assert.deepEqual(seen, [...seen].sort((a, b) => a - b));
  for (const p of processIter()) {
    assert.equal(p.info, null);
    break;
  }
  assert.throws(() => processIter({ attrs: ["bogus"] }).next(), TypeError);
  processIter.cacheClear();
});

test("processIter() drops a process that ended; the kept instance knows it is gone", async () => {
  const child = await spawnSleeper();
  const kept = [...processIter()].find((p) => p.pid === child.pid);
  assert.ok(kept);
  await child.kill();
  assert.equal([...processIter()].some((p) => p.pid === child.pid), false);
  assert.equal(kept.isRunning(), false);
  processIter.cacheClear();
});

test(
  "1,000 short-lived processes while scanning: only typed errors or adValue appear",
  { timeout: 180000 },
  async () => {
    const AD = Symbol("ad");
    // Four shells forking 250 short-lived processes each, in parallel.
    const loop = "i=0; while [ $i -lt 250 ]; do /bin/true & i=$((i+1)); done; wait";
    const script = `(${loop}) & (${loop}) & (${loop}) & (${loop}) & wait`;
    const spawner = spawn("/bin/sh", ["-c", script], { stdio: "ignore" });
    let running = true;
    spawner.once("exit", () => running = false);
    let scans = 0;
    let yielded = 0;
    // Everything but the whole-address-space and whole-socket-table walks (called below on some processes instead).
    const attrs = Process.attrs.filter((a) => !["memoryMaps", "netConnections", "memoryFootprint"].includes(a));
    const t0 = Date.now();
    try {
      while (running || scans < 2) {
        for (const p of processIter({ attrs, adValue: AD })) {
          yielded++;
          assert.ok(typeof p.info!.name === "string" || p.info!.name === AD);
          // Calls with arguments bypass the prefetched values and race with the process's end.
          const calls: (() => unknown)[] = [() => p.rlimit(7), () => p.nice(), () => p.ionice()];
          if (yielded % 10 === 0) calls.push(() => p.memoryMaps({ grouped: false }), () => p.memoryFootprint());
          for (const call of calls) {
            try {
              call();
            } catch (e) {
              assert.ok(e instanceof NoSuchProcess || e instanceof AccessDenied, `${p.pid}: ${e}`);
            }
          }
        }
        scans++;
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      spawner.kill("SIGKILL");
      processIter.cacheClear();
    }
    assert.ok(scans >= 2 && yielded > 0, `${scans} scans, ${yielded} processes in ${Date.now() - t0} ms`);
  },
);

test("processIter({ attrs }) gives kernel threads an empty cmdline, as the kernel does, and their names", (t) => {
  const kthreads: number[] = [];
  for (const p of processIter({ attrs: ["name", "cmdline"] })) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${p.pid}/stat`, "utf8");
    } catch {
      continue; // gone since
    }
    const flags = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[6]);
    if ((flags & 0x00200000) === 0) continue;
    kthreads.push(p.pid);
    assert.deepEqual(p.info!.cmdline, [], `cmdline of ${p.pid}`);
    assert.equal(typeof p.info!.name, "string");
    assert.ok((p.info!.name as string).length > 0);
  }
  if (kthreads.length === 0) t.skip("no kernel threads in this pid namespace (a container)");
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import v8 from "node:v8";
import vm from "node:vm";
import { AccessDenied, NoSuchProcess, TimeoutExpired } from "../../src/errors.ts";
import {
  IOPRIO_CLASS_BE,
  IOPRIO_CLASS_IDLE,
  IOPRIO_CLASS_NONE,
  RLIM_INFINITY,
  RLIMIT_NOFILE,
} from "../../src/constants.ts";
import { setPidfdEnabled } from "../../platforms/linux/pidfd.ts";
import { linuxContext } from "../../platforms/linux/context.ts";
import { linuxProcessControl, processIdentity } from "../../platforms/linux/process_control.ts";
import { child, control, reap, spawnUnmanaged, statOf, waitUntil } from "./_control_helpers.ts";

const isRoot = process.getuid?.() === 0;

test("terminate() and kill() reach an unmanaged child, and wait() peeks its exit code (-15, -9, 3)", async () => {
  const a = spawnUnmanaged(["sleep", "30"]);
  const b = spawnUnmanaged(["sleep", "30"]);
  const c = spawnUnmanaged(["sh", "-c", "exit 3"]);
  const [ca, cb, cc] = [control(a), control(b), control(c)];
  try {
    ca.terminate();
    cb.kill();
    assert.equal(await ca.wait(5), -15);
    assert.equal(await cb.wait(5), -9);
    assert.equal(await cc.wait(5), 3);
    // Peeked, not reaped: the status is still there for its owner.
    assert.equal(await ca.wait(0), -15);
  } finally {
    for (const h of [ca, cb, cc]) h.close();
    assert.equal(reap(a) & 0x7f, 15);
    assert.equal(reap(b) & 0x7f, 9);
    assert.equal((reap(c) >> 8) & 0xff, 3);
  }
});

test("wait() on a runtime-spawned child leaves reaping to the runtime, whose exit event still fires", async () => {
  const k = child(["sleep", "30"]);
  const h = control(k.pid);
  h.terminate();
  const code = await h.wait(5);
  // The runtime usually reaps first (null); when tsutil peeks first it sees -15. Either way nothing is stolen:
  assert.ok(code === null || code === -15, String(code));
  assert.deepEqual(await k.exit, [null, "SIGTERM"]);
  h.close();
});

test("wait(timeout) rejects with TimeoutExpired naming the pid, and wait(0) on a live process at once", async () => {
  const k = child(["sleep", "30"]);
  const h = control(k.pid);
  try {
    const t0 = performance.now();
    await assert.rejects(h.wait(0.15), (e: unknown) => e instanceof TimeoutExpired && e.pid === k.pid);
    assert.ok(performance.now() - t0 >= 140);
    await assert.rejects(h.wait(0), TimeoutExpired);
  } finally {
    h.kill();
    h.close();
    await k.exit;
  }
});

test("wait() does not block the event loop: timers keep firing while it waits", async () => {
  const k = child(["sleep", "0.4"]);
  const h = control(k.pid);
  let ticks = 0;
  const timer = setInterval(() => ticks++, 20);
  try {
    await h.wait(10);
  } finally {
    clearInterval(timer);
    h.close();
  }
  assert.ok(ticks >= 5, `only ${ticks} timer ticks in 400 ms`);
  await k.exit;
});

test("wait() on a pid that does not exist resolves null at once", async () => {
  const pid = spawnUnmanaged(["true"]);
  reap(pid);
  const h = control(pid);
  assert.equal(await h.wait(1), null);
  assert.equal(h.open(), false);
});

test("suspend() stops a busy child's CPU use and resume() restarts it", async () => {
  const pid = spawnUnmanaged(["sh", "-c", "while :; do :; done"]);
  const h = control(pid);
  try {
    h.open();
    h.suspend();
    assert.ok(await waitUntil(() => statOf(pid).state === "T"), "state T after suspend");
    const before = statOf(pid).ticks;
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(statOf(pid).ticks, before, "no CPU time while suspended");
    h.resume();
    assert.ok(await waitUntil(() => statOf(pid).state !== "T"), "not stopped after resume");
    assert.ok(await waitUntil(() => statOf(pid).ticks > before, 5000), "CPU time grows after resume");
  } finally {
    h.kill();
    await h.wait(5);
    h.close();
    reap(pid);
  }
});

test("nice, ionice, rlimit and cpuAffinity set and read back on a child", async () => {
  const k = child(["sleep", "30"]);
  const h = control(k.pid);
  try {
    h.open();
    h.niceSet(7);
    assert.equal(h.niceGet(), 7);
    h.ioniceSet(IOPRIO_CLASS_BE, 6);
    assert.deepEqual(h.ioniceGet(), { ioclass: IOPRIO_CLASS_BE, value: 6 });
    h.ioniceSet(IOPRIO_CLASS_IDLE, 0);
    assert.equal(h.ioniceGet().ioclass, IOPRIO_CLASS_IDLE);
    h.rlimitSet(RLIMIT_NOFILE, 128, 256);
    assert.deepEqual(h.rlimitGet(RLIMIT_NOFILE), [128, 256]);
    const cpus = h.cpuAffinityGet();
    assert.ok(cpus.length >= 1);
    h.cpuAffinitySet([cpus[0]]);
    assert.deepEqual(h.cpuAffinityGet(), [cpus[0]]);
    h.cpuAffinitySet([]); // [] means every eligible CPU, as psutil
    assert.deepEqual(h.cpuAffinityGet(), cpus);
  } finally {
    h.kill();
    h.close();
    await k.exit;
  }
});

test("RLIM_INFINITY round-trips as -1 (RLIMIT_CORE)", async () => {
  const k = child(["sleep", "30"]);
  const h = control(k.pid);
  try {
    h.rlimitSet(4, RLIM_INFINITY, RLIM_INFINITY);
    assert.deepEqual(h.rlimitGet(4), [-1, -1]);
    h.rlimitSet(4, 0, RLIM_INFINITY);
    assert.deepEqual(h.rlimitGet(4), [0, -1]);
  } finally {
    h.kill();
    h.close();
    await k.exit;
  }
});

test("bad arguments raise RangeError/TypeError as psutil raises ValueError/TypeError", async () => {
  const k = child(["sleep", "30"]);
  const h = control(k.pid);
  try {
    assert.throws(() => h.ioniceSet(IOPRIO_CLASS_NONE, 3), /accepts no value/);
    assert.throws(() => h.ioniceSet(IOPRIO_CLASS_IDLE, 1), RangeError);
    assert.throws(() => h.ioniceSet(IOPRIO_CLASS_BE, 8), /not in 0-7 range/);
    assert.throws(() => h.ioniceSet(IOPRIO_CLASS_BE, -1), RangeError);
    assert.throws(() => h.ioniceSet(5, 0), RangeError);
    assert.throws(() => h.ioniceSet(1.5, 0), TypeError);
    assert.throws(() => h.rlimitGet(16), RangeError);
    assert.throws(() => h.rlimitSet(RLIMIT_NOFILE, 5, 2), /exceeds the hard limit/);
    assert.throws(() => h.rlimitSet(RLIMIT_NOFILE, RLIM_INFINITY, 5), RangeError);
    assert.throws(() => h.rlimitSet(RLIMIT_NOFILE, -2, 5), RangeError);
    assert.throws(() => h.niceSet(1.5), TypeError);
    assert.throws(() => h.sendSignal(65), RangeError);
    assert.throws(() => h.sendSignal(1.5), TypeError);
    const n = h.cpuAffinityGet().length;
    assert.throws(
      () => h.cpuAffinitySet([n + 100]),
      (e: unknown) => e instanceof RangeError && /choose between \[0/.test(e.message),
    );
    assert.throws(() => h.cpuAffinitySet([-1]), RangeError);
    assert.throws(() => h.cpuAffinitySet([0.5]), TypeError);
  } finally {
    h.kill();
    h.close();
    await k.exit;
  }
});

test("pid 0 is refused before any syscall could act on this process or its group", () => {
  const h = control(0);
  assert.throws(() => h.kill(), RangeError);
  assert.throws(() => h.sendSignal(0), RangeError);
  assert.throws(() => h.niceSet(1), NoSuchProcess); // nothing is pinned for pid 0
  assert.equal(h.open(), false);
  assert.throws(() => h.niceGet(), RangeError);
  assert.throws(() => h.rlimitGet(RLIMIT_NOFILE), RangeError);
  assert.throws(() => h.cpuAffinityGet(), RangeError);
});

test("a process that died and was reaped is never signalled through its pidfd: NoSuchProcess", async () => {
  const k = child(["sleep", "30"]);
  const h = control(k.pid);
  assert.equal(h.open(), true);
  h.kill();
  await k.exit; // the runtime reaped it: the pid is free for anyone now
  assert.throws(() => h.kill(), (e: unknown) => e instanceof NoSuchProcess && e.code === "ESRCH");
  assert.throws(() => h.niceSet(3), NoSuchProcess);
  h.close();
  h.close(); // idempotent
});

/** Starts sleepers until one gets `pid` (as root, through ns_last_pid); null when that cannot be arranged. */
function takePid(pid: number): number | null {
  if (!isRoot) return null;
  for (let i = 0; i < 30; i++) {
    try {
      writeFileSync("/proc/sys/kernel/ns_last_pid", String(pid - 1));
    } catch {
      return null;
    }
    const p = spawnUnmanaged(["sleep", "30"]);
    if (p === pid) return p;
    process.kill(p, "SIGKILL");
    reap(p);
  }
  return null;
}

for (const pidfd of [true, false]) {
  test(`a reused pid is never signalled (${pidfd ? "pidfd" : "kill(2) + start-time fallback"})`, {
    skip: isRoot ? false : "needs root to steer the next pid through /proc/sys/kernel/ns_last_pid",
  }, async (t) => {
    const was = setPidfdEnabled(pidfd);
    const first = spawnUnmanaged(["sleep", "30"]);
    const h = control(first);
    try {
      assert.equal(h.open(), true);
      process.kill(first, "SIGKILL");
      reap(first);
      await new Promise((r) => setTimeout(r, 30)); // a later clock tick, so start times differ
      const second = takePid(first);
      if (second === null) {
        t.skip("other processes kept taking the pid before the test could");
        return;
      }
      try {
        assert.throws(() => h.kill(), NoSuchProcess);
        assert.throws(() => h.niceSet(5), NoSuchProcess);
        assert.equal(statOf(second).state === "S" || statOf(second).state === "R", true, "the new owner lives");
        assert.equal(control(second).niceGet(), 0, "and was not reniced");
      } finally {
        process.kill(second, "SIGKILL");
        reap(second);
      }
    } finally {
      h.close();
      setPidfdEnabled(was);
    }
  });
}

test("the fallback without pidfds still signals, sets and waits", async () => {
  const was = setPidfdEnabled(false);
  try {
    const pid = spawnUnmanaged(["sleep", "30"]);
    const h = control(pid);
    assert.equal(h.open(), true);
    h.niceSet(4);
    assert.equal(h.niceGet(), 4);
    h.terminate();
    assert.equal(await h.wait(5), -15);
    h.close();
    reap(pid);
    assert.throws(() => h.kill(), NoSuchProcess);
  } finally {
    setPidfdEnabled(was);
  }
});

/** This process's open pidfds (their fdinfo has a `Pid:` line). */
function pidfds(): number {
  let n = 0;
  for (const fd of readdirSync("/proc/self/fdinfo")) {
    try {
      if (/^Pid:/m.test(readFileSync(`/proc/self/fdinfo/${fd}`, "utf8"))) n++;
    } catch {
      // closed meanwhile
    }
  }
  return n;
}

test("open() holds one pidfd and close() releases it", async () => {
  const k = child(["sleep", "30"]);
  const h = control(k.pid);
  try {
    const n0 = pidfds();
    h.open();
    h.open(); // idempotent
    assert.equal(pidfds(), n0 + 1);
    h.close();
    assert.equal(pidfds(), n0);
  } finally {
    k.proc.kill("SIGKILL");
    await k.exit;
  }
});

/** A forced garbage collection where the runtime lets a test ask for one (Deno via V8's flags), else null. */
function forcedGc(): (() => void) | null {
  try {
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as unknown;
    return typeof gc === "function" ? gc as () => void : null;
  } catch {
    return null;
  }
}

test("a handle dropped without close() has its pidfd closed by the FinalizationRegistry backstop", {
  skip: forcedGc() === null ? "this runtime offers tests no way to force a garbage collection" : false,
}, async () => {
  const gc = forcedGc()!;
  const k = child(["sleep", "30"]);
  try {
    const n0 = pidfds();
    (() => {
      control(k.pid).open();
    })();
    assert.equal(pidfds(), n0 + 1);
    for (let i = 0; i < 100 && pidfds() > n0; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(pidfds(), n0);
  } finally {
    k.proc.kill("SIGKILL");
    await k.exit;
  }
});

test("AccessDenied names the syscall when an unprivileged process signals pid 1 (skipped as root)", {
  skip: isRoot ? "runs as root, where nothing is denied: tests/live/process_unprivileged_test.ts covers it" : false,
}, () => {
  assert.throws(
    () => control(1).kill(),
    (e: unknown) => e instanceof AccessDenied && e.syscall === "pidfd_send_signal",
  );
});

test("control members are absent on fixture roots, so a fixture pid never reaches a real process", () => {
  const c = linuxProcessControl(processIdentity(linuxContext({ procfs: "/nonexistent/proc" }), 1));
  assert.equal(c.kill, undefined);
  assert.equal(c.wait, undefined);
});

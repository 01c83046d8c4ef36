import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "../../src/spawn.ts";
import { waitProcs } from "../../src/wait_procs.ts";
import { Process } from "../../src/process.ts";
import { ensureControlWired, reap, spawnUnmanaged } from "./_control_helpers.ts";

ensureControlWired();

test("waitProcs splits gone from alive at the timeout and calls back once per gone process", async () => {
  const quick = [spawn(["sh", "-c", "exit 4"]), spawn(["sleep", "30"])];
  const slow = spawn(["sleep", "30"]);
  quick[1].terminate();
  const seen: number[] = [];
  const [gone, alive] = await waitProcs([...quick, slow], {
    timeout: 0.5,
    callback: (p) => seen.push(p.pid),
  });
  try {
    assert.deepEqual(gone.map((p) => p.pid).sort(), quick.map((p) => p.pid).sort());
    assert.deepEqual(seen.sort(), quick.map((p) => p.pid).sort());
    assert.deepEqual(alive, [slow]);
    const codes = new Map(gone.map((p) => [p.pid, p.returncode]));
    assert.equal(codes.get(quick[0].pid), 4);
    assert.equal(codes.get(quick[1].pid), -15);
  } finally {
    slow.kill();
    await slow.wait();
  }
});

test("waitProcs without a timeout waits for all; timeout 0 only looks", async () => {
  const procs = [spawn(["sleep", "0.2"]), spawn(["sleep", "0.3"])];
  const [none, still] = await waitProcs(procs, { timeout: 0 });
  assert.equal(none.length, 0);
  assert.equal(still.length, 2);
  const [gone, alive] = await waitProcs(procs);
  assert.equal(alive.length, 0);
  assert.deepEqual(gone.map((p) => p.returncode), [0, 0]);
});

test("waitProcs on a plain Process of a child the runtime does not track: its exit code is peeked", async () => {
  const pid = spawnUnmanaged(["sleep", "30"]);
  const p = new Process(pid);
  p.kill();
  const [gone] = await waitProcs([p], { timeout: 5 });
  assert.equal(gone.length, 1);
  assert.equal(gone[0].returncode, -9);
  reap(pid);
});

test("waitProcs checks its arguments as psutil does", async () => {
  await assert.rejects(waitProcs([], { timeout: -1 }), RangeError);
  await assert.rejects(waitProcs([], { callback: 3 as unknown as () => void }), TypeError);
  assert.deepEqual(await waitProcs([]), [[], []]);
});

test("waitProcs on a process that is not a child: gone with returncode null once its parent reaps it", async () => {
  const sh = spawn(["sh", "-c", "sleep 30 & echo $!; wait; sleep 0.3"], { stdout: "pipe" });
  const line = await new Promise<string>((resolve) => sh.stdout!.once("data", (d: Uint8Array) => resolve(String(d))));
  const grandchild = new Process(Number(line.trim()));
  assert.equal(grandchild.ppid(), sh.pid);
  grandchild.kill();
  const [gone, alive] = await waitProcs([grandchild], { timeout: 5 });
  assert.equal(alive.length, 0);
  assert.equal(gone[0].returncode, null);
  assert.equal(await sh.wait({ timeout: 5 }), 0);
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { Popen, spawn } from "../../src/spawn.ts";
import { Process } from "../../src/process.ts";
import { NoSuchProcess, TimeoutExpired, TsutilError } from "../../src/errors.ts";
import { ensureControlWired, statOf, waitUntil } from "./_control_helpers.ts";

ensureControlWired();

test("spawn() children: terminate() gives -15, kill() -9, exit(3) gives 3", async () => {
  const a = spawn(["sleep", "30"]);
  const b = spawn(["sleep", "30"]);
  const c = spawn(["sh", "-c", "exit 3"]);
  assert.ok(a instanceof Process && a instanceof Popen);
  a.terminate();
  b.kill();
  assert.equal(await a.wait({ timeout: 5 }), -15);
  assert.equal(await b.wait({ timeout: 5 }), -9);
  assert.equal(await c.wait({ timeout: 5 }), 3);
  assert.deepEqual([a.returncode, b.returncode, c.returncode], [-15, -9, 3]);
  assert.equal(await a.wait(), -15, "wait() again returns the same code");
});

test("a spawn() child is a Process: its name, cmdline, ppid and status read through the Process API", async () => {
  const p = spawn(["sleep", "30"]);
  try {
    // Right after the start the child may not have exec'd yet (Bun's posix_spawn): wait for sleep's own cmdline.
    assert.ok(await waitUntil(() => p.cmdline().length === 2 && p.name() === "sleep"), "the child exec'd sleep");
    const cmd = p.cmdline(); // Deno passes the resolved path as argv[0]
    assert.ok(cmd[0].endsWith("sleep") && cmd[1] === "30" && cmd.length === 2, cmd.join(" "));
    assert.equal(p.ppid(), process.pid);
    assert.deepEqual(p.args, ["sleep", "30"]);
    p.suspend();
    assert.ok(await waitUntil(() => statOf(p.pid).state === "T"));
    p.resume();
  } finally {
    p.kill();
    await p.wait();
  }
});

test("Popen.wait({ timeout }) rejects with TimeoutExpired while the child runs", async () => {
  const p = spawn(["sleep", "30"]);
  try {
    await assert.rejects(p.wait({ timeout: 0.1 }), (e: unknown) => e instanceof TimeoutExpired && e.pid === p.pid);
    assert.equal(p.returncode, null);
    await assert.rejects(p.wait({ timeout: -1 }), RangeError);
  } finally {
    p.kill();
    assert.equal(await p.wait(), -9);
  }
});

test("pipes: communicate() writes stdin and collects stdout and stderr", async () => {
  const p = spawn(["sh", "-c", 'read x; echo "out:$x"; echo err >&2; exit 2'], {
    stdin: "pipe",
    stdout: "pipe",
    stderr: "pipe",
  });
  assert.ok(p.stdin !== null && p.stdout !== null && p.stderr !== null);
  const [out, err] = await p.communicate("hello\n", { timeout: 10 });
  assert.equal(out, "out:hello\n");
  assert.equal(err, "err\n");
  assert.equal(p.returncode, 2);
});

test("cwd and env reach the child", async () => {
  const p = spawn(["sh", "-c", 'echo "$PWD $TSUTIL_X"'], {
    cwd: "/tmp",
    env: { TSUTIL_X: "y", PATH: "/usr/bin:/bin" },
    stdout: "pipe",
  });
  const [out] = await p.communicate();
  assert.equal(out, "/tmp y\n");
});

test("await using closes the pipes and waits", async () => {
  let pid = 0;
  {
    await using p = spawn(["sh", "-c", "exit 0"], { stdout: "pipe" });
    pid = p.pid;
  }
  assert.throws(() => new Process(pid), NoSuchProcess);
});

test("signalling a spawn() child after it ended and was reaped raises NoSuchProcess", async () => {
  const p = spawn(["true"]);
  assert.equal(await p.wait(), 0);
  assert.throws(() => p.kill(), NoSuchProcess);
});

test("spawn() rejects bad argv and reports a program that cannot start", () => {
  assert.throws(() => spawn([]), TypeError);
  assert.throws(() => spawn([1 as unknown as string]), TypeError);
  assert.throws(() => spawn(["/no/such/program/tsutil"]), TsutilError);
});

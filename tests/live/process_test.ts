import { after, test } from "node:test";
import assert from "node:assert/strict";
import { closeSync, copyFileSync, mkdtempSync, openSync, readSync, realpathSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AccessDenied, NoSuchProcess, Process, STATUS_ZOMBIE, UnsupportedError, ZombieProcess } from "../../mod.ts";
import { spawnSleeper, spawnZombie, waitFor } from "../_helpers.ts";

const tmp = realpathSync(mkdtempSync(join(tmpdir(), "tsutil-proc-")));
after(() => rmSync(tmp, { recursive: true, force: true }));

test("new Process() is this process: pid, ppid, cwd, exe, cmdline, environ, createTime", () => {
  const p = new Process();
  assert.equal(p.pid, process.pid);
  assert.equal(p.ppid(), process.ppid);
  assert.equal(p.cwd(), process.cwd());
  assert.equal(p.exe(), realpathSync(process.execPath));
  assert.ok(p.cmdline().length >= 1);
  assert.equal(p.environ().PATH, process.env.PATH);
  const age = Date.now() / 1000 - p.createTime();
  assert.ok(age >= -1 && age < 3600, `age ${age}`);
  assert.ok(p.isRunning());
  assert.ok(p.equals(new Process(process.pid)));
  assert.match(String(p), new RegExp(`^tsutil\\.Process\\(pid=${process.pid}, name='[^']+', status='\\w+'`));
});

test("Process() rejects bad pids with built-in errors and unknown pids with NoSuchProcess", () => {
  assert.throws(() => new Process(-1), RangeError);
  assert.throws(() => new Process(1.5), TypeError);
  assert.throws(() => new Process("1" as unknown as number), TypeError);
  assert.throws(() => new Process(2 ** 31 + 5), NoSuchProcess);
  assert.throws(() => new Process(2 ** 22 + 12345), NoSuchProcess);
});

test("threads, numThreads, numFds, uids/gids/username, nice, cpuNum, terminal agree with this runtime", () => {
  const p = new Process();
  const threads = p.threads();
  assert.ok(threads.some((t) => t.id === process.pid));
  assert.ok(p.numThreads() >= 1);
  assert.ok(p.numFds() >= 3);
  const uid = process.getuid!();
  assert.equal(p.uids().real, uid);
  assert.equal(p.gids().real, process.getgid!());
  assert.equal(p.username(), uid === 0 ? "root" : p.username());
  assert.equal(typeof p.nice(), "number");
  assert.ok(p.cpuNum() >= 0);
  const t = p.terminal();
  assert.ok(t === null || t.startsWith("/dev/"));
});

test("openFiles() lists a file held open with its fd, position and mode", () => {
  const path = join(tmp, "held open.txt");
  const w = openSync(path, "w+");
  try {
    const buf = Buffer.from("hello world");
    readSync(w, buf, 0, 0, null);
    const files = new Process().openFiles();
    const f = files.find((x) => x.path === path);
    assert.ok(f, `not in ${JSON.stringify(files.map((x) => x.path))}`);
    assert.equal(f.fd, w);
    assert.equal(f.mode, "r+");
    assert.equal(f.position, 0);
  } finally {
    closeSync(w);
  }
  assert.equal(new Process().openFiles().some((x) => x.path === path), false);
});

test("netConnections('tcp') shows a listening socket; connections() is its alias; a bad kind is a TypeError", async () => {
  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  try {
    const port = (server.address() as { port: number }).port;
    const p = new Process();
    const found = await waitFor(() =>
      p.netConnections("tcp").find((c) => c.laddr && (c.laddr as { port: number }).port === port)
    );
    assert.equal(found.status, "LISTEN");
    assert.ok(p.connections("tcp").some((c) => (c.laddr as { port: number } | null)?.port === port));
    assert.throws(() => p.netConnections("bogus" as never), TypeError);
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
});

test("a spawned child: exact cmdline with spaces and empty args, cwd, environ, parent/children", async () => {
  const args = ["-c", "sleep 60; :", "argv0", "", "a b", " "];
  const child = await spawnSleeper({ cmd: "/bin/sh", args, cwd: tmp, env: { FOO: "bar baz", EMPTY: "" } });
  try {
    const p = new Process(child.pid);
    assert.deepEqual(p.cmdline(), ["/bin/sh", ...args]);
    assert.equal(p.cwd(), tmp);
    assert.deepEqual(p.environ(), { FOO: "bar baz", EMPTY: "", ...pick(p.environ(), ["PWD"]) });
    assert.equal(p.parent()?.pid, process.pid);
    assert.ok(new Process().children().some((c) => c.pid === child.pid));
    const grandchild = await waitFor(() => p.children()[0]);
    assert.equal(grandchild.name(), "sleep");
    const all = new Process().children({ recursive: true }).map((c) => c.pid);
    assert.ok(all.includes(child.pid) && all.includes(grandchild.pid));
    assert.deepEqual(grandchild.parents().slice(0, 2).map((x) => x.pid), [child.pid, process.pid]);
    assert.ok(["sleeping", "running"].includes(p.status()));
  } finally {
    await child.kill();
  }
});

function pick(o: Record<string, string>, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k]]));
}

test("a process that ended: isRunning() is false and reads raise NoSuchProcess", async () => {
  const child = await spawnSleeper();
  const p = new Process(child.pid);
  await child.kill();
  await waitFor(() => !p.isRunning());
  assert.equal(p.isRunning(), false);
  assert.throws(() => p.cmdline(), NoSuchProcess);
  assert.throws(() => p.memoryInfo(), NoSuchProcess);
  assert.throws(() => p.cpuTimes(), NoSuchProcess);
});

test("a zombie: status 'zombie', name and ppid readable, cmdline/exe/cwd raise ZombieProcess", async () => {
  const { holder, zombie } = await spawnZombie();
  try {
    const p = new Process(zombie);
    assert.equal(p.status(), STATUS_ZOMBIE);
    assert.equal(p.ppid(), holder.pid);
    assert.equal(p.name(), "sleep");
    assert.throws(() => p.cmdline(), ZombieProcess);
    assert.throws(() => p.exe(), ZombieProcess);
    assert.throws(() => p.cwd(), ZombieProcess);
    assert.throws(() => p.memoryMaps(), ZombieProcess);
    assert.ok(p.isRunning());
    const d = p.asDict({ attrs: ["pid", "status", "cmdline", "exe"], adValue: "AD" });
    assert.deepEqual(d, { pid: zombie, status: "zombie", cmdline: "AD", exe: "AD" });
    assert.match(String(p), /status='zombie'/);
  } finally {
    await holder.kill();
  }
});

test("a binary whose file name has non-ASCII characters: name, exe and cmdline come back intact", async () => {
  const bin = join(tmp, "slëep-ünï");
  copyFileSync("/bin/sleep", bin);
  const { chmodSync } = await import("node:fs");
  chmodSync(bin, 0o755);
  const child = await spawnSleeper({ cmd: bin, args: ["60"] });
  try {
    const p = new Process(child.pid);
    assert.equal(p.exe(), bin);
    assert.equal(p.cmdline()[0], bin);
    assert.equal(p.name(), "slëep-ünï");
  } finally {
    await child.kill();
  }
});

test("an argv[0] with invalid UTF-8 decodes with U+FFFD instead of failing", async () => {
  const child = await spawnSleeper({ cmd: "/bin/bash", args: ["-c", "exec -a $'\\xff-name' /bin/sleep 60"] }).catch(
    () => null,
  );
  if (child === null) return; // no bash on this machine: the case cannot be built
  try {
    const p = new Process(child.pid);
    await waitFor(() => p.cmdline()[0]?.endsWith("-name"));
    assert.equal(p.cmdline()[0], "\ufffd-name");
    assert.equal(p.name(), "sleep");
  } finally {
    await child.kill();
  }
});

test("oneshot() shares one read: values inside equal, nested scopes and async callbacks work", async () => {
  const p = new Process();
  const r = p.oneshot(() => {
    const a = p.cpuTimes();
    const b = p.oneshot(() => p.cpuTimes());
    return [a, b];
  });
  assert.deepEqual(r[0], r[1]);
  const m = await p.oneshot(async () => {
    await new Promise((res) => setTimeout(res, 5));
    return p.memoryInfo().rss;
  });
  assert.ok(m > 0);
});

test("cpuPercent(): 0 first, then a non-negative number; with an interval a Promise; negative interval rejected", async () => {
  const p = new Process();
  assert.equal(p.cpuPercent(), 0);
  let x = 0;
  for (let i = 0; i < 2e6; i++) x += i;
  assert.ok(x > 0 && p.cpuPercent() >= 0);
  const v = p.cpuPercent({ interval: 0.05 });
  assert.ok(v instanceof Promise);
  assert.ok((await v) >= 0);
  assert.throws(() => p.cpuPercent({ interval: -1 }), RangeError);
});

test("memoryPercent() accepts memoryInfo, memoryInfoEx and footprint fields; unknown memtype is a TypeError", () => {
  const p = new Process();
  const rss = p.memoryPercent();
  assert.ok(rss > 0 && rss < 100);
  assert.ok(p.memoryPercent("uss") > 0);
  assert.ok(p.memoryPercent("peakRss") >= rss * 0.5);
  assert.throws(() => p.memoryPercent("bogus"), TypeError);
});

test("asDict() reads all Process.attrs; psutil 8.0 names are present; bad names are TypeErrors", () => {
  const p = new Process();
  const d = p.asDict();
  for (const a of Process.attrs) assert.ok(a in d, a);
  assert.deepEqual(Object.keys(d), [...Process.attrs].sort());
  for (const a of ["memoryInfoEx", "memoryFootprint", "pageFaults", "netConnections"]) {
    assert.ok(Process.attrs.includes(a), a);
  }
  assert.equal(Process.attrs.includes("numHandles"), false);
  assert.throws(() => p.asDict({ attrs: ["nope"] }), TypeError);
  assert.throws(() => p.numHandles(), UnsupportedError);
});

test("pid 1: identity and tree readable, environ typed (AccessDenied or a record)", () => {
  const p = new Process(1);
  assert.equal(p.parent(), null);
  assert.ok(p.name().length > 0);
  try {
    assert.equal(typeof p.environ(), "object");
  } catch (e) {
    assert.ok(e instanceof AccessDenied);
  }
});

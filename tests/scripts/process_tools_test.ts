import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import * as tsutil from "../../mod.ts";
import { ok, reap, runScript, spawnNamed, uniqueName } from "./_run.ts";

const NAME = uniqueName("ps");
let child: ChildProcess;
let pid: number;

before(async () => {
  child = await spawnNamed(NAME);
  pid = child.pid!;
});
after(() => reap(child));

test("ps --json lists the test's child and this process with the library's values", () => {
  const list = JSON.parse(ok("ps.ts", ["--json"])) as Record<string, unknown>[];
  const mine = list.find((p) => p.pid === pid);
  assert.ok(mine, "child missing from ps --json");
  const p = new tsutil.Process(pid);
  assert.equal(mine.name, p.name());
  assert.equal(mine.ppid, process.pid);
  assert.deepEqual(mine.cmdline, p.cmdline());
  assert.equal(mine.username, p.username());
  assert.equal(mine.createTime, p.createTime());
  assert.ok(list.some((x) => x.pid === process.pid));
  const pids = list.map((x) => x.pid as number);
  assert.deepEqual(pids, [...pids].sort((a, b) => a - b));
});

test("ps prints an aligned table with the child's command and honours --user and --sort", () => {
  const out = ok("ps.ts", ["--user", new tsutil.Process(pid).username(), "--sort", "cpu"]);
  const lines = out.trimEnd().split("\n");
  assert.match(lines[0], /^USER\s+PID\s+%CPU\s+%MEM\s+VSZ\s+RSS\s+TTY\s+STATUS\s+START\s+TIME\s+COMMAND$/);
  const row = lines.find((l) => l.includes(`${NAME} 60`));
  assert.ok(row, "child row missing");
  const cells = row.trim().split(/\s+/);
  assert.equal(cells[1], String(pid));
  // PID is right-aligned under its header.
  assert.equal(row.indexOf(` ${pid} `) + pid.toString().length + 1, lines[0].indexOf("PID") + 3);
  const cpus = lines.slice(1).map((l) => Number(l.trim().split(/\s+/)[2]));
  assert.deepEqual(cpus, [...cpus].sort((a, b) => b - a));
  assert.equal(runScript("ps.ts", ["--sort", "bogus"]).status, 2);
});

test("pstree shows the child under this process; a subtree starts at the pid asked for", () => {
  const forest = JSON.parse(ok("pstree.ts", ["--json"]));
  type Node = { pid: number; name: string; children: Node[] };
  const find = (list: Node[], want: number): Node | undefined => {
    for (const n of list) {
      if (n.pid === want) return n;
      const hit = find(n.children, want);
      if (hit) return hit;
    }
  };
  const me = find(forest, process.pid);
  assert.ok(me, "this process missing from pstree");
  assert.ok(me.children.some((c) => c.pid === pid && c.name === "sleep"));
  assert.equal(ok("pstree.ts", [String(pid)]), `sleep(${pid})\n`);
  const text = ok("pstree.ts", [String(process.pid)]);
  assert.match(text, new RegExp(`^[|\` ]*- sleep\\(${pid}\\)$`, "m"));
  const none = runScript("pstree.ts", ["999999999"]);
  assert.equal(none.status, 1);
  assert.equal(none.stderr, "tsutil pstree: no process with pid 999999999\n");
});

test("pidof finds exactly the test's child by its name; exits 1 for none", () => {
  assert.equal(ok("pidof.ts", [NAME]), `${pid}\n`);
  assert.deepEqual(JSON.parse(ok("pidof.ts", [NAME, "--json"])), [pid]);
  const none = runScript("pidof.ts", [uniqueName("absent")]);
  assert.equal(none.status, 1);
  assert.equal(none.stdout, "");
  assert.equal(runScript("pidof.ts", []).status, 2);
});

test("procinfo reports the child as the library sees it", () => {
  const p = new tsutil.Process(pid);
  const d = JSON.parse(ok("procinfo.ts", [String(pid), "--json"]));
  assert.equal(d.pid, pid);
  assert.equal(d.ppid, process.pid);
  assert.equal(d.name, p.name());
  assert.deepEqual(d.cmdline, p.cmdline());
  assert.deepEqual(Object.keys(d).sort(), Object.keys(p.asDict()).sort());
  const text = ok("procinfo.ts", [String(pid)]);
  assert.match(text, new RegExp(`^pid\\s+${pid}$`, "m"));
  assert.match(text, /^name\s+sleep$/m);
  assert.match(text, new RegExp(`^parent\\s+${process.pid} \\(`, "m"));
  assert.match(text, new RegExp(`^cmdline\\s+${NAME} 60$`, "m"));
  assert.match(text, /^status\s+sleeping$/m);
});

test("process tools fail with one line and status 1 for an unknown pid, 2 for a bad one", () => {
  for (const tool of ["procinfo.ts", "pmap.ts"]) {
    const r = runScript(tool, ["999999999"]);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, `tsutil ${tool.replace(".ts", "")}: no process with pid 999999999\n`);
    const bad = runScript(tool, ["abc"]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /'abc' is not a pid/);
  }
});

test("pmap lists the child's maps with the library's addresses and a total", () => {
  const maps = new tsutil.Process(pid).memoryMaps({ grouped: false });
  const json = JSON.parse(ok("pmap.ts", [String(pid), "--json"])) as tsutil.ProcessMemoryMap[];
  assert.deepEqual(json.map((m) => m.addr), maps.map((m) => m.addr));
  const lines = ok("pmap.ts", [String(pid)]).trimEnd().split("\n");
  assert.equal(lines[0], `${pid}: ${NAME} 60`);
  assert.match(lines[1], /^ADDRESS\s+SIZE\s+RSS\s+MODE\s+MAPPING$/);
  assert.equal(lines.length, 2 + maps.length + 1);
  assert.match(lines.at(-1)!, /^total\s+\S+\s+\S+$/);
  assert.ok(lines.some((l) => /\s(r-xp|r--p)\s+\S*sleep$/.test(l)));
});

test("pmap on a process the OS hides says access denied and to use more privilege", () => {
  let denied = false;
  try {
    new tsutil.Process(1).memoryMaps();
  } catch (e) {
    denied = e instanceof tsutil.AccessDenied;
  }
  const r = runScript("pmap.ts", ["1"]);
  if (denied) {
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^tsutil pmap: access denied to pid 1 .*run with more privilege.*\n$/);
  } else assert.equal(r.status, 0);
});

test("procsmem lists the child with its USS, sorted biggest first", () => {
  const out = JSON.parse(ok("procsmem.ts", ["--json"]));
  const row = out.processes.find((r: { pid: number }) => r.pid === pid);
  assert.ok(row, "child missing from procsmem");
  const fp = new tsutil.Process(pid).memoryFootprint();
  assert.ok(tsutil.bytes2human(row.uss) === tsutil.bytes2human(fp.uss) || Math.abs(row.uss - fp.uss) < 64 * 1024);
  const uss = out.processes.map((r: { uss: number }) => r.uss);
  assert.deepEqual(uss, [...uss].sort((a: number, b: number) => b - a));
  const text = ok("procsmem.ts", ["--sort", "rss"]);
  assert.match(text, /^\s*PID\s+USER\s+USS\s+PSS\s+SWAP\s+RSS\s+COMMAND$/m);
  assert.match(text, /^\s+total\s/m);
  assert.ok(text.includes(`${NAME} 60`));
});

test("without --allow-ffi, a tool names the Deno flag it needs", () => {
  const r = runScript("ps.ts", [], { flags: [], runtime: "deno" });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^tsutil ps: .*--allow-ffi.*\n$/);
  assert.equal(r.stderr.split("\n").length, 2);
});

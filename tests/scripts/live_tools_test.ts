import { test } from "node:test";
import assert from "node:assert/strict";
import * as tsutil from "../../mod.ts";
import { ok, rowsAfter, runScript } from "./_run.ts";

test("top --once prints one frame: load, a bar per CPU, memory, and processes sorted by CPU", () => {
  const out = ok("top.ts", ["--once", "--interval", "0.2", "--limit", "5"]);
  const lines = out.trimEnd().split("\n");
  assert.match(lines[0], /^top - \d\d:\d\d:\d\d up .*, load average: \d+\.\d\d, \d+\.\d\d, \d+\.\d\d$/);
  const ncpu = tsutil.cpuCount()!;
  for (let i = 0; i < ncpu; i++) assert.match(out, new RegExp(`^CPU${i}\\s+\\[[| ]+\\]\\s+\\d+\\.\\d%$`, "m"));
  assert.match(out, /^Mem\s+\[[| ]+\]\s+\d+\.\d% \S+\/(\S+)$/m);
  assert.equal(/^Mem .*\/(\S+)$/m.exec(out)![1], tsutil.bytes2human(tsutil.virtualMemory().total));
  assert.match(out, /^Processes: \d+ total \(/m);
  const rows = rowsAfter(out, /^\s*PID\s+USER\s+NI\s+VIRT\s+RES\s+%CPU\s+%MEM\s+TIME\+\s+NAME$/);
  assert.equal(rows.length, 5);
  const cpu = rows.map((r) => Number(r[5]));
  assert.deepEqual(cpu, [...cpu].sort((a, b) => b - a));
  assert.ok(!out.includes("\x1b"), "escape codes in piped output");
});

test("top --iterations 2 prints two frames; bad options exit 2", () => {
  const out = ok("top.ts", ["--iterations", "2", "-n", "0.2", "-l", "1", "--sort", "mem"]);
  assert.equal(out.match(/^top - /gm)?.length, 2);
  assert.equal(runScript("top.ts", ["--iterations", "0"]).status, 2);
  assert.equal(runScript("top.ts", ["--interval", "-1"]).status, 2);
  assert.equal(runScript("top.ts", ["--sort", "x"]).status, 2);
});

test("nettop --iterations 1 lists every NIC of netIoCounters() with rates and totals", () => {
  const out = ok("nettop.ts", ["--iterations", "1", "-n", "0.2"]);
  const rows = rowsAfter(out, /^NIC\s+SENT\/s\s+RECV\/s/);
  const nics = Object.keys(tsutil.netIoCounters({ pernic: true }));
  assert.deepEqual(rows.map((r) => r[0]).sort(), ["total", ...nics].sort());
  assert.equal(rows[0][0], "total");
  for (const r of rows) {
    assert.match(r[1], /\/s$/);
    assert.match(r[2], /\/s$/);
  }
});

test("iotop --iterations 1 shows the system total and per-process rates", () => {
  const out = ok("iotop.ts", ["--iterations", "1", "-n", "0.2", "-l", "3"]);
  assert.match(out, /^Total DISK READ: (\S+\/s|-) \| Total DISK WRITE: (\S+\/s|-)$/m);
  const rows = rowsAfter(out, /^\s*PID\s+USER\s+DISK READ\s+DISK WRITE\s+COMMAND$/);
  assert.ok(rows.length <= 3);
  for (const r of rows) assert.ok(tsutil.pidExists(Number(r[0])) || Number(r[0]) > 0);
});

test("cpu_distribution --iterations 1 draws one bar per logical CPU", () => {
  const out = ok("cpu_distribution.ts", ["--iterations", "1", "-n", "0.2"]);
  const lines = out.trimEnd().split("\n");
  assert.equal(lines.length, tsutil.cpuCount());
  lines.forEach((l, i) => assert.match(l, new RegExp(`^CPU ${i}\\s+\\[[| ]+\\]\\s+\\d+\\.\\d%`)));
});

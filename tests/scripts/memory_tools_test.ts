import { test } from "node:test";
import assert from "node:assert/strict";
import * as tsutil from "../../mod.ts";
import { ok, runScript } from "./_run.ts";

test("free --json prints virtualMemory() and swapMemory() with the same fields and totals", () => {
  const out = JSON.parse(ok("free.ts", ["--json"]));
  const vm = tsutil.virtualMemory();
  const sw = tsutil.swapMemory();
  assert.deepEqual(Object.keys(out.virtualMemory), Object.keys(vm));
  assert.deepEqual(Object.keys(out.swapMemory), Object.keys(sw));
  assert.equal(out.virtualMemory.total, vm.total);
  assert.equal(out.swapMemory.total, sw.total);
});

test("free prints the Mem and Swap totals in human units, aligned under the header", () => {
  const lines = ok("free.ts").trimEnd().split("\n");
  assert.equal(lines.length, 3);
  assert.match(lines[0], /^\s+total\s+used\s+free\s+shared\s+buffers\s+cache\s+available$/);
  const mem = lines[1].split(/\s+/);
  assert.equal(mem[0], "Mem:");
  assert.equal(mem[1], tsutil.bytes2human(tsutil.virtualMemory().total));
  const swap = lines[2].split(/\s+/);
  assert.equal(swap[0], "Swap:");
  assert.equal(swap[1], tsutil.bytes2human(tsutil.swapMemory().total));
  // Right-aligned columns end where their header ends.
  assert.equal(lines[1].indexOf(mem[1]) + mem[1].length, lines[0].indexOf("total") + "total".length);
});

test("meminfo lists every virtualMemory() and swapMemory() field", () => {
  const out = ok("meminfo.ts");
  const vm = tsutil.virtualMemory();
  assert.match(out, /^MEMORY\n------\n/);
  assert.match(out, /\nSWAP\n----\n/);
  assert.match(out, new RegExp(`^Total\\s+${tsutil.bytes2human(vm.total).replace(".", "\\.")}$`, "m"));
  const memLines = out.split("\n\n")[0].split("\n").slice(2);
  assert.equal(memLines.length, Object.keys(vm).length);
  assert.deepEqual(JSON.parse(ok("meminfo.ts", ["--json"])).virtualMemory.total, vm.total);
});

test("free rejects an unknown option with one line and status 2", () => {
  const r = runScript("free.ts", ["--bogus"]);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /^tsutil free: .*--bogus.*\(try --help\)\n$/);
});

test("free --help prints the usage and exits 0", () => {
  assert.match(ok("free.ts", ["--help"]), /^usage: tsutil free/);
});

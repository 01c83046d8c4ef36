import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import * as tsutil from "../../mod.ts";
import { ROOT } from "../_helpers.ts";
import { ok, runScript } from "./_run.ts";

test("npm start's command runs the overview under deno run --allow-ffi and exits 0", () => {
  const start = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts.start as string;
  assert.match(start, /^deno run (--no-prompt )?--allow-ffi scripts\/overview\.ts$/);
  const r = spawnSync("sh", ["-c", start], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60_000,
    env: {
      ...process.env,
      NO_COLOR: "1",
      PATH: `${join(ROOT, "node_modules", ".bin")}${delimiter}${process.env.PATH}`,
    },
  });
  assert.equal(r.status, 0, r.stderr);
  const out = r.stdout;
  for (const title of ["CPU", "Memory", "Disks", "Network"]) assert.match(out, new RegExp(`^${title}$`, "m"));
  assert.match(out, /^Top 10 processes by CPU \(over 0\.5 s\)$/m);
  const s = {
    temperatures: tsutil.sensorsTemperatures(),
    fans: tsutil.sensorsFans(),
    battery: tsutil.sensorsBattery(),
  };
  const hasSensors = Object.keys(s.temperatures).length + Object.keys(s.fans).length > 0 || s.battery !== null;
  assert.equal(/^Sensors$/m.test(out), hasSensors);
  const ncpu = tsutil.cpuCount()!;
  for (let i = 0; i < ncpu; i++) assert.match(out, new RegExp(`^  cpu${i}\\s+\\[[| ]+\\]\\s+\\d+\\.\\d%$`, "m"));
  assert.match(out, new RegExp(`of ${tsutil.bytes2human(tsutil.virtualMemory().total).replace(".", "\\.")}, `));
  const procRows = out.split(/^Top 10 processes.*$/m)[1].trim().split("\n").slice(1);
  assert.equal(procRows.length, Math.min(10, tsutil.pids().length));
});

test("overview --json holds each section with the library's values", () => {
  const d = JSON.parse(ok("overview.ts", ["--json", "--interval", "0.2"]));
  assert.equal(d.bootTime, tsutil.bootTime());
  assert.equal(d.cpu.logical, tsutil.cpuCount());
  assert.equal(d.cpu.percpu.length, tsutil.cpuCount());
  assert.equal(d.virtualMemory.total, tsutil.virtualMemory().total);
  assert.equal(d.swapMemory.total, tsutil.swapMemory().total);
  assert.deepEqual(
    d.disks.map((x: { mountpoint: string }) => x.mountpoint),
    tsutil.diskPartitions().map((p) => p.mountpoint),
  );
  assert.deepEqual(Object.keys(d.network), Object.keys(d.network).sort());
  for (const nic of Object.keys(tsutil.netIfStats())) assert.ok(nic in d.network, `${nic} missing`);
  assert.deepEqual(d.sensors.temperatures, tsutil.sensorsTemperatures());
  assert.ok(d.processes.length <= 10);
  const cpu = d.processes.map((p: { cpuPercent: number }) => p.cpuPercent);
  assert.deepEqual(cpu, [...cpu].sort((a: number, b: number) => b - a));
  assert.equal(runScript("overview.ts", ["--interval", "0"]).status, 2);
});

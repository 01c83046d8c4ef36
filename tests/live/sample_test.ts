import { test } from "node:test";
import assert from "node:assert/strict";
import { cpuCount, sample } from "../../mod.ts";

test("sample() on this machine: CPU, memory, swap, disks, NICs and the top processes", async () => {
  const ticks = [];
  for await (const s of sample({ interval: 0.2, count: 2, top: 5 })) ticks.push(s);
  assert.equal(ticks.length, 2);
  const s = ticks[1];
  assert.ok(s.cpuPercent !== null && s.cpuPercent >= 0 && s.cpuPercent <= 100);
  assert.equal(s.perCpuPercent!.length, cpuCount());
  for (const p of s.perCpuPercent!) assert.ok(p >= 0 && p <= 100);
  assert.ok(s.memory!.total > 0 && s.swap!.total >= 0);
  assert.ok(s.elapsed > 0.1, `elapsed ${s.elapsed}`);
  assert.ok("lo" in s.nets!, "the loopback NIC");
  for (const r of Object.values(s.nets!)) assert.ok(r.bytesRecv >= 0 && r.bytesSent >= 0);
  for (const r of Object.values(s.disks!)) assert.ok(r.readBytes >= 0 && (r.busyPercent ?? 0) <= 100);
  assert.ok(s.top!.length >= 1 && s.top!.length <= 5);
  for (let i = 1; i < s.top!.length; i++) assert.ok(s.top![i - 1].cpuPercent >= s.top![i].cpuPercent);
  assert.ok(s.top!.every((p) => Number.isInteger(p.pid) && typeof p.name === "string" && p.cpuPercent >= 0));
});

test("sample() ranks a spinning child above a sleeping one", async () => {
  const { spawn } = await import("node:child_process");
  const spinner = spawn("sh", ["-c", "while :; do :; done"], { stdio: "ignore" });
  const sleeper = spawn("sleep", ["30"], { stdio: "ignore" });
  try {
    let spin = 0;
    let idle = 0;
    // top large enough to list every process: the machine may be busy with other work
    for await (const s of sample({ interval: 0.3, count: 3, top: 100_000, disks: false, nets: false })) {
      spin = Math.max(spin, s.top!.find((p) => p.pid === spinner.pid)?.cpuPercent ?? 0);
      idle = Math.max(idle, s.top!.find((p) => p.pid === sleeper.pid)?.cpuPercent ?? 0);
    }
    assert.ok(spin > 0 && spin > idle, `spinner ${spin}% vs sleeper ${idle}%`);
  } finally {
    spinner.kill("SIGKILL");
    sleeper.kill("SIGKILL");
  }
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createLinuxBackend } from "../../platforms/linux/mod.ts";
import { linuxContext } from "../../platforms/linux/context.ts";
import * as tsutil from "../../mod.ts";

// The real /proc and /sys reached through another spelling of the path: the backend then reads files where it
// would otherwise call sysinfo(2)/sysconf, so the two ways can be compared on this machine.
const viaFiles = createLinuxBackend({ procfs: "/proc/self/..", sysfs: "/sys/kernel/.." });

test("the default roots are live; another spelling of them is read as files", () => {
  assert.equal(linuxContext().live, true);
  assert.equal(linuxContext({ procfs: "/proc/self/.." }).live, false);
});

test("getloadavg() from sysinfo(2) agrees with /proc/loadavg's two decimals", () => {
  const ours = tsutil.getloadavg();
  const file = viaFiles.getloadavg!();
  for (let i = 0; i < 3; i++) assert.ok(Math.abs(ours[i] - file[i]) <= 0.011, `${ours[i]} vs ${file[i]}`);
});

test("cpuCount() from sysconf agrees with /sys/devices/system/cpu/online and the cpuN lines of /proc/stat", () => {
  assert.equal(tsutil.cpuCount(), viaFiles.cpuCountLogical!());
  assert.equal(tsutil.cpuTimes({ percpu: true }).length, tsutil.cpuCount());
});

test("cpuTimes() on this machine: the per-CPU records add up to the total (to the tick)", () => {
  const all = tsutil.cpuTimes();
  const per = tsutil.cpuTimes({ percpu: true });
  const sum = per.reduce((s, t) => s + t.user + t.system, 0);
  // read one after the other: allow a few ticks per CPU per field
  assert.ok(Math.abs(all.user + all.system - sum) < 1 + 0.1 * per.length, `${all.user + all.system} vs ${sum}`);
  assert.ok(all.idle > 0);
});

test("cpuPercent() over an interval sees a busy child of ours, and stays within 0..100", async () => {
  const child = spawn("/bin/sh", ["-c", "while :; do :; done"], { stdio: "ignore" });
  try {
    await new Promise((r) => setTimeout(r, 50));
    const [p, per] = await Promise.all([
      tsutil.cpuPercent({ interval: 0.3 }),
      tsutil.cpuPercent({ interval: 0.3, percpu: true }),
    ]);
    // one CPU spinning out of N: at least a sizeable share of the whole
    assert.ok(p > 100 / (2 * per.length) && p <= 100, `${p}`);
    assert.equal(per.length, tsutil.cpuCount());
    assert.ok(per.every((x) => x >= 0 && x <= 100) && Math.max(...per) > 40, `${per}`);
    const t = await tsutil.cpuTimesPercent({ interval: 0.2, percpu: true });
    assert.ok(t.every((r) => Object.values(r).every((v) => v >= 0 && v <= 100)));
  } finally {
    child.kill("SIGKILL");
  }
});

test("virtualMemory() and swapMemory() on this machine keep their invariants", () => {
  const m = tsutil.virtualMemory();
  assert.ok(m.total > 0 && m.available > 0 && m.available <= m.total);
  assert.ok(m.free <= m.total && m.used <= m.total);
  assert.ok(m.used + m.free + m.buffers! + m.cached! <= m.total + m.cached!); // cached includes reclaimable slab
  assert.ok(Math.abs(m.percent - ((m.total - m.available) / m.total) * 100) <= 0.05);
  const s = tsutil.swapMemory();
  assert.equal(s.used + s.free, s.total);
  assert.ok(s.percent >= 0 && s.percent <= 100 && s.sin >= 0 && s.sout >= 0);
});

test("cpuStats() re-read through the descriptor kept open sees fresh counters", async () => {
  const a = tsutil.cpuStats();
  await new Promise((r) => setTimeout(r, 100));
  const b = tsutil.cpuStats();
  // the timer alone switches context and takes interrupts
  assert.ok(b.ctxSwitches > a.ctxSwitches && b.interrupts > a.interrupts, `${a.ctxSwitches} -> ${b.ctxSwitches}`);
  assert.ok(b.softInterrupts >= a.softInterrupts);
});

test("sensors and users on this machine: typed results, whatever the hardware", () => {
  for (const [name, list] of Object.entries(tsutil.sensorsTemperatures())) {
    assert.equal(typeof name, "string");
    for (const t of list) assert.ok(typeof t.current === "number" && typeof t.label === "string");
  }
  const b = tsutil.sensorsBattery();
  assert.ok(b === null || (b.percent >= 0 && b.percent <= 100));
  for (const u of tsutil.users()) assert.ok(u.name.length > 0 && u.started > 0);
});

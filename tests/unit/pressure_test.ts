import { after, test } from "node:test";
import assert from "node:assert/strict";
import { createLinuxBackend } from "../../platforms/linux/mod.ts";
import { setBackend } from "../../src/_backend.ts";
import { pressure, TsutilError, UnsupportedError } from "../../mod.ts";
import { parsePressure } from "../../platforms/linux/pressure.ts";
import { fixture } from "../_helpers.ts";

function use(name: string): void {
  setBackend(createLinuxBackend({ procfs: fixture(`linux/${name}/proc`), sysfs: fixture(`linux/${name}/sys`) }));
}
after(() => setBackend(undefined));

test("pressure() reads /proc/pressure/* system-wide, with irq where present (full only)", () => {
  use("cgroup_v2");
  const p = pressure();
  assert.deepEqual(p.cpu.some, { avg10: 1.5, avg60: 0.75, avg300: 0.25, total: 1.234567 });
  assert.deepEqual(p.cpu.full, { avg10: 0, avg60: 0, avg300: 0, total: 0 });
  assert.deepEqual(p.io.full, { avg10: 10, avg60: 4, avg300: 0.9, total: 88.888888 });
  assert.deepEqual(p.memory.full, { avg10: 0.5, avg60: 0.2, avg300: 0.1, total: 0.654321 });
  assert.deepEqual(p.irq, { some: null, full: { avg10: 0.01, avg60: 0.02, avg300: 0.03, total: 0.004242 } });
});

test("pressure({ pid }) and pressure({ cgroup }) read <cgroup>/*.pressure of the v2 hierarchy", () => {
  use("cgroup_v2");
  const p = pressure({ pid: 42 });
  assert.equal(p.cpu.full!.total, 0.654321);
  assert.equal(p.irq, null, "no irq.pressure in the cgroup: null");
  use("cgroup_hybrid");
  const h = pressure({ pid: 42 });
  assert.equal(h.cpu.some!.total, 0.0001);
  assert.deepEqual(pressure({ cgroup: "/user.slice/session-1.scope" }), h);
  assert.throws(
    () => pressure({ cgroup: "/nope" }),
    (e: unknown) => e instanceof TsutilError && /nope/.test(String(e)),
  );
});

test("pressure() without PSI raises UnsupportedError, never zeros", () => {
  use("cgroup_hybrid"); // this tree has no /proc/pressure
  assert.throws(() => pressure(), (e: unknown) => e instanceof UnsupportedError && /pressure stall/.test(String(e)));
  use("cgroup_none");
  assert.throws(() => pressure({ pid: 42 }), UnsupportedError);
  assert.throws(() => pressure({ cgroup: "/x" }), UnsupportedError);
});

test("pressure() checks its arguments", () => {
  assert.throws(() => pressure({ pid: -3 }), RangeError);
  assert.throws(() => pressure({ pid: 1, cgroup: "/" }), TypeError);
  assert.throws(() => pressure({ cgroup: "" }), TypeError);
});

test("parsePressure() rejects malformed lines with the file named", () => {
  assert.throws(
    () => parsePressure("some avg10=x avg60=0 avg300=0 total=0\n", "/proc/pressure/cpu"),
    (e: unknown) => e instanceof TsutilError && /\/proc\/pressure\/cpu/.test(String(e)),
  );
  assert.throws(() => parsePressure("weird 1\n", "f"), TsutilError);
  assert.throws(() => parsePressure("", "f"), TsutilError);
});

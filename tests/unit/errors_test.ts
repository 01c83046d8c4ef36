import { test } from "node:test";
import assert from "node:assert/strict";
import {
  AccessDenied,
  MissingPermissionError,
  NoSuchProcess,
  TimeoutExpired,
  TsutilError,
  UnsupportedError,
  ZombieProcess,
} from "../../mod.ts";

test("errors form psutil's tree under TsutilError", () => {
  const z = new ZombieProcess({ pid: 3, ppid: 1, name: "x" });
  assert.ok(z instanceof NoSuchProcess && z instanceof TsutilError && z instanceof Error);
  assert.ok(new AccessDenied() instanceof TsutilError);
  assert.ok(new TimeoutExpired(1) instanceof TsutilError);
  assert.ok(new UnsupportedError("f", "os") instanceof TsutilError);
});

test("messages carry pid, name, syscall and errno name", () => {
  const e = new NoSuchProcess({ pid: 42, name: "sleep", syscall: "/proc/42/stat", code: "ENOENT" });
  assert.equal(e.message, 'Process no longer exists (pid=42, name="sleep", syscall="/proc/42/stat", code=ENOENT)');
  assert.equal(e.name, "NoSuchProcess");
  assert.equal(e.syscall, "/proc/42/stat");
  assert.equal(e.code, "ENOENT");
  const a = new AccessDenied({ pid: 1, name: "init", syscall: "kill", code: "EPERM" });
  assert.equal(a.pid, 1);
  assert.equal(a.processName, "init");
  assert.match(a.message, /syscall="kill"/);
  const z = new ZombieProcess({ pid: 5, ppid: 1 });
  assert.match(z.message, /zombie \(pid=5, ppid=1\)/);
  assert.equal(new TimeoutExpired(2.5, { pid: 9 }).message, "Timeout after 2.5 seconds (pid=9)");
});

test("UnsupportedError names the function and the platform; MissingPermissionError names the flag", () => {
  const u = new UnsupportedError("cpuFreq", "openbsd");
  assert.equal(u.message, "cpuFreq() is not supported on openbsd");
  assert.equal(u.function, "cpuFreq");
  const m = new MissingPermissionError("--allow-ffi", "read /proc");
  assert.match(m.message, /--allow-ffi/);
  assert.equal(m.flag, "--allow-ffi");
});

// System functions through the public API, run by Windows deno.exe under Wine: the Windows backend answers, and
// what Wine emulates truthfully is compared with the Linux host's own figures (TSUTIL_WINE_HOST).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tsutil from "../mod.ts";
import { SystemCallError } from "../mod.ts";
import process from "node:process";
import { host, listen, spawnPing, waitFor } from "./_host.ts";
import { getLastError, kernel32 } from "../platforms/windows/_win32.ts";
import { mountPointsUnder } from "../platforms/windows/disk.ts";
import { wstr } from "../ffi/cstring.ts";

const H = host();

test("the backend in use is the Windows one", () => {
  // uids() is POSIX-only: a Windows process lacks it, which proves the Windows backend answers.
  assert.throws(() => new tsutil.Process().uids(), tsutil.UnsupportedError);
});

test("cpuCount() equals the host's online CPUs (GetActiveProcessorCount, GetLogicalProcessorInformationEx)", () => {
  assert.equal(tsutil.cpuCount(), H.cpus);
  const cores = tsutil.cpuCount({ logical: false });
  assert.ok(cores !== null && cores >= 1 && cores <= H.cpus);
});

test("cpuTimes() has Windows' fields and the per-CPU list has one entry per CPU", () => {
  const t = tsutil.cpuTimes();
  assert.deepEqual(Object.keys(t).sort(), ["dpc", "idle", "interrupt", "system", "user"]);
  assert.ok(t.user > 0 && t.idle > 0 && t.system >= 0);
  const per = tsutil.cpuTimes({ percpu: true });
  assert.equal(per.length, H.cpus);
  const sumIdle = per.reduce((a, c) => a + c.idle, 0);
  assert.ok(Math.abs(sumIdle - t.idle) <= 0.05 * t.idle + 5, `${sumIdle} vs ${t.idle}`);
});

test("cpuStats() answers (Wine reports 0 context switches and syscalls; Windows counts them)", () => {
  const s = tsutil.cpuStats();
  assert.deepEqual(Object.keys(s).sort(), ["ctxSwitches", "interrupts", "softInterrupts", "syscalls"]);
  assert.equal(s.softInterrupts, 0);
  for (const v of Object.values(s)) assert.ok(Number.isInteger(v) && v >= 0);
});

test("cpuFreq() comes from CallNtPowerInformation, one system-wide entry with min 0", () => {
  const f = tsutil.cpuFreq();
  assert.ok(f !== null && f.current > 0 && f.max > 0 && f.min === 0);
});

test("virtualMemory().total equals the host's MemTotal (GlobalMemoryStatusEx)", () => {
  const vm = tsutil.virtualMemory();
  assert.ok(Math.abs(vm.total - H.memTotal) <= H.memTotal * 0.01, `${vm.total} vs ${H.memTotal}`);
  assert.ok(vm.available > 0 && vm.available <= vm.total);
  assert.equal(vm.used, vm.total - vm.available);
  assert.equal(vm.free, vm.available);
  assert.ok(vm.percent >= 0 && vm.percent <= 100);
});

test("swapMemory() under Wine: pdh has no paging-file counter, so PdhAddEnglishCounterW fails with PDH_CSTATUS_NO_COUNTER", () => {
  // Wine's commit limit exceeds RAM, so a swap total exists and its usage is asked of the
  // "\Paging File(_Total)\% Usage" counter, which Wine 8 lacks; Windows answers this error for a missing counter.
  try {
    const s = tsutil.swapMemory();
    assert.ok(s.total >= 0 && s.used >= 0 && s.free === s.total - s.used); // a Wine that has the counter
  } catch (e) {
    assert.ok(e instanceof SystemCallError, String(e));
    assert.equal(e.syscall, "PdhAddEnglishCounterW");
    assert.equal(e.code, "PDH_CSTATUS_NO_COUNTER");
  }
});

test("getloadavg() under Wine: no Processor Queue Length counter, so PdhAddEnglishCounterW fails with PDH_CSTATUS_NO_COUNTER", () => {
  try {
    const l = tsutil.getloadavg();
    assert.deepEqual(l, [0, 0, 0]); // the first call starts the 5 s sampler
  } catch (e) {
    assert.ok(e instanceof SystemCallError, String(e));
    assert.equal(e.syscall, "PdhAddEnglishCounterW");
    assert.equal(e.code, "PDH_CSTATUS_NO_COUNTER");
  }
});

test("bootTime() equals the host's btime within 2 s (now - interrupt time)", () => {
  assert.ok(Math.abs(tsutil.bootTime() - H.btime) <= 2, `${tsutil.bootTime()} vs ${H.btime}`);
});

test("users() lists terminal sessions (Wine has no logged-in WTS session: an empty list)", () => {
  const u = tsutil.users();
  assert.ok(Array.isArray(u));
  for (const x of u) assert.ok(typeof x.name === "string" && x.name !== "" && x.started >= 0);
});

test("sensorsBattery() is null like the host, which has no battery", () => {
  const b = tsutil.sensorsBattery();
  if (H.batteries === 0) assert.equal(b, null);
  else assert.ok(b === null || (b.percent >= 0 && b.percent <= 100));
});

test("diskPartitions() lists Wine's drives C: and Z:; diskUsage('Z:\\\\') is the host's root filesystem", () => {
  const parts = tsutil.diskPartitions();
  const devs = parts.map((p) => p.device);
  assert.ok(devs.includes("C:\\") && devs.includes("Z:\\"), devs.join(","));
  for (const p of parts) {
    assert.equal(p.mountpoint, p.device);
    assert.match(p.opts, /^(rw|ro)(,\w+)*$/);
  }
  assert.ok(tsutil.diskPartitions({ all: true }).length >= parts.length);
  const u = tsutil.diskUsage("Z:\\");
  assert.ok(H.disk !== null);
  assert.equal(u.total, H.disk.total);
  assert.equal(u.used, u.total - u.free);
  // Windows' "total free" is statfs' f_bfree; Wine may hand out f_bavail (free to non-root) instead.
  const near = (x: number): boolean => Math.abs(u.free - x) <= 0.01 * H.disk!.total;
  assert.ok(near(H.disk.free) || near(H.disk.avail), `${u.free} vs ${H.disk.free} / ${H.disk.avail}`);
});

test("diskUsage() of a missing drive raises a SystemCallError naming GetDiskFreeSpaceExW", () => {
  assert.throws(() => tsutil.diskUsage("Q:\\no\\such"), (e: unknown) => {
    return e instanceof SystemCallError && e.syscall === "GetDiskFreeSpaceExW" && e.code.startsWith("ERROR_");
  });
});

test("diskIoCounters() under Wine: no \\\\.\\PhysicalDriveN devices, so no disks (Windows lists its drives)", () => {
  assert.deepEqual(tsutil.diskIoCounters({ perdisk: true }), {});
});

test("netIoCounters() has the host's NICs with counters at least what /proc/net/dev said before", () => {
  const io = tsutil.netIoCounters({ pernic: true });
  assert.deepEqual(Object.keys(io).sort(), Object.keys(H.nics).sort());
  for (const [name, before] of Object.entries(H.nics)) {
    const now = io[name];
    assert.ok(now.bytesRecv >= before.bytesRecv && now.bytesSent >= before.bytesSent, name);
    assert.ok(now.packetsRecv >= before.packetsRecv && now.packetsSent >= before.packetsSent, name);
    // within what the host could move in a few minutes (catches a wrong field or offset)
    assert.ok(now.bytesRecv - before.bytesRecv < 2 ** 40, name);
  }
});

test("netIfAddrs() gives the host's IPv4 addresses and MACs (AF_LINK -1, dashed)", () => {
  const addrs = tsutil.netIfAddrs();
  for (const [name, ips] of Object.entries(H.addrs)) {
    const mine = (addrs[name] ?? []).filter((a) => a.family === 2).map((a) => a.address);
    assert.deepEqual(mine.sort(), [...ips].sort(), name);
  }
  const lo = addrs["lo"].find((a) => a.family === 2);
  assert.equal(lo?.netmask, "255.0.0.0");
  const mac = Object.values(addrs).flat().find((a) => a.family === -1);
  assert.ok(mac === undefined || /^([0-9A-F]{2}-){5}[0-9A-F]{2}$/.test(mac.address));
});

test("netIfStats() says up where the host says up, with full duplex as psutil assumes", () => {
  const st = tsutil.netIfStats();
  assert.deepEqual(Object.keys(st).sort(), Object.keys(H.nics).sort());
  assert.equal(st["lo"].isup, true);
  for (const [name, s] of Object.entries(st)) {
    if (H.up[name] === "up") assert.equal(s.isup, true, name);
    if (H.up[name] === "down") assert.equal(s.isup, false, name);
    assert.equal(s.duplex, 2);
    assert.ok(s.mtu > 0);
  }
});

test("netConnections() lists a listener this test opens (Wine 8 reports owning pid 0 instead of ours)", async () => {
  const listener = await listen();
  try {
    const port = listener.port;
    const c = tsutil.netConnections("tcp4").find((x) =>
      x.laddr !== null && typeof x.laddr === "object" && x.laddr.port === port
    );
    assert.ok(c, `port ${port} not listed`);
    assert.equal(c.status, "LISTEN");
    assert.equal(c.raddr, null);
    assert.equal(c.family, 2);
    assert.equal(c.type, 1);
    assert.ok(c.pid === process.pid || c.pid === 0, `pid ${c.pid}`);
    assert.ok(tsutil.netConnections("udp").every((x) => x.status === "NONE" && x.type === 2));
    assert.deepEqual(tsutil.netConnections("unix"), []);
  } finally {
    await listener.close();
  }
});

test("pids() is sorted and has this process; pidExists() is true for it and false for an exited child", async () => {
  const p = tsutil.pids();
  assert.deepEqual([...p].sort((a, b) => a - b), p);
  assert.ok(p.includes(process.pid));
  assert.equal(tsutil.pidExists(process.pid), true);
  const child = spawnPing(1);
  const pid = child.pid;
  assert.equal(tsutil.pidExists(pid), true);
  await child.status;
  assert.ok(await waitFor(() => !tsutil.pidExists(pid)), "an exited child must not exist");
  assert.equal(tsutil.pidExists(4_000_000), false);
});

test("volume mount points: Wine does not implement FindFirstVolumeMountPointW (ERROR_CALL_NOT_IMPLEMENTED), so diskPartitions lists the drives alone, as psutil does when the call fails", () => {
  const k = kernel32();
  const buf = new Uint16Array(261);
  const h = k.FindFirstVolumeMountPointW(wstr("C:\\"), buf, buf.length);
  assert.equal(h, -1); // INVALID_HANDLE_VALUE, as Windows answers a drive without mount points (ERROR_NO_MORE_FILES)
  assert.equal(getLastError(), 120); // ERROR_CALL_NOT_IMPLEMENTED: Wine's stub
  assert.deepEqual(mountPointsUnder("C:\\"), []);
  for (const p of tsutil.diskPartitions({ all: true })) assert.equal(p.mountpoint, p.device);
});

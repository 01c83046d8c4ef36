import { after, test } from "node:test";
import assert from "node:assert/strict";
import { createLinuxBackend } from "../../platforms/linux/mod.ts";
import { setBackend } from "../../src/_backend.ts";
import { cgroup, containerMemory, NoSuchProcess, TsutilError, usableCpuCount } from "../../mod.ts";
import {
  parseBlkio,
  parseCgroupMounts,
  parseCpuList,
  parseCpuMax,
  parseIoStat,
  parseLimit,
  parseProcCgroup,
} from "../../platforms/linux/cgroup_parse.ts";
import { levelsOf, relativeTo } from "../../platforms/linux/cgroup_locate.ts";
import { fixture } from "../_helpers.ts";

function use(name: string): void {
  setBackend(createLinuxBackend({ procfs: fixture(`linux/${name}/proc`), sysfs: fixture(`linux/${name}/sys`) }));
}
after(() => setBackend(undefined));

const MiB = 1024 * 1024;

test("cgroup() on v2 reads cpu.max, cpuset, cpu.stat, memory.*, pids.* and io.stat with device names", () => {
  use("cgroup_v2");
  const cg = cgroup(42)!;
  assert.equal(cg.mode, "v2");
  assert.equal(cg.path, "/user.slice/app.scope");
  assert.match(cg.mountpoint!, /cgroup_v2\/sys\/fs\/cgroup$/);
  assert.equal(cg.controllers.memory.version, 2);
  assert.match(cg.controllers.memory.directory, /sys\/fs\/cgroup\/user\.slice\/app\.scope$/);
  assert.deepEqual(cg.cpu, {
    quota: 150000,
    period: 100000,
    limit: 1.5,
    cpuset: [0, 1, 2, 3],
    usage: 5,
    user: 3,
    system: 2,
    periods: 1000,
    throttledPeriods: 25,
    throttledTime: 1.5,
  });
  assert.equal(cg.memory.max, 512 * MiB);
  assert.equal(cg.memory.high, Infinity);
  assert.equal(cg.memory.current, 200 * MiB);
  assert.equal(cg.memory.peak, 300 * MiB);
  assert.equal(cg.memory.swapMax, 0);
  assert.equal(cg.memory.swapCurrent, 0);
  assert.equal(cg.memory.stat!.anon, 100 * MiB);
  assert.equal(cg.memory.stat!.inactiveFile, 40 * MiB);
  assert.equal(cg.memory.stat!.kernelStack, MiB);
  assert.equal(cg.memory.stat!.pgmajfault, 78);
  assert.deepEqual(cg.pids, { max: 4096, current: 17 });
  assert.deepEqual(cg.io["8:0"], {
    name: "sda",
    readBytes: MiB,
    writeBytes: 2 * MiB,
    readCount: 256,
    writeCount: 512,
    discardBytes: 0,
    discardCount: 0,
  });
  assert.equal(cg.io["253:0"].name, "dm-0");
  assert.equal(cg.io["253:0"].discardCount, 2);
});

test("cgroup() takes the tightest limit along a nested v2 path (limits on two levels)", () => {
  use("cgroup_v2_nested");
  const cg = cgroup(42)!;
  // leaf cpu.max is max, its parent 50000/100000: the parent's quota applies
  assert.equal(cg.cpu.quota, 50000);
  assert.equal(cg.cpu.period, 100000);
  assert.equal(cg.cpu.limit, 0.5);
  // leaf max, pod 256 MiB, kubepods 1 GiB → 256 MiB; high only on the pod
  assert.equal(cg.memory.max, 256 * MiB);
  assert.equal(cg.memory.high, 192 * MiB);
  assert.equal(cg.memory.swapMax, Infinity);
  assert.equal(cg.memory.peak, null, "no memory.peak on this kernel: null, not 0");
  // leaf 500, pod max, kubepods 100 → 100
  assert.deepEqual(cg.pids, { max: 100, current: 3 });
  assert.deepEqual(cg.io, {});
});

test("cgroup() reports max as Infinity everywhere on an unlimited v2 cgroup", () => {
  use("cgroup_v2_max");
  const cg = cgroup(42)!;
  assert.equal(cg.cpu.quota, Infinity);
  assert.equal(cg.cpu.limit, Infinity);
  assert.equal(cg.cpu.period, 100000);
  assert.equal(cg.cpu.cpuset, null, "no cpuset.cpus.effective in the tree");
  assert.equal(cg.memory.max, Infinity);
  assert.equal(cg.memory.high, Infinity);
  assert.equal(cg.memory.swapMax, Infinity);
  assert.equal(cg.pids.max, Infinity);
  assert.equal(cg.cpu.usage, 0.0001);
});

test("cgroup() reads v1 cpu, cpuacct, memory (total_* stats, memsw), cpuset, pids and blkio", () => {
  use("cgroup_v1");
  const cg = cgroup(42)!;
  assert.equal(cg.mode, "v1");
  assert.equal(cg.path, null);
  assert.equal(cg.mountpoint, null);
  assert.match(cg.controllers.cpuacct.directory, /cpu,cpuacct\/docker\/abc123$/);
  assert.equal(cg.controllers.cpu.version, 1);
  assert.equal(cg.cpu.quota, 200000);
  assert.equal(cg.cpu.limit, 2);
  assert.deepEqual(cg.cpu.cpuset, [2, 3, 6]);
  assert.equal(cg.cpu.usage, 7.5);
  assert.equal(cg.cpu.periods, 500);
  assert.equal(cg.cpu.throttledPeriods, 40);
  assert.equal(cg.cpu.throttledTime, 2.5);
  // cpuacct.stat is in USER_HZ ticks (100 on every Linux tsutil runs on)
  assert.equal(cg.cpu.user, 5);
  assert.equal(cg.cpu.system, 2.5);
  assert.equal(cg.memory.max, 2048 * MiB);
  assert.equal(cg.memory.high, null, "v1 has no memory.high");
  assert.equal(cg.memory.swapMax, 1024 * MiB, "memsw limit minus memory limit");
  assert.equal(cg.memory.swapCurrent, 4096);
  assert.equal(cg.memory.peak, 256 * MiB);
  assert.equal(cg.memory.stat!.anon, 110 * MiB, "hierarchical total_rss preferred");
  assert.equal(cg.memory.stat!.inactiveFile, 50 * MiB);
  assert.equal(cg.memory.stat!.kernel, null);
  assert.deepEqual(cg.pids, { max: 1000, current: 12 });
  assert.deepEqual(cg.io["8:0"], {
    name: null,
    readBytes: MiB,
    writeBytes: 2 * MiB,
    readCount: 256,
    writeCount: 512,
    discardBytes: 4096,
    discardCount: 1,
  });
});

test("cgroup() on a hybrid layout: v1 cpu and memory, pids from the unified hierarchy", () => {
  use("cgroup_hybrid");
  const cg = cgroup(42)!;
  assert.equal(cg.mode, "hybrid");
  assert.equal(cg.path, "/user.slice/session-1.scope");
  assert.match(cg.mountpoint!, /sys\/fs\/cgroup\/unified$/);
  assert.equal(cg.controllers.cpu.version, 1);
  assert.equal(cg.controllers.memory.version, 1);
  assert.equal(cg.controllers.pids.version, 2);
  assert.equal(cg.cpu.limit, 0.5);
  assert.equal(cg.cpu.usage, 1);
  assert.equal(cg.memory.max, 1024 * MiB);
  assert.equal(cg.memory.current, 100 * MiB);
  assert.deepEqual(cg.pids, { max: 64, current: 5 });
});

test("cgroup() is null without a cgroup filesystem; the container views fall back to the host", () => {
  use("cgroup_none");
  assert.equal(cgroup(42), null);
  assert.equal(usableCpuCount(42), 2);
  const m = containerMemory(42);
  assert.deepEqual(m, {
    total: 8000000 * 1024,
    available: 6000000 * 1024,
    percent: 25,
    used: 2000000 * 1024,
    limit: Infinity,
    limited: false,
    hostTotal: 8000000 * 1024,
  });
});

test("usableCpuCount() honours affinity and the quota, rounding the quota up, never below 1", () => {
  use("cgroup_v2");
  assert.equal(usableCpuCount(42), 2, "8 CPUs allowed, quota 1.5 → 2");
  use("cgroup_v2_nested");
  assert.equal(usableCpuCount(42), 1, "quota 0.5 → 1");
  use("cgroup_v2_max");
  assert.equal(usableCpuCount(42), 4, "no quota: affinity (0-3)");
  use("cgroup_v1");
  assert.equal(usableCpuCount(42), 2, "8 allowed, v1 quota 2");
});

test("containerMemory() uses the cgroup limit and current minus inactive_file inside a limit", () => {
  use("cgroup_v2_nested");
  const m = containerMemory(42);
  assert.equal(m.limited, true);
  assert.equal(m.total, 256 * MiB);
  assert.equal(m.limit, 256 * MiB);
  assert.equal(m.used, 200 * MiB - 40 * MiB);
  assert.equal(m.available, 96 * MiB);
  assert.equal(m.percent, 62.5);
  assert.equal(m.hostTotal, 8000000 * 1024);
  use("cgroup_v1");
  const v1 = containerMemory(42);
  assert.equal(v1.total, 2048 * MiB);
  assert.equal(v1.used, 178257920 - 50 * MiB, "usage_in_bytes minus total_inactive_file");
  use("cgroup_v2_max");
  assert.equal(containerMemory(42).limited, false);
});

test("cgroup() raises NoSuchProcess for a missing pid and RangeError/TypeError for bad ones", () => {
  use("cgroup_v2");
  assert.throws(() => cgroup(4242), NoSuchProcess);
  assert.throws(() => usableCpuCount(4242), NoSuchProcess);
  assert.throws(() => cgroup(-1), RangeError);
  assert.throws(() => cgroup(1.5), TypeError);
});

test("cgroup parsers: /proc/pid/cgroup, mountinfo, limits, cpu.max, io.stat, blkio, cpu lists", () => {
  assert.deepEqual(parseProcCgroup("4:cpu,cpuacct:/a\n0::/b c\n", "f"), [
    { id: 4, controllers: ["cpu", "cpuacct"], path: "/a" },
    { id: 0, controllers: [], path: "/b c" },
  ]);
  assert.throws(() => parseProcCgroup("garbage\n", "/proc/1/cgroup"), TsutilError);
  const mounts = parseCgroupMounts(
    "31 30 0:28 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct\n" +
      "40 30 0:37 /docker/x /sys/fs/cgroup\\040here rw - cgroup2 cgroup2 rw,nsdelegate\n" +
      "22 1 8:1 / / rw - ext4 /dev/sda1 rw\n",
    "m",
  );
  assert.deepEqual(mounts, [
    { version: 1, root: "/", mountpoint: "/sys/fs/cgroup/cpu,cpuacct", controllers: ["cpu", "cpuacct"] },
    { version: 2, root: "/docker/x", mountpoint: "/sys/fs/cgroup here", controllers: [] },
  ]);
  assert.equal(parseLimit("max\n", "f"), Infinity);
  assert.equal(parseLimit("-1\n", "f"), Infinity);
  assert.equal(parseLimit("9223372036854771712\n", "f"), Infinity);
  assert.equal(parseLimit("1048576\n", "f"), 1048576);
  assert.throws(
    () => parseLimit("lots\n", "/x/memory.max"),
    (e: unknown) => e instanceof TsutilError && /memory\.max/.test(String(e)),
  );
  assert.deepEqual(parseCpuMax("max 100000\n", "f"), { quota: Infinity, period: 100000 });
  assert.deepEqual(parseCpuMax("25000 50000\n", "f"), { quota: 25000, period: 50000 });
  assert.equal(parseIoStat("8:0 rbytes=1 wbytes=2\n", "f").get("8:0")!.get("wbytes"), 2);
  assert.throws(() => parseIoStat("8:0 rbytes\n", "f"), TsutilError);
  assert.equal(parseBlkio("8:0 Read 5\n8:0 Write 6\nTotal 11\n", "f").get("8:0")!.get("Write"), 6);
  assert.deepEqual(parseCpuList("0-2,5\n", "f"), [0, 1, 2, 5]);
});

test("levelsOf() walks from the leaf to the mount root, honouring a mount root below /", () => {
  const c = { version: 2 as const, path: "/a/b", mountpoint: "/m", directory: "/m/a/b" };
  assert.deepEqual(levelsOf(c, "/"), [
    { path: "/a/b", directory: "/m/a/b" },
    { path: "/a", directory: "/m/a" },
    { path: "/", directory: "/m" },
  ]);
  const d = { version: 2 as const, path: "/docker/x/y", mountpoint: "/m", directory: "/m/y" };
  assert.deepEqual(levelsOf(d, "/docker/x"), [
    { path: "/docker/x/y", directory: "/m/y" },
    { path: "/docker/x", directory: "/m" },
  ]);
  assert.equal(relativeTo("/docker/x", "/docker/x"), "/");
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { createLinuxBackend } from "../../platforms/linux/mod.ts";
import { estimateAvailable } from "../../platforms/linux/memory.ts";
import { MalformedFileError } from "../../platforms/linux/procfs/_parse.ts";
import { parseMeminfo } from "../../platforms/linux/procfs/meminfo.ts";
import { setBackend } from "../../src/_backend.ts";
import { totalPhysicalMemory } from "../../src/memory.ts";
import { round1, usagePercent } from "../../src/_percent.ts";
import { swapMemory, virtualMemory } from "../../mod.ts";
import { fixture } from "../_helpers.ts";

function linux(c: string): ReturnType<typeof createLinuxBackend> {
  return createLinuxBackend({ procfs: fixture(`linux/${c}/proc`), sysfs: fixture(`linux/${c}/sys`) });
}

const VM_FIELDS = [
  "total",
  "available",
  "percent",
  "used",
  "free",
  "active",
  "inactive",
  "buffers",
  "cached",
  "shared",
  "slab",
];

// Expected values: psutil 5.9.4 run on the same fixture files (psutil.PROCFS_PATH), 4 KiB pages.
test("virtualMemory() estimates available from /proc/zoneinfo on kernels without MemAvailable", () => {
  const vm = linux("no_memavailable").virtualMemory!();
  assert.deepEqual(Object.keys(vm), VM_FIELDS);
  assert.deepEqual(vm, {
    total: 25276026880,
    available: 24841920512,
    percent: 1.7,
    used: 208023552,
    free: 23942381568,
    active: 459227136,
    inactive: 621666304,
    buffers: 9936896,
    cached: 1115684864,
    shared: 9166848,
    slab: 116391936,
  });
});

test("virtualMemory() falls back to free + cached without /proc/zoneinfo", () => {
  const vm = linux("no_memavailable_no_zoneinfo").virtualMemory!();
  assert.equal(vm.available, 24970739712);
  assert.equal(vm.percent, 1.2);
});

test("virtualMemory() on a 2.6.18 meminfo: no file LRU, no slab, no shmem lines", () => {
  assert.deepEqual(linux("meminfo_kernel_2_6_18").virtualMemory!(), {
    total: 2124419072,
    available: 1469218816,
    percent: 30.8,
    used: 547246080,
    free: 257273856,
    active: 1028460544,
    inactive: 624283648,
    buffers: 107954176,
    cached: 1211944960,
    shared: 0,
    slab: 0,
  });
});

test("virtualMemory() in an LXC container: used falls back to total - free, available above total to free", () => {
  const vm = linux("meminfo_lxc").virtualMemory!();
  assert.equal(vm.used, 805306368);
  assert.equal(vm.available, vm.free);
  assert.equal(vm.percent, 75);
});

test("a meminfo line without a number raises MalformedFileError naming the file", () => {
  assert.throws(
    () => linux("meminfo_malformed").virtualMemory!(),
    (e: unknown) => e instanceof MalformedFileError && /meminfo_malformed\/proc\/meminfo.*Buffers/.test(e.message),
  );
  assert.throws(() => parseMeminfo("MemTotal 1024 kB\n", "/proc/meminfo"), MalformedFileError);
  assert.throws(() => parseMeminfo("MemTotal: 12x kB\n", "/proc/meminfo"), MalformedFileError);
  assert.deepEqual(
    parseMeminfo("MemTotal:  2 kB\nHugePages_Total:  3\n", "m"),
    new Map([["MemTotal", 2048], ["HugePages_Total", 3072]]),
  );
});

test("swapMemory() reads SwapTotal/SwapFree and converts pswpin/pswpout pages to bytes", () => {
  const s = linux("no_memavailable").swapMemory!();
  assert.deepEqual(Object.keys(s), ["total", "used", "free", "percent", "sin", "sout"]);
  assert.deepEqual(s, {
    total: 2147479552,
    used: 536870912,
    free: 1610608640,
    percent: 25,
    sin: 5054464,
    sout: 232607744,
  });
});

test("swapMemory() sets sin/sout to 0 without /proc/vmstat or its pswp counters; no swap gives 0 %", () => {
  assert.deepEqual(linux("no_memavailable_no_zoneinfo").swapMemory!(), {
    total: 2147479552,
    used: 536870912,
    free: 1610608640,
    percent: 25,
    sin: 0,
    sout: 0,
  });
  assert.deepEqual(linux("vmstat_no_pswp").swapMemory!(), { total: 0, used: 0, free: 0, percent: 0, sin: 0, sout: 0 });
});

test("swapMemory() on other roots without Swap lines is malformed (sysinfo would describe this machine)", () => {
  assert.throws(
    () => linux("meminfo_no_swap").swapMemory!(),
    (e: unknown) => e instanceof MalformedFileError && /meminfo_no_swap\/proc\/meminfo/.test(e.message),
  );
});

test("estimateAvailable() follows the kernel's MemAvailable formula", () => {
  const KB = 1024;
  const mems = new Map([
    ["MemFree", 1000 * KB],
    ["Cached", 500 * KB],
    ["Active(file)", 300 * KB],
    ["Inactive(file)", 100 * KB],
    ["SReclaimable", 80 * KB],
  ]);
  // low watermark 25 pages of 4 KiB = 100 KiB: 1000 - 100 + (400 - 100) + (80 - 40) = 1240 KiB
  assert.equal(
    estimateAvailable(mems, "Node 0, zone Normal\n  pages free 5\n        low      25\n", "z", 4096),
    1240 * KB,
  );
  assert.equal(estimateAvailable(mems, null, "z", 4096), 1500 * KB);
  assert.throws(() => estimateAvailable(mems, "        low      x\n", "/proc/zoneinfo", 4096), MalformedFileError);
});

test("virtualMemory() records the total that totalPhysicalMemory() returns", () => {
  setBackend(linux("meminfo_lxc"));
  try {
    assert.equal(virtualMemory().total, 1073741824);
    assert.equal(totalPhysicalMemory(), 1073741824);
    assert.equal(swapMemory().total, 0);
  } finally {
    setBackend(undefined);
  }
});

test("round1() rounds like Python's round(x, 1); usagePercent() is 0 for a zero total", () => {
  assert.deepEqual([0.25, 0.75, 2.675, 12.25, -0.25, 99.95, 1e-9].map(round1), [0.2, 0.8, 2.7, 12.2, -0.2, 100, 0]);
  assert.equal(usagePercent(1, 3), 33.3);
  assert.equal(usagePercent(3, 0), 0);
});

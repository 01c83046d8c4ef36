import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLinuxBackend } from "../../platforms/linux/mod.ts";
import { clockTicks } from "../../platforms/linux/cpu_times.ts";
import { MalformedFileError } from "../../platforms/linux/procfs/_parse.ts";
import { setBackend } from "../../src/_backend.ts";
import { busyPercent, timesPercent } from "../../src/cpu_percent.ts";
import { cpuFreq, cpuPercent, cpuStats, cpuTimes, cpuTimesPercent } from "../../mod.ts";
import type { CpuTimes } from "../../mod.ts";
import { fixture } from "../_helpers.ts";

function linux(c: string): ReturnType<typeof createLinuxBackend> {
  return createLinuxBackend({ procfs: fixture(`linux/${c}/proc`), sysfs: fixture(`linux/${c}/sys`) });
}

/** Runs `fn` with the public API reading fixture `c`, then restores the default backend. */
function withFixture<T>(c: string, fn: () => T): T {
  setBackend(linux(c));
  try {
    return fn();
  } finally {
    setBackend(undefined);
  }
}

function malformed(path: RegExp): (e: unknown) => boolean {
  return (e: unknown) => e instanceof MalformedFileError && path.test(e.message);
}

const LINUX_FIELDS = ["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal", "guest", "guestNice"];

test("cpuTimes() divides the aggregate cpu line by CLK_TCK, in psutil's field order", () => {
  const hz = clockTicks();
  const t = linux("stat_4cpu").cpuTimes!();
  assert.deepEqual(Object.keys(t), LINUX_FIELDS);
  assert.deepEqual(Object.values(t), [112345, 678, 56789, 9876543, 2345, 0, 4567, 123, 45, 6].map((x) => x / hz));
});

test("cpuTimes({ percpu: true }) gives one record per cpuN line, in order", () => {
  const hz = clockTicks();
  const per = withFixture("stat_4cpu", () => cpuTimes({ percpu: true }));
  assert.equal(per.length, 4);
  assert.deepEqual(Object.values(per[2]), [28145, 178, 14289, 2469200, 565, 0, 1167, 32, 11, 1].map((x) => x / hz));
  assert.deepEqual(Object.keys(per[3]), LINUX_FIELDS);
});

test("cpuTimes() has the fields the kernel prints: 9 on 2.6.24, 7 on 2.6.0", () => {
  assert.deepEqual(Object.keys(linux("stat_kernel_2_6_24").cpuTimes!()), LINUX_FIELDS.slice(0, 9));
  assert.deepEqual(Object.keys(linux("stat_kernel_2_6_24").perCpuTimes!()[1]), LINUX_FIELDS.slice(0, 9));
  assert.deepEqual(Object.keys(linux("stat_kernel_2_6_0").cpuTimes!()), LINUX_FIELDS.slice(0, 7));
});

test("a truncated /proc/stat raises MalformedFileError naming the file", () => {
  const b = linux("stat_truncated");
  assert.throws(() => b.cpuTimes!(), malformed(/stat_truncated\/proc\/stat/));
  assert.throws(() => b.perCpuTimes!(), malformed(/stat_truncated\/proc\/stat/));
  assert.throws(() => b.cpuStats!(), malformed(/stat_truncated\/proc\/stat.*ctxt/));
});

test("a per-CPU line shorter than the aggregate one, or a missing softirq line, is malformed", () => {
  const b = linux("stat_short_cpu_line");
  assert.equal(Object.keys(b.cpuTimes!()).length, 10);
  assert.throws(() => b.perCpuTimes!(), malformed(/cpu0 line has 7 values, expected 10/));
  assert.throws(() => b.cpuStats!(), malformed(/no softirq line/));
});

test("cpuStats() reads ctxt and the totals of intr and softirq; syscalls is 0 on Linux", () => {
  const s = withFixture("stat_4cpu", () => cpuStats());
  assert.deepEqual(s, { ctxSwitches: 1439850, interrupts: 655367, softInterrupts: 298127, syscalls: 0 });
  assert.deepEqual(Object.keys(s), ["ctxSwitches", "interrupts", "softInterrupts", "syscalls"]);
});

test("cpuFreq() orders cpufreq policies numerically and reads scaling_cur_freq when cpuinfo disagrees", () => {
  const per = withFixture("cpufreq_policy", () => cpuFreq({ percpu: true }));
  assert.equal(per.length, 12);
  per.forEach((f, i) => assert.deepEqual(f, { current: 400 + 100 * i, min: 400, max: 4000 }));
  const avg = withFixture("cpufreq_policy", () => cpuFreq());
  assert.deepEqual(avg, { current: 950, min: 400, max: 4000 });
});

test("cpuFreq() takes the current value from cpuinfo when it lists one per policy (psutil #1851)", () => {
  assert.deepEqual(linux("cpufreq_cpuinfo_current").cpuFreq!(), [
    { current: 2100.123, min: 400, max: 4000 },
    { current: 799.999, min: 800, max: 3600 },
  ]);
});

test("cpuFreq() reads cpuN/cpufreq/cpuinfo_cur_freq on kernels without policies (psutil #1071)", () => {
  assert.deepEqual(linux("cpufreq_cpu_dirs").cpuFreq!(), [
    { current: 1500, min: 600, max: 1500 },
    { current: 1200, min: 600, max: 1500 },
  ]);
  assert.throws(() => linux("cpufreq_no_current").cpuFreq!(), malformed(/policy0.*no scaling_cur_freq/));
});

test("cpuFreq() without cpufreq uses cpuinfo's cpu MHz with min and max 0; null when nothing is known", () => {
  const per = withFixture("cpufreq_none", () => cpuFreq({ percpu: true }));
  assert.deepEqual(per, [
    { current: 2096.002, min: 0, max: 0 },
    { current: 2095.998, min: 0, max: 0 },
    { current: 2400.5, min: 0, max: 0 },
  ]);
  assert.deepEqual(withFixture("cpufreq_none", () => cpuFreq()), { current: 2197.5, min: 0, max: 0 });
  assert.equal(withFixture("cpufreq_unknown", () => cpuFreq()), null);
  assert.deepEqual(withFixture("cpufreq_unknown", () => cpuFreq({ percpu: true })), []);
});

function times(user: number, system: number, idle: number, iowait: number, guest = 0): CpuTimes {
  return { user, nice: 0, system, idle, iowait, irq: 0, softirq: 0, steal: 0, guest, guestNice: 0 };
}

test("busyPercent() leaves out idle and iowait and does not count guest time twice", () => {
  // user includes 10 s of guest time: total = 30 + 10 + 50 + 10 = 100, busy = 40
  assert.equal(busyPercent(times(100, 50, 800, 50, 0), times(130, 60, 850, 60, 10)), 40);
  assert.equal(busyPercent(times(1, 1, 1, 1), times(1, 1, 1, 1)), 0); // no time passed
  // a counter going backwards counts as 0, never as a negative share
  assert.equal(busyPercent(times(100, 50, 800, 0), times(90, 60, 830, 0)), 25);
});

test("timesPercent() gives each field's share, rounded half to even, over at least one second", () => {
  const p = timesPercent(times(100, 50, 800, 50, 0), times(130, 60, 850, 60, 10));
  assert.deepEqual(Object.keys(p), LINUX_FIELDS);
  assert.deepEqual(p, { ...times(30, 10, 50, 10, 10) });
  // a total under one second is scaled as one second, as psutil does
  assert.equal(timesPercent(times(0, 0, 0, 0), times(0.25, 0, 0.25, 0)).user, 25);
  // 1/8 of the time: 12.5 % exactly
  assert.equal(timesPercent(times(0, 0, 0, 0), times(1, 0, 7, 0)).user, 12.5);
  // 0.0625 × 100 = 6.25, a tie: Python's round gives 6.2
  assert.equal(timesPercent(times(0, 0, 0, 0), times(1, 0, 15, 0)).user, 6.2);
});

function statFile(user: number, system: number, idle: number): string {
  const line = (label: string): string => `${label} ${user} 0 ${system} ${idle} 0 0 0 0 0 0\n`;
  return `${line("cpu ")}${line("cpu0")}intr 1 0\nctxt 1\nbtime 1700000000\nsoftirq 1 0\n`;
}

test("cpuPercent() without interval compares with its previous call; the first call returns 0", () => {
  const dir = mkdtempSync(join(tmpdir(), "tsutil-stat-"));
  try {
    writeFileSync(join(dir, "stat"), statFile(1000, 1000, 8000));
    setBackend(createLinuxBackend({ procfs: dir, sysfs: dir }));
    assert.equal(cpuPercent(), 0);
    assert.deepEqual(cpuPercent({ percpu: true }), [0]);
    assert.equal(Object.values(cpuTimesPercent()).every((v) => v === 0), true);
    writeFileSync(join(dir, "stat"), statFile(1300, 1200, 8500)); // 500 busy ticks out of 1000
    assert.equal(cpuPercent(), 50);
    assert.equal(cpuPercent(), 0); // nothing moved since the previous call
    assert.deepEqual(cpuPercent({ percpu: true, interval: 0 }), [50]);
    // cpuTimesPercent keeps its own previous sample
    const p = cpuTimesPercent({ interval: null });
    assert.deepEqual([p.user, p.system, p.idle], [30, 20, 50]);
  } finally {
    setBackend(undefined);
    rmSync(dir, { recursive: true });
  }
});

test("cpuPercent({ interval }) returns a Promise after sampling; a negative interval is a RangeError", async () => {
  const pending: Promise<number> = cpuPercent({ interval: 0.05 });
  assert.ok(pending instanceof Promise);
  // The overloads type a positive literal interval as a Promise and no interval as a plain value:
  // @ts-expect-error a Promise is not a number
  const wrong: number = cpuPercent({ interval: 0.01 });
  const now: number = cpuPercent({ interval: 0 });
  const perNow: number[] = cpuPercent({ percpu: true });
  assert.ok(typeof now === "number" && Array.isArray(perNow) && (wrong as unknown) instanceof Promise);
  await wrong;
  const p = await pending;
  assert.ok(p >= 0 && p <= 100);
  const per: number[] = await cpuPercent({ interval: 0.05, percpu: true });
  assert.equal(per.length, cpuTimes({ percpu: true }).length);
  const t: CpuTimes = await cpuTimesPercent({ interval: 0.05 });
  assert.deepEqual(Object.keys(t), Object.keys(cpuTimes()));
  assert.throws(() => cpuPercent({ interval: -1 }), RangeError);
  assert.throws(() => cpuTimesPercent({ interval: -0.5 }), RangeError);
  assert.throws(() => cpuTimes({ percpu: "yes" as unknown as boolean }), TypeError);
});

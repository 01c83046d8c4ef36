import { test } from "node:test";
import assert from "node:assert/strict";
import { createLinuxBackend } from "../../platforms/linux/mod.ts";
import { setBackend } from "../../src/_backend.ts";
import { busyPercent, timesPercent } from "../../src/cpu_percent.ts";
import * as tsutil from "../../mod.ts";
import type { CpuTimes } from "../../mod.ts";
import { fixture, psutil, retry, skipWithoutPsutil } from "../_helpers.ts";

const skip = skipWithoutPsutil();

/** psutil's snake_case field → tsutil's camelCase field. */
function camel(s: string): string {
  return s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

type PyTimes = { fields: string[]; values: number[] };
const PY_TIMES = `def T(t): return {"fields": list(t._fields), "values": list(t)}\n`;

function fromPy(t: PyTimes): CpuTimes {
  return Object.fromEntries(t.fields.map((f, i) => [camel(f), t.values[i]])) as unknown as CpuTimes;
}

function withFixture<T>(c: string, fn: () => T): T {
  setBackend(createLinuxBackend({ procfs: fixture(`linux/${c}/proc`), sysfs: fixture(`linux/${c}/sys`) }));
  try {
    return fn();
  } finally {
    setBackend(undefined);
  }
}

test("cpuTimes() has psutil's fields in psutil's order, and lies between two psutil reads", { skip }, () => {
  const code =
    `${PY_TIMES}print(json.dumps({"all": T(psutil.cpu_times()), "per": [T(t) for t in psutil.cpu_times(percpu=True)]}))`;
  const before = psutil<{ all: PyTimes; per: PyTimes[] }>(code);
  const ours = tsutil.cpuTimes();
  const oursPer = tsutil.cpuTimes({ percpu: true });
  const after = psutil<{ all: PyTimes; per: PyTimes[] }>(code);
  assert.deepEqual(Object.keys(ours), before.all.fields.map(camel));
  assert.equal(oursPer.length, before.per.length);
  // Every field only grows (iowait may step back a little on some kernels: 0.1 s of slack).
  const between = (o: CpuTimes, a: PyTimes, b: PyTimes): void => {
    a.fields.forEach((f, i) => {
      const v = (o as unknown as Record<string, number>)[camel(f)];
      assert.ok(v >= a.values[i] - 0.1 && v <= b.values[i] + 0.1, `${f}: ${a.values[i]} <= ${v} <= ${b.values[i]}`);
    });
  };
  between(ours, before.all, after.all);
  oursPer.forEach((o, i) => between(o, before.per[i], after.per[i]));
});

test("cpuTimes() and cpuStats() equal psutil's exactly on fixture trees (psutil.PROCFS_PATH)", { skip }, () => {
  for (const c of ["stat_4cpu", "stat_kernel_2_6_24", "stat_kernel_2_6_0"]) {
    const py = psutil<{ all: PyTimes; per: PyTimes[]; stats: Record<string, number> }>(
      `psutil.PROCFS_PATH = ${JSON.stringify(fixture(`linux/${c}/proc`))}\n${PY_TIMES}` +
        `print(json.dumps({"all": T(psutil.cpu_times()), "per": [T(t) for t in psutil.cpu_times(percpu=True)],` +
        ` "stats": psutil.cpu_stats()._asdict()}))`,
    );
    withFixture(c, () => {
      assert.deepEqual(tsutil.cpuTimes(), fromPy(py.all), c);
      assert.deepEqual(tsutil.cpuTimes({ percpu: true }), py.per.map(fromPy), c);
      assert.deepEqual(
        tsutil.cpuStats(),
        Object.fromEntries(Object.entries(py.stats).map(([k, v]) => [camel(k), v])),
        c,
      );
    });
  }
});

test("cpuStats() counters lie between two psutil reads; syscalls is 0", { skip }, () => {
  const code = `print(json.dumps(psutil.cpu_stats()._asdict()))`;
  const a = psutil<Record<string, number>>(code);
  const ours = tsutil.cpuStats();
  const b = psutil<Record<string, number>>(code);
  assert.deepEqual(Object.keys(ours), Object.keys(a).map(camel));
  for (const k of Object.keys(a)) {
    const v = (ours as unknown as Record<string, number>)[camel(k)];
    assert.ok(v >= a[k] && v <= b[k], `${k}: ${a[k]} <= ${v} <= ${b[k]}`);
  }
  assert.equal(ours.syscalls, 0);
});

test("cpuPercent/cpuTimesPercent maths equal psutil's on the same two samples, bit for bit", { skip }, () => {
  // psutil.cpu_times is swapped for one returning t2, so cpu_percent() and cpu_times_percent() run psutil's own
  // code on (t1, t2). Real samples, then synthetic ones with guest time, counters going backwards, no time
  // passing, totals under one second and exact rounding ties.
  type Case = { t1: PyTimes; t2: PyTimes; busy: number; fields: PyTimes };
  const cases = psutil<Case[]>(`${PY_TIMES}
import time
S = psutil._psplatform.scputimes
real = psutil.cpu_times
def run(t1, t2):
    psutil.cpu_times = lambda percpu=False: t2
    psutil._last_cpu_times = t1
    psutil._last_cpu_times_2 = t1
    busy = psutil.cpu_percent()
    fields = psutil.cpu_times_percent()
    psutil.cpu_times = real
    return {"t1": T(t1), "t2": T(t2), "busy": busy, "fields": T(fields)}
def ticks(v): return S(*[x / 100 for x in v][:len(S._fields)])
out = []
a = real()
for _ in range(3):
    time.sleep(0.05); b = real(); out.append(run(a, b)); a = b
for x, y in [((100, 5, 50, 800, 50, 1, 2, 3, 40, 1), (130, 6, 60, 850, 60, 1, 2, 3, 50, 2)),
             ((100, 0, 50, 800, 0, 0, 0, 0, 0, 0), (90, 0, 60, 830, 0, 0, 0, 0, 0, 0)),
             ((0,) * 10, (1, 0, 0, 15, 0, 0, 0, 0, 0, 0)),
             ((0,) * 10, (100, 0, 0, 1500, 0, 0, 0, 0, 0, 0)),
             ((0,) * 10, (25, 0, 0, 75, 0, 0, 0, 0, 0, 0)),
             ((7, 3, 9, 11, 13, 0, 1, 0, 0, 0), (7, 3, 9, 11, 13, 0, 1, 0, 0, 0)),
             ((12345, 789, 45678, 987654, 2345, 6, 789, 12, 34, 5),
              (12999, 799, 45999, 988000, 2400, 6, 800, 13, 40, 6))]:
    out.append(run(ticks(x), ticks(y)))
print(json.dumps(out))`);
  assert.equal(cases.length, 10);
  for (const c of cases) {
    const t1 = fromPy(c.t1);
    const t2 = fromPy(c.t2);
    assert.equal(busyPercent(t1, t2), c.busy, JSON.stringify([c.t1.values, c.t2.values]));
    assert.deepEqual(timesPercent(t1, t2), fromPy(c.fields), JSON.stringify([c.t1.values, c.t2.values]));
  }
});

test("cpuPercent() and cpuTimesPercent() return psutil's shapes", { skip }, async () => {
  const py = psutil<{ per: number; fields: string[] }>(
    `print(json.dumps({"per": len(psutil.cpu_percent(percpu=True)), "fields": list(psutil.cpu_times_percent()._fields)}))`,
  );
  const p = await tsutil.cpuPercent({ interval: 0.1 });
  assert.ok(typeof p === "number" && p >= 0 && p <= 100);
  assert.equal(tsutil.cpuPercent({ percpu: true }).length, py.per);
  assert.deepEqual(Object.keys(await tsutil.cpuTimesPercent({ interval: 0.1 })), py.fields.map(camel));
});

test("cpuFreq() equals psutil's, system-wide and per CPU", { skip }, async () => {
  await retry(() => {
    const py = psutil<{ all: Record<string, number> | null; per: Record<string, number>[] }>(
      `f = psutil.cpu_freq()\nprint(json.dumps({"all": f and f._asdict(), "per": [x._asdict() for x in psutil.cpu_freq(percpu=True)]}))`,
    );
    assert.deepEqual(tsutil.cpuFreq(), py.all);
    assert.deepEqual(tsutil.cpuFreq({ percpu: true }), py.per);
  });
});

test("cpuFreq() equals psutil's on cpuinfo-only fixtures (psutil.PROCFS_PATH)", { skip }, () => {
  for (const c of ["cpufreq_none", "cpufreq_unknown"]) {
    const py = psutil<{ all: Record<string, number> | null; per: Record<string, number>[] }>(
      `psutil.PROCFS_PATH = ${JSON.stringify(fixture(`linux/${c}/proc`))}\n` +
        `f = psutil.cpu_freq()\nprint(json.dumps({"all": f and f._asdict(), "per": [x._asdict() for x in psutil.cpu_freq(percpu=True)]}))`,
    );
    withFixture(c, () => {
      assert.deepEqual(tsutil.cpuFreq(), py.all, c);
      assert.deepEqual(tsutil.cpuFreq({ percpu: true }), py.per, c);
    });
  }
});

test("getloadavg() equals psutil's exactly (both from sysinfo(2)); cpuCount() too", { skip }, async () => {
  await retry(
    () => {
      const py = psutil<{ load: number[]; n: number }>(
        `print(json.dumps({"load": list(psutil.getloadavg()), "n": psutil.cpu_count()}))`,
      );
      assert.deepEqual(tsutil.getloadavg(), py.load);
      assert.equal(tsutil.cpuCount(), py.n);
    },
    5,
    200,
  );
});

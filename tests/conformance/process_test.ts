import { test } from "node:test";
import assert from "node:assert/strict";
import { AccessDenied, NoSuchProcess, Process, processIter, ZombieProcess } from "../../mod.ts";
import { near, psutil, retry, skipWithoutPsutil, spawnSleeper } from "../_helpers.ts";

const skip = skipWithoutPsutil();

/** psutil's answers for `pid`: every Process method on Linux, "AD" where it raised AccessDenied. */
function oracle(pid: number): Record<string, unknown> {
  return psutil<Record<string, unknown>>(`
p = psutil.Process(${pid})
def get(f):
    try:
        v = f()
    except psutil.AccessDenied:
        return "AD"
    except psutil.ZombieProcess:
        return "ZOMBIE"
    if hasattr(v, "_asdict"): return v._asdict()
    if isinstance(v, list): return [x._asdict() if hasattr(x, "_asdict") else x for x in v]
    return v
out = {}
for name in ["name", "exe", "cmdline", "environ", "status", "ppid", "uids", "gids", "username", "terminal", "cwd",
             "nice", "ionice", "num_ctx_switches", "num_fds", "num_threads", "threads", "cpu_times", "cpu_num",
             "create_time", "memory_info", "memory_full_info", "io_counters", "open_files", "cpu_affinity"]:
    out[name] = get(getattr(p, name))
out["memory_maps"] = get(lambda: p.memory_maps(grouped=True))
out["memory_maps_flat"] = get(lambda: p.memory_maps(grouped=False))
out["connections"] = get(lambda: p.connections("all"))
out["children"] = sorted(c.pid for c in p.children(recursive=True))
par = p.parent()
out["parent"] = par.pid if par else None
print(json.dumps(out))`);
}

function ours(f: () => unknown): unknown {
  try {
    return f();
  } catch (e) {
    if (e instanceof AccessDenied) return "AD";
    if (e instanceof ZombieProcess) return "ZOMBIE";
    throw e;
  }
}

const camel = (o: unknown): unknown => {
  if (Array.isArray(o)) return o.map(camel);
  if (o === null || typeof o !== "object") return o;
  return Object.fromEntries(
    Object.entries(o).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), camel(v)]),
  );
};

/** `v` without its `pss` fields (records or lists of records). */
function noPss(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(noPss);
  if (v === null || typeof v !== "object") return v;
  return Object.fromEntries(Object.entries(v).filter(([k]) => k !== "pss"));
}

/** Compares the static attributes exactly and the moving ones with tolerances. */
function compare(pid: number, moving: boolean): void {
  const p = new Process(pid);
  const want = oracle(pid);
  const got = (_name: string, f: () => unknown): unknown => ours(f);
  const exact: [string, () => unknown][] = [
    ["name", () => p.name()],
    ["exe", () => p.exe()],
    ["cmdline", () => p.cmdline()],
    ["environ", () => p.environ()],
    ["ppid", () => p.ppid()],
    ["uids", () => p.uids()],
    ["gids", () => p.gids()],
    ["username", () => p.username()],
    ["terminal", () => p.terminal()],
    ["cwd", () => p.cwd()],
    ["nice", () => p.nice()],
    ["ionice", () => p.ionice()],
    ["cpu_affinity", () => p.cpuAffinity()],
    ["create_time", () => p.createTime()],
    ["parent", () => p.parent()?.pid ?? null],
  ];
  const records = new Set(["uids", "gids", "ionice"]);
  for (const [name, f] of exact) {
    assert.deepEqual(got(name, f), records.has(name) ? camel(want[name]) : want[name], `${name} of pid ${pid}`);
  }
  if (want.status !== "running" && !moving) assert.equal(p.status(), want.status, `status of ${pid}`);
  if (!moving) {
    // A sleeping child: everything but CPU placement stays put between the two reads.
    assert.deepEqual(got("num_ctx_switches", () => p.numCtxSwitches()), camel(want.num_ctx_switches));
    assert.equal(got("num_fds", () => p.numFds()), want.num_fds);
    assert.equal(p.numThreads(), want.num_threads);
    assert.deepEqual(p.threads(), camel(want.threads));
    assert.deepEqual(p.cpuTimes(), camel(want.cpu_times));
    assert.deepEqual(got("memory_info", () => p.memoryInfo()), camel(want.memory_info));
    // pss divides shared pages by their current sharers: other processes starting or ending move it.
    assert.deepEqual(noPss(got("memory_full_info", () => p.memoryFullInfo())), noPss(camel(want.memory_full_info)));
    assert.deepEqual(got("io_counters", () => p.ioCounters()), camel(want.io_counters));
    assert.deepEqual(got("open_files", () => p.openFiles()), camel(want.open_files));
    assert.deepEqual(noPss(got("memory_maps", () => p.memoryMaps())), noPss(camel(want.memory_maps)));
    assert.deepEqual(
      noPss(got("memory_maps_flat", () => p.memoryMaps({ grouped: false }))),
      noPss(camel(want.memory_maps_flat)),
    );
    assert.deepEqual(got("connections", () => p.netConnections("all")), camel(want.connections));
    assert.deepEqual(p.children({ recursive: true }).map((c) => c.pid).sort((a, b) => a - b), want.children);
  } else {
    // This runtime: CPU and memory move between the two reads; compare their order of magnitude.
    const ct = p.cpuTimes();
    const wct = want.cpu_times as { user: number; system: number };
    assert.ok(near(ct.user, wct.user, { abs: 2 }) && near(ct.system, wct.system, { abs: 2 }), "cpu_times");
    const mi = got("memory_info", () => p.memoryInfo()) as { rss: number };
    assert.ok(near(mi.rss, (want.memory_info as { rss: number }).rss, { rel: 0.5 }), "memory_info.rss");
    // Where psutil is refused, so are we; where it answers, the same fields come back.
    for (
      const [name, f] of [
        ["num_fds", () => p.numFds()],
        ["memory_full_info", () => p.memoryFullInfo()],
        ["io_counters", () => p.ioCounters()],
        ["open_files", () => p.openFiles()],
        ["memory_maps", () => p.memoryMaps()],
      ] as [string, () => unknown][]
    ) {
      const v = got(name, f);
      if (want[name] === "AD") assert.equal(v, "AD", `${name} of ${pid}`);
      else if (typeof want[name] === "object" && !Array.isArray(want[name])) {
        assert.deepEqual(Object.keys(v as object), Object.keys(camel(want[name]) as object), `${name} of ${pid}`);
      } else assert.equal(typeof v, typeof want[name], `${name} of ${pid}`);
    }
  }
}

test("a spawned sleeper: every attribute equals psutil's", { skip }, async () => {
  const child = await spawnSleeper({ cmd: "/bin/sh", args: ["-c", "sleep 60; :", "x", "a b", ""] });
  try {
    await retry(() => compare(child.pid, false), 3, 100);
  } finally {
    await child.kill();
  }
});

test("this process: static attributes equal psutil's, moving ones within tolerance", { skip }, async () => {
  await retry(() => compare(process.pid, true), 3, 100);
});

test("pid 1: the same values, and AccessDenied exactly where psutil raises it", { skip }, async () => {
  await retry(() => compare(1, true), 3, 100);
});

test("processIter(): the same pids as psutil's process_iter, and the same names", { skip }, async () => {
  await retry(
    () => {
      const want = psutil<[number, string][]>(
        `print(json.dumps([[p.pid, p.info["name"]] for p in psutil.process_iter(["name"])]))`,
      );
      const wantMap = new Map(want);
      let same = 0;
      for (const p of processIter({ attrs: ["name"] })) {
        const n = wantMap.get(p.pid);
        if (n === undefined) continue; // born after psutil's scan
        same++;
        if (n.startsWith("kworker/")) continue; // a kworker's name carries its current workqueue: it moves
        assert.equal(p.info!.name, n, `name of ${p.pid}`);
      }
      // Other processes come and go between the two scans; most pids must be in both.
      assert.ok(same >= want.length * 0.8, `${same} of ${want.length}`);
    },
    3,
    100,
  );
});

test("a vanished pid raises NoSuchProcess as psutil does", { skip }, () => {
  const gone = psutil<boolean>(`
try:
    psutil.Process(2**22 + 777); print("false")
except psutil.NoSuchProcess:
    print("true")`);
  assert.equal(gone, true);
  assert.throws(() => new Process(2 ** 22 + 777), NoSuchProcess);
});

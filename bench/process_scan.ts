/**
 * Full process-table scan, as a monitoring agent or `top` does it: `processIter({ attrs })` with pid, name, ppid,
 * status, cpuTimes, memoryInfo, numThreads, createTime and username, against psutil's `process_iter(attrs=...)` in
 * the same run. "cold" clears the instance cache before each scan (a fresh `ps`); "repeated" keeps it (a `top`
 * refresh). Measured on the machine's processes, then again with 500 extra sleeping processes. The two sides run
 * in alternating rounds and each keeps its best round, so load from elsewhere on the machine skews neither.
 *
 * @module
 */
import { spawn, spawnSync } from "node:child_process";
import { pids, processIter } from "../mod.ts";
import { printTable, type Row } from "./_harness.ts";

/** The attributes of the scan, in tsutil's names and psutil's. */
export const ATTRS = [
  "pid",
  "name",
  "ppid",
  "status",
  "cpuTimes",
  "memoryInfo",
  "numThreads",
  "createTime",
  "username",
];
const PY_ATTRS = [
  "pid",
  "name",
  "ppid",
  "status",
  "cpu_times",
  "memory_info",
  "num_threads",
  "create_time",
  "username",
];
const ROUNDS = 5;
const SCANS = 5;

function scan(): number {
  let n = 0;
  for (const p of processIter({ attrs: ATTRS })) if (p.info !== null) n++;
  return n;
}

/** Best µs per scan of ours over `SCANS` scans, cold or repeated. */
function ours(cold: boolean): number {
  let best = Infinity;
  scan();
  for (let i = 0; i < SCANS; i++) {
    if (cold) processIter.cacheClear();
    const t0 = performance.now();
    scan();
    best = Math.min(best, (performance.now() - t0) * 1000);
  }
  return best;
}

/** Best µs per scan of psutil, cold and repeated, in one Python run; NaN when psutil is absent. */
function theirs(): { cold: number; repeated: number } {
  const prog = `import json, time, psutil
A = ${JSON.stringify(PY_ATTRS)}
def best(cold):
    b = float("inf"); list(psutil.process_iter(attrs=A))
    for _ in range(${SCANS}):
        if cold: psutil._pmap.clear()
        t = time.perf_counter(); list(psutil.process_iter(attrs=A)); b = min(b, time.perf_counter() - t)
    return b * 1e6
print(json.dumps({"cold": best(True), "repeated": best(False)}))`;
  const r = spawnSync("/usr/bin/python3", ["-c", prog], { encoding: "utf8" });
  if (r.status !== 0) return { cold: NaN, repeated: NaN };
  return JSON.parse(r.stdout);
}

function rows(label: string): Row[] {
  const n = pids().length;
  const best = { oc: Infinity, or: Infinity, tc: Infinity, tr: Infinity };
  for (let round = 0; round < ROUNDS; round++) {
    const t = theirs();
    best.tc = Math.min(best.tc, t.cold);
    best.tr = Math.min(best.tr, t.repeated);
    best.oc = Math.min(best.oc, ours(true));
    best.or = Math.min(best.or, ours(false));
  }
  processIter.cacheClear();
  return [
    { name: `${label} cold scan, ${n} procs (µs/proc)`, ours: best.oc / n, theirs: best.tc / n },
    { name: `${label} repeated scan, ${n} procs (µs/proc)`, ours: best.or / n, theirs: best.tr / n },
  ];
}

/**
 * Starts `count` sleeping processes in their own process group; returns a function that kills them all and waits
 * until they are gone (so that a benchmark run right after, under the other runtime, scans the machine alone).
 */
async function sleepers(count: number): Promise<() => Promise<void>> {
  const before = pids().length;
  const cp = spawn("/bin/sh", ["-c", `i=0; while [ $i -lt ${count} ]; do sleep 600 & i=$((i+1)); done; wait`], {
    detached: true,
    stdio: "ignore",
  });
  const deadline = Date.now() + 30000;
  while (pids().length < before + count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return async () => {
    try {
      process.kill(-cp.pid!, "SIGKILL");
    } catch {
      // already gone
    }
    const gone = Date.now() + 10000;
    while (pids().length > before && Date.now() < gone) await new Promise((r) => setTimeout(r, 50));
  };
}

/** Runs the scan benchmarks and prints the table. */
export async function bench(): Promise<Row[]> {
  const out = rows("machine");
  const stop = await sleepers(500);
  try {
    out.push(...rows("+500 sleepers"));
  } finally {
    await stop();
  }
  printTable("Process scan: processIter({ attrs }) vs psutil.process_iter(attrs=...)", out);
  return out;
}

if (import.meta.main) await bench();

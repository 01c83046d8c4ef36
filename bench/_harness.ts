/**
 * A small benchmark harness that runs under Deno, Bun and Node: time a function, time psutil doing the same in
 * the same invocation, and print ratios (psutil time / tsutil time: above 1 means tsutil is faster).
 *
 * @module
 */
import { spawn, spawnSync } from "node:child_process";
import { RUNTIME } from "../ffi/mod.ts";

/** One measured row. */
export interface Row {
  name: string;
  /** tsutil, µs per call. */
  ours: number;
  /** psutil, µs per call (NaN when psutil is absent). */
  theirs: number;
}

/** Median µs per call of `fn`, over batches filling about `minMs` in all (after a warm-up). */
export function measure(fn: () => unknown, minMs = 300): number {
  for (let i = 0; i < 3; i++) fn();
  const samples: number[] = [];
  const start = performance.now();
  let batch = 1;
  while (performance.now() - start < minMs || samples.length < 5) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) fn();
    const dt = performance.now() - t0;
    samples.push((dt * 1000) / batch);
    if (dt < 5) batch *= 2;
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

/** Async variant of {@linkcode measure}. */
export async function measureAsync(fn: () => Promise<unknown>, minMs = 300): Promise<number> {
  for (let i = 0; i < 2; i++) await fn();
  const samples: number[] = [];
  const start = performance.now();
  while (performance.now() - start < minMs || samples.length < 5) {
    const t0 = performance.now();
    await fn();
    samples.push((performance.now() - t0) * 1000);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

/**
 * psutil's side of `measure`, in Python: the median µs per run of `code` over batches filling about `ms` in all,
 * after a warm-up (run in the module's globals, where the setup put its names).
 */
const PY_MEDIAN = `def median_us(code, ms):
    for _ in range(3): exec(code, globals())
    samples = []; start = time.perf_counter(); batch = 1
    while time.perf_counter() - start < ms / 1000 or len(samples) < 5:
        t0 = time.perf_counter()
        for _ in range(batch): exec(code, globals())
        dt = time.perf_counter() - t0
        samples.append(dt * 1e6 / batch)
        if dt < 0.005: batch *= 2
    samples.sort(); return samples[len(samples) // 2]`;

/**
 * Times each Python statement with psutil imported (after `setup`), the same way (median of batches); returns
 * µs per call by name, or NaN for every case when psutil is absent.
 */
export function psutilTimes(cases: Record<string, string>, setup = "", minMs = 300): Record<string, number> {
  const prog = `import json, time, os, psutil
${PY_MEDIAN}
${setup}
cases = json.loads(${JSON.stringify(JSON.stringify(cases))})
print(json.dumps({name: median_us(compile(stmt, name, "exec"), ${minMs}) for name, stmt in cases.items()}))`;
  const r = spawnSync("/usr/bin/python3", ["-c", prog], { encoding: "utf8", maxBuffer: 1 << 24 });
  if (r.status !== 0) {
    if (r.stderr) console.error(`psutil reference failed: ${r.stderr.split("\n").slice(-3).join(" ")}`);
    return Object.fromEntries(Object.keys(cases).map((k) => [k, NaN]));
  }
  return JSON.parse(r.stdout) as Record<string, number>;
}

/** psutil's side of an interleaved comparison: one Python process that times statements on request. */
const SERVER = `import json, sys, time, psutil
${PY_MEDIAN}
for line in sys.stdin:
    req = json.loads(line)
    try:
        print(median_us(compile(req["stmt"], "case", "exec"), req["ms"]), flush=True)
    except Exception:
        print("NaN", flush=True)
`;

/**
 * Times each case in both libraries, alternating case by case for `rounds` rounds (tsutil, then psutil, then the
 * next case), and keeps each side's best round: the two are measured seconds apart, so a burst of load on this
 * noisy machine hits both or neither, and the best round of each is the least disturbed. NaN for psutil when
 * python3-psutil is absent.
 */
export async function compareInterleaved(
  cases: [name: string, ours: () => unknown, psutilStmt: string][],
  rounds = 3,
  minMs = 150,
): Promise<Row[]> {
  const child = spawn("/usr/bin/python3", ["-c", SERVER], { stdio: ["pipe", "pipe", "ignore"] });
  const lines: string[] = [];
  const waiting: ((l: string) => void)[] = [];
  let pending = "";
  let closed = false;
  const deliver = (l: string): void => {
    const w = waiting.shift();
    if (w !== undefined) w(l);
    else lines.push(l);
  };
  child.stdout!.setEncoding("utf8");
  child.stdout!.on("data", (d: string) => {
    pending += d;
    for (let i; (i = pending.indexOf("\n")) >= 0;) {
      deliver(pending.slice(0, i));
      pending = pending.slice(i + 1);
    }
  });
  const onGone = (): void => {
    closed = true;
    while (waiting.length > 0) deliver("NaN");
  };
  child.on("close", onGone);
  child.on("error", onGone);
  const ask = (stmt: string): Promise<number> => {
    if (closed) return Promise.resolve(NaN);
    child.stdin!.write(JSON.stringify({ stmt, ms: minMs }) + "\n");
    const l = lines.shift();
    return Promise.resolve(l ?? new Promise<string>((r) => waiting.push(r))).then(Number);
  };
  const best = cases.map(([name]) => ({ name, ours: Infinity, theirs: Infinity }));
  try {
    for (let r = 0; r < rounds; r++) {
      for (const [i, [, fn, stmt]] of cases.entries()) {
        best[i].ours = Math.min(best[i].ours, measure(fn, minMs));
        const t = await ask(stmt);
        best[i].theirs = Number.isNaN(t) ? NaN : Math.min(best[i].theirs, t);
      }
    }
  } finally {
    child.stdin!.end();
  }
  return best;
}

function fmt(n: number): string {
  return Number.isNaN(n) ? "n/a" : n >= 100 ? n.toFixed(0) : n.toFixed(2);
}

/** Prints rows as a table: function, tsutil µs, psutil µs, ratio. */
export function printTable(title: string, rows: Row[]): void {
  console.log(`\n${title} (${RUNTIME}; ratio = psutil / tsutil, above 1 means tsutil is faster)`);
  const w = Math.max(8, ...rows.map((r) => r.name.length));
  console.log(
    `${"function".padEnd(w)}  ${"tsutil µs".padStart(10)}  ${"psutil µs".padStart(10)}  ${"ratio".padStart(7)}`,
  );
  for (const r of rows) {
    const ratio = r.theirs / r.ours;
    console.log(
      `${r.name.padEnd(w)}  ${fmt(r.ours).padStart(10)}  ${fmt(r.theirs).padStart(10)}  ${
        (Number.isNaN(ratio) ? "n/a" : ratio.toFixed(2) + "x").padStart(7)
      }`,
    );
  }
}

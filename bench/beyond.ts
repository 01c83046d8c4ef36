/**
 * Beyond psutil: cgroup(), pressure(), the container views, and the sampling stream's cost (per tick with 500
 * processes running, and its CPU share at a 1 s interval with top-N off). psutil has none of these, so the table
 * shows tsutil's µs only; the stream's CPU share must stay under 1% of one core.
 *
 * @module
 */
import { type ChildProcess, spawn } from "node:child_process";
import * as tsutil from "../mod.ts";
import { Sampler } from "../src/_sampler.ts";
import { measure, printTable, type Row } from "./_harness.ts";

function orNaN(fn: () => unknown): () => unknown {
  return () => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof tsutil.UnsupportedError) return null;
      throw e;
    }
  };
}

const proc = (globalThis as { process: { cpuUsage(): { user: number; system: number } } }).process;

/** CPU this process uses while `run` goes on, as a percent of one core. */
async function cpuShare(run: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  const c0 = proc.cpuUsage();
  await run();
  const c1 = proc.cpuUsage();
  return ((c1.user - c0.user + c1.system - c0.system) / ((performance.now() - t0) * 1000)) * 100;
}

/**
 * CPU used over `ticks` ticks of sample() at 1 s with top-N off (after two warm-up ticks), and the same process's
 * share while idle with a 1 s timer, both as a percent of one core.
 */
export async function streamCpuShare(ticks: number): Promise<{ stream: number; idle: number }> {
  for await (const _ of tsutil.sample({ interval: 0.05, count: 2 })) { /* warm-up: JIT, first opens */ }
  const idle = await cpuShare(async () => {
    for (let i = 0; i < ticks; i++) await new Promise((r) => setTimeout(r, 1000));
  });
  const stream = await cpuShare(async () => {
    for await (const _ of tsutil.sample({ interval: 1, count: ticks })) { /* a dashboard would draw here */ }
  });
  return { stream, idle };
}

/** Runs the benchmarks and prints the table. */
export async function bench(): Promise<Row[]> {
  const rows: Row[] = [
    { name: "cgroup", ours: measure(orNaN(() => tsutil.cgroup())), theirs: NaN },
    { name: "usableCpuCount", ours: measure(orNaN(() => tsutil.usableCpuCount())), theirs: NaN },
    { name: "containerMemory", ours: measure(orNaN(() => tsutil.containerMemory())), theirs: NaN },
    { name: "pressure", ours: measure(orNaN(() => tsutil.pressure())), theirs: NaN },
    { name: "gpus (none here)", ours: measure(() => tsutil.gpus()), theirs: NaN },
  ];
  // measured first, before the 500 children below are spawned and reaped
  const share = await streamCpuShare(8);
  const sleepers: ChildProcess[] = [];
  const have = tsutil.pids().length;
  for (let i = have; i < 500; i++) sleepers.push(spawn("sleep", ["120"], { stdio: "ignore" }));
  await new Promise((r) => setTimeout(r, 500));
  try {
    const n = tsutil.pids().length;
    for (const top of [0, 10]) {
      const s = new Sampler({ top });
      s.prime();
      rows.push({ name: `sample tick, top ${top}, ${n} procs`, ours: measure(() => s.take(), 1000), theirs: NaN });
      s.close();
    }
  } finally {
    for (const c of sleepers) c.kill("SIGKILL");
  }
  printTable("Beyond psutil: containers, pressure, GPUs, sampling (µs per call; psutil has no equivalent)", rows);
  console.log(
    `sample() CPU share at interval 1 s, top-N off, over 8 ticks: ${share.stream.toFixed(3)}% of one core ` +
      `(the same process idle with a 1 s timer: ${share.idle.toFixed(3)}%; budget: < 1%)`,
  );
  return rows;
}

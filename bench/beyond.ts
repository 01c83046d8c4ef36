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

/** CPU used by this process over `ticks` ticks of sample() at 1 s with top-N off, as a percent of one core. */
export async function streamCpuShare(ticks: number): Promise<number> {
  const proc = (globalThis as { process: { cpuUsage(): { user: number; system: number } } }).process;
  const t0 = performance.now();
  const c0 = proc.cpuUsage();
  for await (const _ of tsutil.sample({ interval: 1, count: ticks })) { /* a dashboard would draw here */ }
  const c1 = proc.cpuUsage();
  const wallUs = (performance.now() - t0) * 1000;
  return ((c1.user - c0.user + c1.system - c0.system) / wallUs) * 100;
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
  const share = await streamCpuShare(5);
  console.log(
    `sample() CPU share at interval 1 s, top-N off, over 5 ticks: ${share.toFixed(3)}% of one core (budget: < 1%)`,
  );
  return rows;
}

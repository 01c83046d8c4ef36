/**
 * One process's grouped attributes with and without `oneshot`, as psutil's `bench_oneshot.py` measures: the
 * speedup oneshot brings (without / with), ours against psutil's, in the same run.
 *
 * @module
 */
import { Process } from "../mod.ts";
import { measure, printTable, psutilTimes, type Row } from "./_harness.ts";

/** The methods psutil's bench_oneshot.py calls on Linux (all served by stat, status and statm). */
export const METHODS: [string, string][] = [
  ["cpuNum", "cpu_num"],
  ["cpuPercent", "cpu_percent"],
  ["cpuTimes", "cpu_times"],
  ["gids", "gids"],
  ["memoryInfo", "memory_info"],
  ["memoryPercent", "memory_percent"],
  ["name", "name"],
  ["numCtxSwitches", "num_ctx_switches"],
  ["numThreads", "num_threads"],
  ["parent", "parent"],
  ["ppid", "ppid"],
  ["status", "status"],
  ["terminal", "terminal"],
  ["uids", "uids"],
];

/** Runs the oneshot benchmark and prints the table. */
export function bench(): Row[] {
  const p = new Process();
  const call = p as unknown as Record<string, () => unknown>;
  const all = (): void => {
    for (const [m] of METHODS) call[m]();
  };
  const without = measure(all, 500);
  const withOneshot = measure(() => p.oneshot(all), 500);
  const py = METHODS.map(([, m]) => `p.${m}()`).join("; ");
  const theirs = psutilTimes({ without: py, with: `with p.oneshot(): ${py}` }, "p = psutil.Process()", 500);
  const rows: Row[] = [
    { name: "all grouped methods, without oneshot", ours: without, theirs: theirs.without },
    { name: "all grouped methods, with oneshot", ours: withOneshot, theirs: theirs.with },
  ];
  printTable("oneshot: one process, every grouped method", rows);
  const ourSpeedup = without / withOneshot;
  const theirSpeedup = theirs.without / theirs.with;
  console.log(
    `oneshot speedup: tsutil ${ourSpeedup.toFixed(2)}x, psutil ${theirSpeedup.toFixed(2)}x` +
      ` (${ourSpeedup >= theirSpeedup ? "at least" : "below"} psutil's)`,
  );
  return rows;
}

if (import.meta.main) bench();

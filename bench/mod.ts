/**
 * Runs every benchmark: `deno run -A bench/mod.ts` or `bun bench/mod.ts`. Each prints its own table of ratios
 * against psutil measured in the same run.
 *
 * @module
 */
import { bench as system } from "./system.ts";
import { bench as io } from "./system_io.ts";
import { bench as processScan } from "./process_scan.ts";
import { bench as oneshot } from "./oneshot.ts";
import { bench as beyond } from "./beyond.ts";

const all: [string, () => unknown][] = [
  ["system", system],
  ["io", io],
  ["process", processScan],
  ["oneshot", oneshot],
  ["beyond", beyond],
];

const only = (globalThis as { process?: { argv: string[] } }).process?.argv.slice(2) ?? [];
for (const [name, run] of all) {
  if (only.length === 0 || only.includes(name)) await run();
}

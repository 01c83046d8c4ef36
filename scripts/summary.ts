/**
 * A one-screen system summary: what `npm start` runs. Usage: `deno run --allow-ffi scripts/summary.ts` or
 * `bun scripts/summary.ts`.
 *
 * @module
 */
import * as tsutil from "../mod.ts";

function human(n: number): string {
  const units = ["B", "K", "M", "G", "T", "P"];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n.toFixed(i === 0 ? 0 : 1)}${units[i]}`;
}

/** Prints the summary. */
export function main(): void {
  const boot = new Date(tsutil.bootTime() * 1000);
  const [l1, l5, l15] = tsutil.getloadavg();
  const root = tsutil.diskUsage("/");
  console.log(`booted     ${boot.toISOString()}`);
  console.log(`cpus       ${tsutil.cpuCount()} logical, ${tsutil.cpuCount({ logical: false }) ?? "?"} cores`);
  console.log(`load       ${l1.toFixed(2)} ${l5.toFixed(2)} ${l15.toFixed(2)}`);
  console.log(`disk /     ${human(root.used)} used of ${human(root.total)} (${root.percent}%)`);
  console.log(`processes  ${tsutil.pids().length}`);
}

if (import.meta.main) main();

// The full process-table scan under Node, against systeminformation's processes() in the same run (issue 4: "for the
// README"). Runs the npm build: `npm run build:npm && node bench/systeminformation.mjs`. Both sides run in
// alternating rounds and keep their best, so load from elsewhere skews neither. systeminformation's processes()
// spawns `ps` and reads /proc; it also computes CPU percentages, which is part of what a dashboard asks it for. It
// returns its previous answer when called again within 500 ms, so each of its rounds waits 600 ms first.
import { performance } from "node:perf_hooks";

const ROUNDS = 5;
const ATTRS = ["pid", "name", "ppid", "status", "cpuTimes", "memoryInfo", "numThreads", "createTime", "username"];

const tsutil = await import(new URL("../npm/esm/mod.js", import.meta.url).href);
const si = (await import("systeminformation")).default;

function scan(cold) {
  if (cold) tsutil.processIter.cacheClear();
  let n = 0;
  for (const p of tsutil.processIter({ attrs: ATTRS })) if (p.info !== null) n++;
  return n;
}

let oursCold = Infinity;
let oursRepeated = Infinity;
let theirs = Infinity;
let nOurs = 0;
let nTheirs = 0;
scan(false);
await si.processes();
await new Promise((r) => setTimeout(r, 600));
await si.processes();
for (let r = 0; r < ROUNDS; r++) {
  let t0 = performance.now();
  nOurs = scan(true);
  oursCold = Math.min(oursCold, performance.now() - t0);
  t0 = performance.now();
  scan(false);
  oursRepeated = Math.min(oursRepeated, performance.now() - t0);
  await new Promise((r) => setTimeout(r, 600));
  t0 = performance.now();
  nTheirs = (await si.processes()).list.length;
  theirs = Math.min(theirs, performance.now() - t0);
}

const ffi = process.env.TSUTIL_NODE_FFI ?? "default";
console.log(`\nProcess scan under Node ${process.version} (tsutil npm build, FFI: ${ffi}) vs systeminformation`);
console.log(`processes: tsutil ${nOurs}, systeminformation ${nTheirs}`);
console.log(`${"case".padEnd(22)}${"ms per scan".padStart(12)}${"ratio".padStart(9)}`);
console.log(`${"systeminformation".padEnd(22)}${theirs.toFixed(1).padStart(12)}${"1.00x".padStart(9)}`);
console.log(
  `${"tsutil cold".padEnd(22)}${oursCold.toFixed(1).padStart(12)}${(theirs / oursCold).toFixed(2).padStart(8)}x`,
);
console.log(
  `${"tsutil repeated".padEnd(22)}${oursRepeated.toFixed(1).padStart(12)}${
    (theirs / oursRepeated).toFixed(2).padStart(8)
  }x`,
);

/**
 * Performance counters (pdh.dll): one-shot reads, and the load-average emulation psutil added in 5.6.2 — the
 * `\System\Processor Queue Length` counter sampled every 5 seconds and folded into 1, 5 and 15-minute exponentially
 * decayed averages. The sampler starts on the first call and runs on an unref'd timer, so it never keeps the
 * process alive.
 *
 * @module
 */
import { setInterval } from "node:timers";
import { decode, sizeOf } from "../../ffi/struct.ts";
import { wstr } from "../../ffi/cstring.ts";
import { SystemCallError } from "../../ffi/errors.ts";
import type { LoadAvg } from "../../src/types.ts";
import { PDH_FMT_COUNTERVALUE } from "./structs.ts";
import { alloc, pdh, viewOf } from "./_win32.ts";

/** `PDH_FMT_DOUBLE`. */
const PDH_FMT_DOUBLE = 0x00000200;

const PDH_NAMES: Readonly<Record<number, string>> = Object.freeze({
  0x800007d5: "PDH_NO_DATA",
  0xc0000bb8: "PDH_CSTATUS_NO_OBJECT",
  0xc0000bb9: "PDH_CSTATUS_NO_COUNTER",
  0xc0000bbc: "PDH_INVALID_HANDLE",
  0xc0000bbd: "PDH_INVALID_ARGUMENT",
  0xc0000bc0: "PDH_CSTATUS_BAD_COUNTERNAME",
  0xc0000bc6: "PDH_INVALID_DATA",
  0xc0000bd1: "PDH_CSTATUS_NO_MACHINE",
});

/** The name of a PDH status (`PDH_CSTATUS_NO_COUNTER`), or its hex value. */
export function pdhStatusName(status: number): string {
  return PDH_NAMES[status >>> 0] ?? `PDH_STATUS_0x${(status >>> 0).toString(16)}`;
}

function pdhError(fn: string, status: number, path: string): SystemCallError {
  return new SystemCallError(fn, status >>> 0, pdhStatusName(status), path);
}

/** An open query with one counter. */
interface Counter {
  query: number;
  counter: number;
  path: string;
}

function openCounter(path: string): Counter {
  const p = pdh();
  const out = new BigInt64Array(1);
  let s = p.PdhOpenQueryW(null, 0, out);
  if (s !== 0) throw pdhError("PdhOpenQueryW", s, path);
  const query = Number(out[0]);
  s = p.PdhAddEnglishCounterW(query, wstr(path), 0, out);
  if (s !== 0) {
    p.PdhCloseQuery(query);
    throw pdhError("PdhAddEnglishCounterW", s, path);
  }
  return { query, counter: Number(out[0]), path };
}

const VALUE_SIZE = sizeOf(PDH_FMT_COUNTERVALUE, "llp64");

/** Collects a sample and formats the counter as a double. */
function sample(c: Counter): number {
  const p = pdh();
  const s = p.PdhCollectQueryData(c.query);
  if (s !== 0) throw pdhError("PdhCollectQueryData", s, c.path);
  const buf = alloc(VALUE_SIZE);
  const f = p.PdhGetFormattedCounterValue(c.counter, PDH_FMT_DOUBLE, null, buf);
  if (f !== 0) throw pdhError("PdhGetFormattedCounterValue", f, c.path);
  return decode(PDH_FMT_COUNTERVALUE, viewOf(buf), 0, "llp64").doubleValue;
}

/**
 * Reads a counter once (psutil's `swap_percent`). A counter that needs two samples answers `PDH_INVALID_DATA` on the
 * first: psutil then assumes 0, and so does this.
 */
export function queryCounterOnce(path: string): number {
  const c = openCounter(path);
  try {
    return sample(c);
  } catch (e) {
    if (e instanceof SystemCallError && (e.code === "PDH_INVALID_DATA" || e.code === "PDH_NO_DATA")) return 0;
    throw e;
  } finally {
    pdh().PdhCloseQuery(c.query);
  }
}

/** psutil's decay factors: exp(-5 s / 1 min), exp(-5 s / 5 min), exp(-5 s / 15 min). */
export const LOADAVG_FACTORS: readonly [number, number, number] = [
  Math.exp(-5 / 60),
  Math.exp(-5 / 300),
  Math.exp(-5 / 900),
];
/** Seconds between samples. */
export const LOADAVG_INTERVAL_S = 5;

/** Folds one queue-length sample into the three averages (pure; psutil's `LoadAvgCallback`). */
export function foldLoad(avg: LoadAvg, load: number): LoadAvg {
  return [
    avg[0] * LOADAVG_FACTORS[0] + load * (1 - LOADAVG_FACTORS[0]),
    avg[1] * LOADAVG_FACTORS[1] + load * (1 - LOADAVG_FACTORS[1]),
    avg[2] * LOADAVG_FACTORS[2] + load * (1 - LOADAVG_FACTORS[2]),
  ];
}

let loads: LoadAvg = [0, 0, 0];
let sampler: Counter | undefined;

/**
 * The emulated load averages, rounded to 2 decimals as psutil does. The first call opens the counter and starts the
 * 5-second sampler, so it answers `[0, 0, 0]`; later calls see the averages climb towards the queue length.
 */
export function getloadavg(): LoadAvg {
  if (sampler === undefined) {
    const c = openCounter("\\System\\Processor Queue Length");
    // The first collection primes the counter; errors after start-up are skipped, as psutil's callback does.
    pdh().PdhCollectQueryData(c.query);
    sampler = c;
    const timer = setInterval(() => {
      try {
        loads = foldLoad(loads, sample(c));
      } catch {
        // a failed sample leaves the averages as they were (psutil's callback returns early)
      }
    }, LOADAVG_INTERVAL_S * 1000);
    timer.unref();
  }
  return loads.map((v) => Math.round(v * 100) / 100) as LoadAvg;
}

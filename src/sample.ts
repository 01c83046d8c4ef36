/**
 * A sampling stream for dashboards: every interval, CPU, memory, swap, disk and network rates, and optionally the
 * busiest processes. Beyond psutil.
 *
 * @module
 */
import { Sampler, type SamplerOptions } from "./_sampler.ts";
import type { Sample } from "./_sampler.ts";

export type { DiskRate, NetRate, Sample, SamplerOptions, TopProcess } from "./_sampler.ts";

/** Options for {@linkcode sample}. */
export interface SampleOptions extends SamplerOptions {
  /** Seconds between ticks (default 1). Must be > 0. */
  interval?: number;
  /** Stops the stream: the iterator returns at the next tick boundary, or at once while it waits. */
  signal?: AbortSignal;
  /** Stop after this many ticks (default: never). */
  count?: number;
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(true);
    }, Math.max(0, ms));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * An async iterator that yields, every `interval` seconds, what a dashboard shows: CPU percent in total and per
 * CPU, memory and swap, disk and network rates per device (per second, with 32-bit counter wrap handled), and with
 * `top: n` the `n` busiest processes by CPU. Ticks are scheduled against an absolute clock (tick k is due at
 * start + k × interval), so delays never accumulate; a tick missed because the consumer was slow is skipped rather
 * than delivered late in a burst, and `elapsed` always gives the true denominator. Each tick's reads are
 * synchronous and nothing else blocks the event loop. Stop it with `signal`, `count`, or by leaving the `for await`.
 *
 * A figure the platform lacks is `null` rather than an error.
 *
 * Availability: Linux (and wherever the backend has cpuTimes, virtualMemory, diskIoCounters, netIoCounters).
 *
 * @experimental The shape may still move.
 * @tags allow-ffi
 * @param options Interval, signal, count, and what to read.
 * @returns An async iterator of samples.
 * @throws {RangeError} for an interval ≤ 0 or a negative `top`/`count`.
 * @example Two quick samples
 * ```ts
 * import { sample } from "../mod.ts";
 * let n = 0;
 * for await (const s of sample({ interval: 0.05, count: 2 })) {
 *   if (s.cpuPercent !== null && !(s.cpuPercent >= 0 && s.cpuPercent <= 100)) throw new Error();
 *   n++;
 * }
 * if (n !== 2) throw new Error();
 * ```
 */
export async function* sample(options: SampleOptions = {}): AsyncGenerator<Sample, void, undefined> {
  const interval = options.interval ?? 1;
  if (typeof interval !== "number" || !(interval > 0) || !Number.isFinite(interval)) {
    throw new RangeError(`interval must be a positive number of seconds, got ${interval}`);
  }
  const top = options.top ?? 0;
  if (!Number.isInteger(top) || top < 0) throw new RangeError(`top must be a non-negative integer, got ${top}`);
  const count = options.count ?? Infinity;
  if (!(count >= 0)) throw new RangeError(`count must be a non-negative number, got ${count}`);
  const { signal } = options;
  if (signal?.aborted || count === 0) return;
  const sampler = new Sampler(options);
  const ms = interval * 1000;
  try {
    sampler.prime();
    const start = performance.now();
    let k = 0;
    for (let yielded = 0; yielded < count;) {
      k++;
      const now = performance.now();
      // after a slow consumer, skip to the next boundary still ahead instead of firing a burst
      if (start + k * ms < now) k = Math.floor((now - start) / ms) + 1;
      if (!(await wait(start + k * ms - performance.now(), signal))) return;
      yield sampler.take();
      yielded++;
      if (signal?.aborted) return;
    }
  } finally {
    sampler.close();
  }
}

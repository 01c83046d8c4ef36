/**
 * Test helpers shared by every suite: psutil as oracle, fixture paths, child processes, retry.
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Repository root. The Node suite runs compiled copies of these files from a build folder and names the repository
 * in `TSUTIL_REPO_ROOT`, so paths to fixtures, sources and tools stay right there too.
 */
export const ROOT: string = process.env.TSUTIL_REPO_ROOT || join(dirname(fileURLToPath(import.meta.url)), "..");

/** Path of a fixture tree: `tests/fixtures/<rel>`. */
export function fixture(rel: string): string {
  return join(ROOT, "tests", "fixtures", rel);
}

/** The oracle's interpreter (Debian's python3-psutil). */
export const PYTHON = "/usr/bin/python3";

let psutilOk: boolean | undefined;

/** Whether Debian's psutil can be imported. */
export function hasPsutil(): boolean {
  if (psutilOk === undefined) {
    psutilOk = existsSync(PYTHON) && spawnSync(PYTHON, ["-c", "import psutil"]).status === 0;
  }
  return psutilOk;
}

/**
 * The `skip` option for a conformance test: a reason when psutil is absent, `false` otherwise. With
 * `TSUTIL_STRICT_CONFORMANCE=1` (CI) a missing psutil is not a reason to skip: the test runs and fails.
 */
export function skipWithoutPsutil(): string | false {
  if (hasPsutil() || process.env.TSUTIL_STRICT_CONFORMANCE === "1") return false;
  return "python3-psutil is not installed (apt-get install python3-psutil)";
}

/** Runs Python `code` (which must print one JSON document) with psutil imported; returns the parsed value. */
export function psutil<T = unknown>(code: string): T {
  const prog = `import json, os, sys, psutil\n${code}`;
  const r = spawnSync(PYTHON, ["-c", prog], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`psutil oracle failed: ${r.stderr || r.error}`);
  return JSON.parse(r.stdout) as T;
}

/** Asserts `a` and `b` are within `abs` or `rel` of each other. */
export function near(a: number, b: number, opts: { abs?: number; rel?: number } = {}): boolean {
  const diff = Math.abs(a - b);
  return diff <= (opts.abs ?? 0) || diff <= Math.abs(b) * (opts.rel ?? 0);
}

/** Calls `fn` up to `times` times until it does not throw (for values that move between two reads). */
export async function retry<T>(fn: () => T | Promise<T>, times = 3, delayMs = 50): Promise<T> {
  let last: unknown;
  for (let i = 0; i < times; i++) {
    try {
      return await fn();
    } catch (e) {
      last = e;
      await new Promise((r) => setTimeout(r, delayMs));
    }
  }
  throw last;
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

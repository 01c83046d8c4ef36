/**
 * Test helpers shared by every suite: psutil as oracle, fixture paths, child processes, retry.
 *
 * @module
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, readlinkSync, realpathSync } from "node:fs";
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

/** Polls `pred` every `everyMs` until it returns a truthy value (returned) or `timeoutMs` passes (throws). */
export async function waitFor<T>(pred: () => T | Promise<T>, timeoutMs = 5000, everyMs = 20): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    let v: T | undefined;
    try {
      v = await pred();
    } catch {
      v = undefined;
    }
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`waitFor: condition not met within ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}

/** A spawned child that tests must `kill()` (in `finally` / `after`). */
export interface Child {
  /** The child's pid. */
  pid: number;
  /** SIGKILLs the child (and, for a zombie holder, frees the zombie) and waits for it to be reaped. */
  kill(): Promise<void>;
}

function childOf(cp: ChildProcess): Child {
  const exited = new Promise<void>((r) => cp.once("exit", () => r()));
  return {
    pid: cp.pid!,
    async kill(): Promise<void> {
      if (cp.exitCode === null && cp.signalCode === null) cp.kill("SIGKILL");
      await exited;
    },
  };
}

/** Spawns `/bin/sleep seconds` (or `cmd`), waiting until it has exec'd. */
export async function spawnSleeper(
  opts: { seconds?: number; cmd?: string; args?: string[]; cwd?: string; env?: Record<string, string> } = {},
): Promise<Child> {
  const cmd = opts.cmd ?? "/bin/sleep";
  const cp = spawn(cmd, opts.args ?? [String(opts.seconds ?? 60)], { cwd: opts.cwd, env: opts.env, stdio: "ignore" });
  await new Promise<void>((res, rej) => {
    cp.once("spawn", () => res());
    cp.once("error", rej);
  });
  const c = childOf(cp);
  // Wait until the exec is done: /proc/<pid>/exe no longer names this runtime.
  const self = realpathSync(process.execPath);
  // Mid-exec the link may already name the new binary while the arguments are still empty: wait for both.
  await waitFor(() => readlinkSync(`/proc/${c.pid}/exe`) !== self && readFileSync(`/proc/${c.pid}/cmdline`).length > 0);
  return c;
}

/**
 * Spawns a holder (`sh` that execs `sleep 60`) whose child `sleep 0` exits and is never reaped: a zombie. Returns
 * the holder and the zombie's pid once `/proc/<zombie>/stat` says `Z`.
 */
export async function spawnZombie(): Promise<{ holder: Child; zombie: number }> {
  const cp = spawn("/bin/sh", ["-c", "sleep 0 & exec sleep 60"], { stdio: "ignore" });
  const holder = childOf(cp);
  const zombie = await waitFor(() => {
    for (const name of readdirSync("/proc")) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, "latin1");
        const after = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        if (after[0] === "Z" && Number(after[1]) === holder.pid) return Number(name);
      } catch {
        // gone meanwhile
      }
    }
    return 0;
  });
  return { holder, zombie };
}

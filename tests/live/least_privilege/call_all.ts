/**
 * Run under `deno run --allow-ffi` (and nothing else) by tests/live/least_privilege_test.ts: calls every function
 * mod.ts exports (found at run time, so new exports are covered without editing this file), and every read-only
 * method of `Process` on this process, then prints one JSON report: what was called, and every error, with whether
 * it was a permission error. Functions that the permissions table says need more flags are run only when
 * `--only <name>` names them (the test then grants those flags).
 *
 * @module
 */
import * as tsutil from "../../../mod.ts";
import perms from "../../../scripts/internal/permissions.json" with { type: "json" };

/** Sensible arguments for functions that need some; the rest are called with none. */
const ARGS: Record<string, unknown[]> = {
  configure: [{}],
  pidExists: [1],
  diskUsage: ["/"],
  bytes2human: [123456],
  waitProcs: [[], { timeout: 0 }],
  winServiceGet: ["nope"],
  cpuPercent: [{ interval: 0.01 }],
  cpuTimesPercent: [{ interval: 0.01 }],
  sample: [{ interval: 0.01, count: 1, top: 3 }],
  spawn: [["true"]],
  processGpuUsage: [1],
  cgroup: [],
  pressure: [],
};

/** Methods of Process that act on the process (signals, waits) or change it: not called on ourselves. */
const ACTORS = new Set(["kill", "terminate", "suspend", "resume", "sendSignal", "wait", "constructor"]);

interface Outcome {
  name: string;
  ok: boolean;
  permission: boolean;
  error?: string;
}

function isPermissionError(e: unknown): boolean {
  const errs = Deno.errors as unknown as Record<string, unknown>;
  for (const k of ["NotCapable", "PermissionDenied"]) {
    const C = errs[k];
    if (typeof C === "function" && e instanceof (C as new () => Error)) return true;
  }
  if (e instanceof tsutil.MissingPermissionError) return true;
  return e instanceof Error && /--allow-|NotCapable|[Rr]equires .* access/.test(e.message);
}

async function settle(v: unknown): Promise<void> {
  if (v instanceof Promise) {
    await v;
    return;
  }
  if (v !== null && typeof v === "object") {
    const o = v as {
      [Symbol.asyncIterator]?: () => AsyncIterator<unknown>;
      [Symbol.iterator]?: () => Iterator<unknown>;
    };
    if (typeof o[Symbol.asyncIterator] === "function") {
      const it = o[Symbol.asyncIterator]!();
      await it.next();
      await it.return?.();
    } else if (typeof o[Symbol.iterator] === "function" && !Array.isArray(v) && !(v instanceof Map)) {
      const it = o[Symbol.iterator]!();
      for (let i = 0; i < 3 && !it.next().done; i++);
      it.return?.();
    }
  }
}

async function attempt(name: string, fn: () => unknown): Promise<Outcome> {
  try {
    await settle(fn());
    return { name, ok: true, permission: false };
  } catch (e) {
    return {
      name,
      ok: false,
      permission: isPermissionError(e),
      error: `${(e as Error)?.name}: ${(e as Error)?.message}`,
    };
  }
}

function isClass(v: unknown): boolean {
  return typeof v === "function" && /^class[\s{]/.test(Function.prototype.toString.call(v));
}

const only = Deno.args[0] === "--only" ? Deno.args[1] : undefined;
const extra = perms.functions as Record<string, { flags: string[] }>;
const out: Outcome[] = [];
const functions = Object.entries(tsutil).filter(([, v]) => typeof v === "function" && !isClass(v));
for (const [name, fn] of functions) {
  if (only !== undefined ? name !== only : name in extra) continue;
  out.push(await attempt(name, () => (fn as (...a: unknown[]) => unknown)(...(ARGS[name] ?? []))));
}
if (only === undefined) {
  const me = new tsutil.Process(Deno.pid);
  const proto = Object.getPrototypeOf(me) as Record<string, unknown>;
  for (const m of Object.getOwnPropertyNames(proto)) {
    const d = Object.getOwnPropertyDescriptor(proto, m);
    if (ACTORS.has(m) || typeof d?.value !== "function") continue;
    out.push(await attempt(`Process.${m}`, () => (d.value as () => unknown).call(me)));
  }
}
console.log(JSON.stringify({ functions: functions.map(([n]) => n), outcomes: out }));

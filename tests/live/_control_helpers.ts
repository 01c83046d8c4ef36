/**
 * Helpers for the process-control tests: children the runtime does not know about (started with `posix_spawnp`
 * through FFI, so only these tests reap them), runtime-spawned sleepers, and `/proc/<pid>/stat` reads.
 *
 * @module
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { requireAdapter } from "../../ffi/mod.ts";
import { cstr } from "../../ffi/cstring.ts";
import { libcTable } from "../../platforms/linux/libc.ts";
import { linuxContext } from "../../platforms/linux/context.ts";
import { linuxProcessControl, processIdentity } from "../../platforms/linux/process_control.ts";
import type { LinuxControlMembers } from "../../platforms/linux/process_control.ts";
import type { ProcessBackend } from "../../platforms/process_backend.ts";
import { backend, setBackend } from "../../src/_backend.ts";

const TEST_LIBC = {
  // pid_t *pid, const char *file, const posix_spawn_file_actions_t *fa, const posix_spawnattr_t *attr,
  // char *const argv[], char *const envp[]
  posix_spawnp: { args: ["buffer", "buffer", "pointer", "pointer", "buffer", "buffer"], returns: "i32" },
  waitpid: { args: ["i32", "buffer", "i32"], returns: "i32" }, // pid_t pid, int *status, int options
} as const;

/** A NULL-terminated `char *[]` of `items`; the returned buffers must stay alive while it is used. */
function cArray(items: string[]): { arr: BigUint64Array; keep: Uint8Array[] } {
  const a = requireAdapter("test");
  const keep = items.map((s) => cstr(s));
  const arr = new BigUint64Array(items.length + 1);
  keep.forEach((b, i) => arr[i] = a.addressOf(a.pointerOf(b)));
  return { arr, keep };
}

/** Starts `argv` with `posix_spawnp`: a child of this process that Deno/Bun do not track (nor reap). */
export function spawnUnmanaged(argv: string[]): number {
  const { arr, keep } = cArray(argv);
  const env = cArray(["PATH=/usr/bin:/bin"]);
  const pid = new Int32Array(1);
  const rc = libcTable(TEST_LIBC).posix_spawnp(pid, cstr(argv[0]), null, null, arr, env.arr);
  if (rc !== 0) throw new Error(`posix_spawnp failed: errno ${rc}`);
  keep.length = 0;
  return pid[0];
}

/** Reaps unmanaged child `pid` (waits for it): its raw wait status, or -1 when it is not ours (already reaped). */
export function reap(pid: number): number {
  const st = new Int32Array(1);
  return libcTable(TEST_LIBC).waitpid(pid, st, 0) === pid ? st[0] : -1;
}

/** State letter and CPU ticks (utime + stime) from `/proc/<pid>/stat`. */
export function statOf(pid: number): { state: string; ticks: number } {
  const s = readFileSync(`/proc/${pid}/stat`, "latin1");
  const f = s.slice(s.lastIndexOf(")") + 2).split(" ");
  return { state: f[0], ticks: Number(f[11]) + Number(f[12]) };
}

/** A runtime-spawned child and a promise of its `[code, signal]`. */
export interface Child {
  proc: ChildProcess;
  pid: number;
  exit: Promise<[number | null, string | null]>;
}

/** Starts `argv` with node:child_process (the runtime reaps it). */
export function child(argv: string[]): Child {
  const proc = spawn(argv[0], argv.slice(1), { stdio: "ignore" });
  const exit = new Promise<[number | null, string | null]>((r) => proc.on("exit", (c, s) => r([c, s])));
  return { proc, pid: proc.pid!, exit };
}

/** The control members for `pid` on this machine. */
export function control(pid: number): LinuxControlMembers {
  return linuxProcessControl(processIdentity(linuxContext(), pid)) as LinuxControlMembers;
}

/** Polls `cond` every 10 ms until true or `ms` elapse; returns its last value. */
export async function waitUntil(cond: () => boolean, ms = 3000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  return cond();
}

/**
 * Makes `Process` reach the control members: a no-op once `platforms/linux/process.ts` merges
 * `linuxProcessControl` into its per-pid object; until then, merges them through `setBackend`.
 */
export function ensureControlWired(): void {
  const b = backend();
  const probe = b.process?.(process.pid);
  if (probe === undefined || typeof probe.kill === "function") {
    probe?.close?.();
    return;
  }
  probe.close?.();
  const ctx = linuxContext();
  const make = b.process!.bind(b);
  setBackend({
    ...b,
    process(pid: number): ProcessBackend {
      const read = make(pid);
      const ctl = linuxProcessControl(processIdentity(ctx, pid));
      return {
        ...read,
        ...ctl,
        close: () => {
          read.close?.();
          ctl.close?.();
        },
      };
    },
  });
}

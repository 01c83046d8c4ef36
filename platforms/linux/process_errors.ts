/**
 * The Linux process seam's error translation (psutil's `wrap_exceptions`): raw `SystemCallError`s from reading
 * `/proc/<pid>/...` or from a syscall become `NoSuchProcess`, `ZombieProcess` or `AccessDenied`, once, here.
 *
 * @module
 */
import { SystemCallError } from "../../ffi/errors.ts";
import { AccessDenied, NoSuchProcess, ZombieProcess } from "../../src/errors.ts";
import type { LinuxContext } from "./context.ts";
import { statState } from "./procfs/pid_stat.ts";

/** What the translation needs to know about the process: where it lives and what we learnt of it so far. */
export interface ProcessIdentity {
  readonly ctx: LinuxContext;
  readonly pid: number;
  /** `<procfs>/<pid>`. */
  readonly dir: string;
  /** The name, once known (put in error messages). */
  name: string | null;
  /** The parent pid, once known (put in `ZombieProcess`). */
  ppid: number | null;
}

/** Whether `<procfs>/<pid>/stat` says the process is a zombie (false when it cannot be read). */
export function isZombie(p: ProcessIdentity): boolean {
  try {
    return statState(p.ctx.io.read(`${p.dir}/stat`, true)) === "Z";
  } catch (e) {
    if (e instanceof SystemCallError) return false;
    throw e;
  }
}

/** Throws `ZombieProcess` if the process is a zombie. */
export function raiseIfZombie(p: ProcessIdentity): void {
  if (isZombie(p)) throw new ZombieProcess({ pid: p.pid, name: p.name, ppid: p.ppid });
}

/** Throws `NoSuchProcess` when `<procfs>/<pid>` is gone (psutil's `_raise_if_not_alive`). */
export function raiseIfNotAlive(p: ProcessIdentity): void {
  if (!p.ctx.io.exists(p.dir)) throw new NoSuchProcess({ pid: p.pid, name: p.name, syscall: p.dir, code: "ENOENT" });
}

/**
 * Maps one error thrown while reading process `p`: EACCES/EPERM → `AccessDenied`; ESRCH → `ZombieProcess` or
 * `NoSuchProcess`; ENOENT → `ZombieProcess`, or `NoSuchProcess` when `<pid>/stat` is gone too, else the error as
 * it was (a file missing in a live process). Anything else passes through.
 */
export function translateError(p: ProcessIdentity, e: unknown): unknown {
  if (!(e instanceof SystemCallError)) return e;
  const details = { pid: p.pid, name: p.name, syscall: e.path ?? e.syscall, code: e.code, cause: e };
  switch (e.code) {
    case "EACCES":
    case "EPERM":
      return new AccessDenied(details);
    case "ESRCH":
      if (isZombie(p)) return new ZombieProcess({ ...details, ppid: p.ppid });
      return new NoSuchProcess(details);
    case "ENOENT":
      if (isZombie(p)) return new ZombieProcess({ ...details, ppid: p.ppid });
      if (!p.ctx.io.exists(`${p.dir}/stat`)) return new NoSuchProcess(details);
      return e;
    default:
      return e;
  }
}

/**
 * Runs `fn` and translates what it throws with {@linkcode translateError} (psutil's `wrap_exceptions`).
 *
 * @example
 * ```ts
 * import { wrapErrors } from "./process_errors.ts";
 * import { linuxContext } from "./context.ts";
 * const p = { ctx: linuxContext(), pid: 1, dir: "/proc/1", name: null, ppid: null };
 * if (wrapErrors(p, () => 42) !== 42) throw new Error();
 * ```
 */
export function wrapErrors<T>(p: ProcessIdentity, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw translateError(p, e);
  }
}

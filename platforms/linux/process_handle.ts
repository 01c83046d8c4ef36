/**
 * One process pinned for control: a pidfd where the kernel has them (Linux ≥ 5.3), else its `(pid, start time)`
 * pair, psutil's guard. Signals go through `pidfd_send_signal`, which can only reach the pinned process; without a
 * pidfd they go through `kill(2)` right after a start-time check. The pidfd is closed by {@linkcode PidHandle.close}
 * and, should a handle be dropped unclosed, by a `FinalizationRegistry` as a backstop.
 *
 * When to pin: the handle pins on its first use, which names whichever process holds the pid at that moment. To
 * bind it to the process a caller has already identified by `(pid, createTime)`, call `open()` FIRST and check the
 * create time AFTER: a process alive at the check was alive when its pidfd was opened, so that fd is the one.
 *
 * @module
 */
import { SystemCallError } from "../../ffi/errors.ts";
import { AccessDenied, NoSuchProcess } from "../../src/errors.ts";
import type { ProcessIdentity } from "./process_errors.ts";
import { lastError, libcTable } from "./libc.ts";
import { LIBC_CONTROL } from "./symbols.ts";
import { parsePidStat } from "./procfs/pid_stat.ts";
import { closeFd, pidfdEnabled, pidfdExited, pidfdOpen, pidfdSendSignal } from "./pidfd.ts";

/** What pinning found: a pidfd, a start time only (no pidfd), or no process with that pid. */
export type PinMode = "pidfd" | "starttime" | "gone";

/** The highest signal number Linux accepts (`SIGRTMAX`). */
const SIGRTMAX = 64;

// A handle dropped without close() gets its pidfd closed when collected. The held value is a box that does not
// reference the handle, and close() empties it and unregisters, so an fd number is never closed twice.
const finalizer = new FinalizationRegistry<{ fd: number }>((box) => {
  if (box.fd >= 0) {
    try {
      closeFd(box.fd);
    } catch {
      // Nothing to report to: the handle is gone.
    }
    box.fd = -1;
  }
});

/** The process's start time after boot in clock ticks, or `null` when `<procfs>/<pid>/stat` is gone. */
export function readStartTicks(ident: ProcessIdentity): number | null {
  const path = `${ident.dir}/stat`;
  try {
    return parsePidStat(ident.ctx.io.read(path, true), path).starttime;
  } catch (e) {
    if (e instanceof SystemCallError && (e.code === "ENOENT" || e.code === "ESRCH")) return null;
    throw e;
  }
}

/** A process pinned for signals and pid-based syscalls; see the module documentation. */
export class PidHandle {
  /** Who the handle is for (its name and ppid fill error messages). */
  readonly ident: ProcessIdentity;
  #mode: PinMode | null = null;
  #box = { fd: -1 };
  #start: number | null = null;
  #busy = 0;
  #closeWhenIdle = false;

  /** A handle for `ident.pid`; nothing is opened until {@linkcode open} or a first use. */
  constructor(ident: ProcessIdentity) {
    this.ident = ident;
  }

  /** The pid. */
  get pid(): number {
    return this.ident.pid;
  }

  /** The pidfd, or -1 when the handle holds none (not pinned yet, no pidfd support, or closed). */
  get fd(): number {
    return this.#box.fd;
  }

  /**
   * Pins the process now holding the pid: opens its pidfd or, where pidfds are unavailable (kernel < 5.3,
   * seccomp, EMFILE), records its start time. Idempotent. Returns false when no process has that pid.
   */
  open(): boolean {
    return this.pin() !== "gone";
  }

  /** Pins on first call (see {@linkcode open}) and tells how. */
  pin(): PinMode {
    if (this.#mode !== null) return this.#mode;
    if (this.pid <= 0) return this.#mode = "gone"; // no pidfd nor /proc entry names pid 0
    if (pidfdEnabled()) {
      const fd = pidfdOpen(this.pid);
      if (typeof fd === "number") {
        this.#box.fd = fd;
        finalizer.register(this, this.#box, this);
        this.#start = readStartTicks(this.ident);
        return this.#mode = "pidfd";
      }
      if (fd.code === "ESRCH") return this.#mode = "gone";
      // ENOSYS (kernel < 5.3 or seccomp), EMFILE/ENFILE/ENODEV, EINVAL (a leader mid-exit, psutil #2715):
      // fall back to psutil's (pid, start time) guard.
    }
    this.#start = readStartTicks(this.ident);
    return this.#mode = this.#start === null ? "gone" : "starttime";
  }

  /**
   * Throws `NoSuchProcess` unless the pinned process still holds the pid, checked as late as possible before a
   * pid-based syscall: through the pidfd (`pidfd_send_signal(fd, 0)`: ESRCH once reaped; a zombie still holds its
   * pid) or by comparing start times. What remains is the window of one syscall.
   */
  assertSame(): void {
    const mode = this.pin();
    if (mode === "gone") throw this.#gone("pidfd_open", "ESRCH");
    if (this.#box.fd >= 0) {
      const err = pidfdSendSignal(this.#box.fd, 0);
      if (err === null || err.code === "EPERM") return;
      if (err.code !== "ENOSYS") throw this.translate(err);
    }
    const now = readStartTicks(this.ident);
    if (now === null) throw this.#gone(`${this.ident.dir}/stat`, "ENOENT");
    if (this.#start !== null && now !== this.#start) {
      throw new NoSuchProcess({
        pid: this.pid,
        name: this.ident.name,
        msg: "Process no longer exists and its PID has been reused",
      });
    }
  }

  /** Sends `sig` (0 tests existence) to the pinned process: `pidfd_send_signal`, else start-time check + `kill`. */
  signal(sig: number): void {
    if (typeof sig !== "number" || !Number.isInteger(sig)) throw new TypeError(`Signal must be an integer, got ${sig}`);
    if (sig < 0 || sig > SIGRTMAX) throw new RangeError(`Invalid signal number ${sig} (0-${SIGRTMAX})`);
    this.assertPositivePid("send a signal to");
    const mode = this.pin();
    if (mode === "gone") throw this.#gone("pidfd_open", "ESRCH");
    if (this.#box.fd >= 0) {
      const err = pidfdSendSignal(this.#box.fd, sig);
      if (err === null) return;
      if (err.code !== "ENOSYS") throw this.translate(err);
      this.#drop(); // the kernel has pidfd_open but not pidfd_send_signal: use kill(2) from now on
    }
    this.assertSame();
    if (libcTable(LIBC_CONTROL).kill(this.pid, sig) !== 0) throw this.translate(lastError("kill"));
  }

  /** Whether the pinned process has exited (zombie or reaped). Pins first. */
  exited(): boolean {
    const mode = this.pin();
    if (mode === "gone") return true;
    if (this.#box.fd >= 0) return pidfdExited(this.#box.fd);
    const now = readStartTicks(this.ident);
    return now === null || now !== this.#start || this.#isZombie();
  }

  /**
   * Whether the pinned process is gone for good (reaped), so its pid is free: a zombie is not gone (as psutil's
   * `pid_exists`). Pins first.
   */
  reaped(): boolean {
    const mode = this.pin();
    if (mode === "gone") return true;
    if (this.#box.fd >= 0) {
      const err = pidfdSendSignal(this.#box.fd, 0);
      if (err === null || err.code === "EPERM") return false;
      if (err.code === "ESRCH") return true;
    }
    const now = readStartTicks(this.ident);
    return now === null || (this.#start !== null && now !== this.#start);
  }

  /** Runs `fn` while marking the pidfd busy, so a `close()` meanwhile waits until `fn` settles. */
  async busy<T>(fn: () => Promise<T>): Promise<T> {
    this.#busy++;
    try {
      return await fn();
    } finally {
      if (--this.#busy === 0 && this.#closeWhenIdle) this.#drop();
    }
  }

  /**
   * Closes the pidfd (deferred while a wait polls it). Idempotent. Later calls still work, guarded by the start
   * time recorded when the handle was pinned.
   */
  close(): void {
    if (this.#busy > 0) {
      this.#closeWhenIdle = true;
      return;
    }
    this.#drop();
  }

  #drop(): void {
    this.#closeWhenIdle = false;
    const fd = this.#box.fd;
    if (fd < 0) return;
    this.#box.fd = -1;
    finalizer.unregister(this);
    if (this.#mode === "pidfd") this.#mode = this.#start === null ? "gone" : "starttime";
    closeFd(fd);
  }

  #isZombie(): boolean {
    const path = `${this.ident.dir}/stat`;
    try {
      return parsePidStat(this.ident.ctx.io.read(path, true), path).state === "Z";
    } catch (e) {
      if (e instanceof SystemCallError) return false;
      throw e;
    }
  }

  /**
   * Throws `RangeError` for pid 0 (or below): `kill(0)`, `setpriority(.., 0)`, `prlimit(0)`, `sched_*affinity(0)`
   * would act on this process or its group instead (psutil refuses pid 0 the same way).
   */
  assertPositivePid(what: string): void {
    if (this.pid <= 0) {
      throw new RangeError(`Refusing to ${what} pid ${this.pid}: the call would act on this process or its group`);
    }
  }

  #gone(syscall: string, code: string): NoSuchProcess {
    return new NoSuchProcess({ pid: this.pid, name: this.ident.name, syscall, code });
  }

  /** ESRCH → NoSuchProcess, EPERM/EACCES → AccessDenied (naming the syscall); anything else as it is. */
  translate(e: SystemCallError): Error {
    const details = { pid: this.pid, name: this.ident.name, syscall: e.syscall, code: e.code, cause: e };
    if (e.code === "ESRCH") return new NoSuchProcess(details);
    if (e.code === "EPERM" || e.code === "EACCES") return new AccessDenied(details);
    return e;
  }
}

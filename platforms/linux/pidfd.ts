/**
 * Linux pidfds (Linux ≥ 5.3): a file descriptor that names one process, not a pid number, so a signal sent through
 * it can never reach a process that later got the same pid. `pidfd_open` and `pidfd_send_signal` are reached
 * through libc's `syscall()` (their numbers, 434 and 424, are the same on every architecture since Linux 5.1), so
 * this works on glibc < 2.36 and on musl too. `poll(2)` on a pidfd reports the process's exit.
 *
 * @module
 */
import { requireAdapter } from "../../ffi/mod.ts";
import { encode, offsetOf, readFieldOf, sizeOf } from "../../ffi/struct.ts";
import type { SystemCallError } from "../../ffi/errors.ts";
import { errno, lastError, libcIo, libcTable } from "./libc.ts";
import { LIBC_CONTROL, LIBC_CONTROL_ASYNC } from "./symbols.ts";
import { pidfd_info, pollfd } from "./structs.ts";

/** `SYS_pidfd_send_signal` (every architecture). */
export const SYS_pidfd_send_signal = 424;
/** `SYS_pidfd_open` (every architecture). */
export const SYS_pidfd_open = 434;
/** `POLLIN`: the pidfd's process has exited. */
const POLLIN = 1;

let enabled = true;

/**
 * Turns pidfd use on or off for handles pinned from now on (tests use it to exercise the kill(2) + start-time
 * fallback that kernels older than 5.3 get). Returns the previous setting.
 *
 * @example
 * ```ts
 * import { setPidfdEnabled } from "./pidfd.ts";
 * const was = setPidfdEnabled(false);
 * setPidfdEnabled(was);
 * ```
 */
export function setPidfdEnabled(on: boolean): boolean {
  const was = enabled;
  enabled = on;
  return was;
}

/** Whether new handles may try `pidfd_open` (see {@linkcode setPidfdEnabled}). */
export function pidfdEnabled(): boolean {
  return enabled;
}

/**
 * `pidfd_open(pid, 0)`: the fd (close-on-exec), or the failure (`code` `"ESRCH"`: no such process, `"ENOSYS"`:
 * kernel < 5.3, `"EMFILE"`...).
 */
export function pidfdOpen(pid: number): number | SystemCallError {
  const c = libcTable(LIBC_CONTROL);
  const fd = c.pidfd_open !== null ? c.pidfd_open(pid, 0) : c.syscall(SYS_pidfd_open, pid, 0, 0, 0);
  return fd < 0 ? lastError("pidfd_open") : fd;
}

const INFO_SIZE = sizeOf(pidfd_info, "lp64");
/** `PIDFD_GET_INFO`: `_IOWR(PIDFS_IOCTL_MAGIC 0xFF, 11, struct pidfd_info)` with the 64-byte first version. */
const PIDFD_GET_INFO = (0xc000ff0b | (INFO_SIZE << 16)) >>> 0;
/** `PIDFD_INFO_CREDS`: ask for (and, in the answer's mask, got) the credentials. */
const PIDFD_INFO_CREDS = 2;
const RUID = offsetOf(pidfd_info, "ruid", "lp64");
const infoBuf = new Uint8Array(INFO_SIZE);
const infoView = new DataView(infoBuf.buffer);
let infoSupported = true;

/**
 * The real uid of the process `fd` names, from `PIDFD_GET_INFO` (Linux 6.13+; no ptrace access needed, as for
 * `/proc/<pid>/status`, and it answers for zombies too): one ioctl instead of rendering the status file. `null`
 * where the kernel has no such ioctl (remembered); a `SystemCallError` when it fails otherwise (`ESRCH`: gone).
 */
export function pidfdRealUid(fd: number): number | null | SystemCallError {
  if (!infoSupported) return null;
  infoView.setBigUint64(0, BigInt(PIDFD_INFO_CREDS), true);
  if (libcTable(LIBC_CONTROL).ioctl(fd, PIDFD_GET_INFO, infoBuf) !== 0) {
    const e = lastError("ioctl(PIDFD_GET_INFO)");
    if (e.code === "ENOTTY" || e.code === "EINVAL" || e.code === "EOPNOTSUPP") {
      infoSupported = false;
      return null;
    }
    return e;
  }
  if ((Number(infoView.getBigUint64(0, true)) & PIDFD_INFO_CREDS) === 0) return null;
  return infoView.getUint32(RUID, true);
}

/** `pidfd_send_signal(fd, sig, NULL, 0)`: `null` on success, else the failure (`code` `"ESRCH"` once reaped). */
export function pidfdSendSignal(fd: number, sig: number): SystemCallError | null {
  const r = libcTable(LIBC_CONTROL).syscall(SYS_pidfd_send_signal, fd, sig, 0, 0);
  return r < 0 ? lastError("pidfd_send_signal") : null;
}

/** Closes `fd` (errors other than EINTR are reported as `SystemCallError`). */
export function closeFd(fd: number): void {
  if (libcIo().close(fd) !== 0 && errno() !== 4) throw lastError("close");
}

const POLLFD_SIZE = sizeOf(pollfd, "lp64");

function pollBuffer(fd: number): Uint8Array {
  const b = new Uint8Array(POLLFD_SIZE);
  encode(pollfd, { fd, events: POLLIN, revents: 0 }, new DataView(b.buffer), 0, "lp64");
  return b;
}

function revents(b: Uint8Array): number {
  return readFieldOf(pollfd, "revents", new DataView(b.buffer), 0, "lp64") as number;
}

/** Whether the process behind pidfd `fd` has exited (a zombie counts as exited): `poll` with a zero timeout. */
export function pidfdExited(fd: number): boolean {
  const b = pollBuffer(fd);
  for (;;) {
    const r = libcTable(LIBC_CONTROL).poll(b, 1, 0);
    if (r >= 0) return r > 0 && revents(b) !== 0;
    if (errno() !== 4) throw lastError("poll");
  }
}

/** Whether `poll` calls made through {@linkcode pidfdPoll} run off the event loop's thread (Deno: yes; Bun: no). */
export function pollRunsOffThread(): boolean {
  return requireAdapter("poll").offThread === true;
}

/**
 * Blocks a worker thread in `poll(fd, ms)` and resolves with whether the process exited. Only call it when
 * {@linkcode pollRunsOffThread} is true; elsewhere it would block the event loop for `ms`.
 */
export async function pidfdPoll(fd: number, ms: number): Promise<boolean> {
  const b = pollBuffer(fd);
  const r = await libcTable(LIBC_CONTROL_ASYNC).poll(b, 1, Math.max(0, Math.floor(ms)));
  // errno lives on the worker thread: on failure (EINTR), answer with a synchronous zero-timeout poll.
  if (r < 0) return pidfdExited(fd);
  return r > 0 && revents(b) !== 0;
}

/**
 * Waiting for a Linux process to end, event-driven where the kernel and runtime allow (psutil 7.2.2's design):
 *
 * - With a pidfd, the wait is `poll(2)` on it. Under Deno the poll runs on an FFI worker thread (`nonblocking`
 *   symbol) in slices of at most {@linkcode POLL_SLICE_MS}, so the event loop never blocks and a `close()` takes
 *   effect between slices. Bun's FFI has no worker-thread calls, so there the pidfd is polled with a zero timeout on
 *   timers whose delay doubles from 1 ms up to 40 ms (psutil's pre-7.2 loop, without a busy CPU).
 * - Without a pidfd (kernel < 5.3), the same backoff loop asks `waitid` and compares start times.
 *
 * The exit code is read with `waitid(..., WEXITED | WNOHANG | WNOWAIT)`: it is peeked, never reaped. Deno, Bun and
 * Node reap the children they spawn themselves, and a child reaped behind their back makes them fail (Deno: an
 * uncaught "No child processes" error; Bun: an ECHILD `error` event), so tsutil leaves reaping to the runtime. A
 * process that is not a child of this one gives `null`, once its parent has reaped it (a zombie still counts as
 * alive, as in psutil). Children started by `spawn()` take their exit code from the runtime's own exit event.
 *
 * @module
 */
import { decode, sizeOf } from "../../ffi/struct.ts";
import { TimeoutExpired } from "../../src/errors.ts";
import { errno, lastError, libcTable } from "./libc.ts";
import { LIBC_CONTROL } from "./symbols.ts";
import { siginfo_t } from "./structs.ts";
import { pidfdPoll, pollRunsOffThread } from "./pidfd.ts";
import type { PidHandle } from "./process_handle.ts";

/** The longest single `poll` handed to a worker thread, ms. */
export const POLL_SLICE_MS = 1000;
/** The backoff loop's first and longest delays, ms. */
const FIRST_DELAY_MS = 1;
const MAX_DELAY_MS = 40;

const P_PID = 1;
const P_PIDFD = 3;
const WNOHANG = 1;
const WEXITED = 4;
const WNOWAIT = 0x01000000;
const CLD_EXITED = 1;
const CLD_KILLED = 2;
const CLD_DUMPED = 3;
const ECHILD = 10;
const EINVAL = 22;
const EINTR = 4;

const SIGINFO_SIZE = sizeOf(siginfo_t, "lp64");

/** What a `waitid` peek found. */
export type Peek =
  | { kind: "exited"; code: number }
  | { kind: "running" }
  | { kind: "notChild" };

/**
 * Peeks at the exit status of child `pid` (through `pidfd` when given, Linux ≥ 5.4) without reaping it: the exit
 * code (negative signal number when a signal killed it, as psutil), `running`, or `notChild` (ECHILD: not a child
 * of this process, or already reaped).
 */
export function peekExit(pid: number, pidfd = -1): Peek {
  const info = new Uint8Array(SIGINFO_SIZE);
  const c = libcTable(LIBC_CONTROL);
  let byFd = pidfd >= 0;
  for (;;) {
    info.fill(0);
    const r = byFd
      ? c.waitid(P_PIDFD, pidfd, info, WEXITED | WNOHANG | WNOWAIT)
      : c.waitid(P_PID, pid, info, WEXITED | WNOHANG | WNOWAIT);
    if (r === 0) break;
    const e = errno();
    if (e === EINTR) continue;
    if (e === ECHILD) return { kind: "notChild" };
    if (e === EINVAL && byFd) {
      byFd = false; // kernel 5.3 has pidfds but not P_PIDFD
      continue;
    }
    throw lastError("waitid");
  }
  const s = decode(siginfo_t, new DataView(info.buffer), 0, "lp64");
  if (s._sigchld.si_pid === 0) return { kind: "running" };
  if (s.si_code === CLD_EXITED) return { kind: "exited", code: s._sigchld.si_status };
  if (s.si_code === CLD_KILLED || s.si_code === CLD_DUMPED) return { kind: "exited", code: -s._sigchld.si_status };
  return { kind: "running" };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Calls `done` until it is true, sleeping 1, 2, 4 … 40 ms between calls; throws `timeout()` past `deadline`. */
async function backoff(done: () => boolean, deadline: number, timeout: () => Error): Promise<void> {
  let delay = FIRST_DELAY_MS;
  for (;;) {
    if (done()) return;
    const left = deadline - performance.now();
    if (left <= 0) throw timeout();
    await sleep(Math.min(delay, left));
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  }
}

/** Resolves once the pidfd's process has exited; throws `timeout()` past `deadline`. */
async function pollExit(h: PidHandle, deadline: number, timeout: () => Error): Promise<void> {
  if (!pollRunsOffThread()) return backoff(() => h.exited(), deadline, timeout);
  await h.busy(async () => {
    for (;;) {
      const fd = h.fd;
      if (fd < 0) return backoff(() => h.exited(), deadline, timeout); // closed meanwhile
      const left = deadline - performance.now();
      if (await pidfdPoll(fd, Math.min(Math.max(left, 0), POLL_SLICE_MS))) return;
      if (deadline - performance.now() <= 0) throw timeout();
    }
  });
}

/**
 * Waits for the process pinned by `h` to end: its exit code when it is a child of this process, `null` otherwise
 * or when no process had the pid. `timeout` in seconds (`null`: no limit); `TimeoutExpired` past it.
 */
export async function waitProcess(h: PidHandle, timeout: number | null): Promise<number | null> {
  const deadline = timeout === null ? Infinity : performance.now() + timeout * 1000;
  const expired = (): Error => new TimeoutExpired(timeout ?? 0, { pid: h.pid, name: h.ident.name });
  const mode = h.pin();
  if (mode === "gone") return null;
  if (mode === "pidfd") {
    await pollExit(h, deadline, expired);
    const peek = peekExit(h.pid, h.fd);
    if (peek.kind === "exited") return peek.code;
    if (peek.kind === "notChild") {
      // Not our child: it is gone once its parent reaps it.
      await backoff(() => h.reaped(), deadline, expired);
      return null;
    }
  }
  let code: number | null = null;
  await backoff(
    () => {
      const peek = peekExit(h.pid, h.fd);
      if (peek.kind === "exited") {
        code = peek.code;
        return true;
      }
      return peek.kind === "notChild" && h.reaped();
    },
    deadline,
    expired,
  );
  return code;
}

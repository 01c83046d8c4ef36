/**
 * The Linux per-pid control members: signals, suspend/resume/terminate/kill, nice, ionice, rlimit, CPU affinity,
 * wait, close. They act on the process pinned by a {@linkcode PidHandle} (a pidfd on Linux ≥ 5.3), so a pid
 * reused by another process is never signalled; see `process_handle.ts` and `process_wait.ts`.
 *
 * Wiring (the per-pid object of `platforms/linux/process.ts`):
 *
 * ```ts ignore
 * const control = linuxProcessControl(st); // st: the per-pid ProcessIdentity (name/ppid fill error messages)
 * return { ...read, ...control, close: () => { st.close(); control.close(); } };
 * ```
 *
 * and, in `src/process.ts`, `impl.open?.()` BEFORE the create-time comparison of every acting method (signals and
 * setters), so the pidfd is bound to the identified process.
 *
 * @module
 */
import type { ProcessBackend } from "../process_backend.ts";
import type { LinuxContext } from "./context.ts";
import type { ProcessIdentity } from "./process_errors.ts";
import { PidHandle } from "./process_handle.ts";
import { waitProcess } from "./process_wait.ts";
import * as sched from "./process_sched.ts";

const SIGKILL = 9;
const SIGTERM = 15;
const SIGCONT = 18;
const SIGSTOP = 19;

/** The members {@linkcode linuxProcessControl} provides. */
export type LinuxControlMembers = Required<
  Pick<
    ProcessBackend,
    | "open"
    | "sendSignal"
    | "suspend"
    | "resume"
    | "terminate"
    | "kill"
    | "niceGet"
    | "niceSet"
    | "ioniceGet"
    | "ioniceSet"
    | "rlimitGet"
    | "rlimitSet"
    | "cpuAffinityGet"
    | "cpuAffinitySet"
    | "wait"
    | "close"
  >
>;

/** A `ProcessIdentity` for `pid` under `ctx` when the caller has none (tests, tools). */
export function processIdentity(ctx: LinuxContext, pid: number): ProcessIdentity {
  return { ctx, pid, dir: `${ctx.procfs}/${pid}`, name: null, ppid: null };
}

/**
 * The control members for the process `ident` names. `open()` pins it (opens the pidfd); every other member pins on
 * first use. On fixture roots (`ctx.live` false) the members are absent: a fixture's pids are not this machine's,
 * and a signal must never reach a real process by accident.
 *
 * @example Pin, read the nice value, release
 * ```ts
 * import { linuxContext } from "./context.ts";
 * import { linuxProcessControl, processIdentity } from "./process_control.ts";
 * const c = linuxProcessControl(processIdentity(linuxContext(), 1));
 * if (c.open === undefined || !c.open()) throw new Error("pid 1 exists");
 * if (typeof c.niceGet?.() !== "number") throw new Error();
 * c.close?.();
 * ```
 */
export function linuxProcessControl(ident: ProcessIdentity): Partial<LinuxControlMembers> {
  if (!ident.ctx.live) return {};
  const h = new PidHandle(ident);
  return {
    open: () => h.open(),
    sendSignal: (sig: number) => h.signal(sig),
    suspend: () => h.signal(SIGSTOP),
    resume: () => h.signal(SIGCONT),
    terminate: () => h.signal(SIGTERM),
    kill: () => h.signal(SIGKILL),
    niceGet: () => sched.niceGet(h),
    niceSet: (value: number) => sched.niceSet(h, value),
    ioniceGet: () => sched.ioniceGet(h),
    ioniceSet: (ioclass: number, value: number) => sched.ioniceSet(h, ioclass, value),
    rlimitGet: (resource: number) => sched.rlimitGet(h, resource),
    rlimitSet: (resource: number, soft: number, hard: number) => sched.rlimitSet(h, resource, soft, hard),
    cpuAffinityGet: () => sched.cpuAffinityGet(h),
    cpuAffinitySet: (cpus: number[]) => sched.cpuAffinitySet(h, cpus),
    wait: (timeout: number | null) => waitProcess(h, timeout),
    close: () => h.close(),
  };
}

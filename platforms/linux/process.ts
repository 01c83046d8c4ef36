/**
 * The Linux per-process backend: one object per pid, assembled from parts (reads here and in `process_*.ts`;
 * control members from `process_control.ts`). The grouped files `/proc/<pid>/stat`, `status` and `statm` are read
 * through {@linkcode LinuxProcState}, which caches them while a oneshot scope is open and, for instances that
 * `processIter` keeps, holds the stat file open and re-reads it with `pread`.
 *
 * @module
 */
import type { PlatformBackend } from "../backend.ts";
import type { ProcessBackend } from "../process_backend.ts";
import type { LinuxContext } from "./context.ts";
import { SystemCallError } from "../../ffi/errors.ts";
import { adapter } from "../../ffi/mod.ts";
import { libcIo } from "./libc.ts";
import { _SC_CLK_TCK, _SC_PAGESIZE } from "./symbols.ts";
import { type ProcessIdentity, wrapErrors } from "./process_errors.ts";
import { parsePidStat, type PidStat } from "./procfs/pid_stat.ts";
import { idTriple, parsePidStatus, type PidStatus, statusField, statusRealUid } from "./procfs/pid_status.ts";
import { parsePidStatm, type PidStatm } from "./procfs/pid_statm.ts";
import { AccessDenied } from "../../src/errors.ts";
import { text } from "./procfs/_parse.ts";
import { infoPart } from "./process_info.ts";
import { memoryPart } from "./process_memory.ts";
import { filesPart } from "./process_files.ts";
import { linuxSystem } from "./system.ts";
import { selfPid } from "./process_native.ts";
import { linuxProcessControl } from "./process_control.ts";
import { pidfdEnabled, pidfdOpen, pidfdRealUid } from "./pidfd.ts";

/** A slice of the per-pid object: every member but `pid`. */
export type ProcessPart = Omit<ProcessBackend, "pid">;

let clk: number | undefined;
let page: number | undefined;

/** Clock ticks per second (`sysconf(_SC_CLK_TCK)`; 100 without FFI, the value on every Linux ABI). */
export function clockTicks(): number {
  if (clk === undefined) clk = adapter() === null ? 100 : Number(libcIo().sysconf(_SC_CLK_TCK)) || 100;
  return clk;
}

/** The page size in bytes (`sysconf(_SC_PAGESIZE)`; 4096 without FFI). */
export function pageSize(): number {
  if (page === undefined) page = adapter() === null ? 4096 : Number(libcIo().sysconf(_SC_PAGESIZE)) || 4096;
  return page;
}

/** Open fds held by kept instances, and the most we allow (half the soft RLIMIT_NOFILE, at most 8192). */
let retained = 0;
let maxRetained: number | undefined;

function retainLimit(ctx: LinuxContext): number {
  if (maxRetained === undefined) {
    maxRetained = 0;
    try {
      const m = /^Max open files\s+(\d+|unlimited)/m.exec(text(ctx.io.read(`${ctx.procfs}/self/limits`)));
      const soft = m === null ? 1024 : m[1] === "unlimited" ? 1 << 20 : Number(m[1]);
      maxRetained = Math.min(8192, Math.floor(soft / 2));
    } catch (e) {
      if (!(e instanceof SystemCallError)) throw e;
    }
  }
  return maxRetained;
}

const STAT = 0;
const STATUS = 1;
const STATM = 2;
/** The slot of `#fds` that holds the pidfd (after the three files of `NAMES`). */
const PIDFD = 3;
const NAMES = ["stat", "status", "statm"];

/** Per-pid state shared by the parts: identity, oneshot cache, retained fd. */
export class LinuxProcState implements ProcessIdentity {
  readonly ctx: LinuxContext;
  readonly pid: number;
  readonly dir: string;
  name: string | null = null;
  ppid: number | null = null;
  /** True inside a oneshot scope. */
  caching = false;
  /** Whether to hold `<pid>/stat` open between reads. */
  retain = false;
  #stat: PidStat | undefined;
  #status: PidStatus | undefined;
  #statusText: string | undefined;
  #realUid: number | undefined;
  #statm: PidStatm | undefined;
  #smaps: string | undefined;
  #fds = [-1, -1, -1, -1];
  #boot: () => number;

  constructor(ctx: LinuxContext, pid: number, boot: () => number) {
    this.ctx = ctx;
    this.pid = pid;
    this.dir = `${ctx.procfs}/${pid}`;
    this.#boot = boot;
  }

  /** The system boot time (seconds since the epoch), read once per backend. */
  bootTime(): number {
    return this.#boot();
  }

  /** Runs `fn`, translating errors at the seam. */
  wrap<T>(fn: () => T): T {
    return wrapErrors(this, fn);
  }

  /**
   * Reads one of the grouped files: through a held fd with `pread` when retaining, else open/read/close. All three
   * are `single_open` seq files, so a short read is the end (`singleShot`, see `FileIO`).
   */
  /** Whether one more descriptor may be held open for this process (retaining, and within the budget). */
  #mayRetain(): boolean {
    return this.retain && retained < retainLimit(this.ctx);
  }

  #read(which: number): Uint8Array {
    const path = `${this.dir}/${NAMES[which]}`;
    const io = this.ctx.io;
    const fd = this.#fds[which];
    if (fd >= 0) return io.preadAll(fd, path, true);
    if (this.#mayRetain()) {
      let opened = -1;
      try {
        opened = io.openFd(path);
      } catch (e) {
        // Out of descriptors: stop holding any more and read the plain way.
        if (!(e instanceof SystemCallError) || (e.code !== "EMFILE" && e.code !== "ENFILE")) throw e;
        maxRetained = retained;
      }
      if (opened >= 0) {
        this.#fds[which] = opened;
        retained++;
        return io.preadAll(opened, path, true);
      }
    }
    return io.read(path, true);
  }

  /** `/proc/<pid>/stat`, parsed (cached in a oneshot scope). */
  stat(): PidStat {
    if (this.#stat !== undefined) return this.#stat;
    const s = parsePidStat(this.#read(STAT), `${this.dir}/stat`);
    this.ppid = s.ppid;
    if (this.caching) this.#stat = s;
    return s;
  }

  /** The stat file a oneshot scope has already read, if any (no read of its own). */
  cachedStat(): PidStat | undefined {
    return this.#stat;
  }

  /** `/proc/<pid>/status`, parsed (cached in a oneshot scope). */
  status(): PidStatus {
    if (this.#status !== undefined) return this.#status;
    const s = parsePidStatus(this.statusText());
    if (this.caching) this.#status = s;
    return s;
  }

  /** `/proc/<pid>/status` as text, for a single line (cached in a oneshot scope, shared with `status()`). */
  statusText(): string {
    if (this.#statusText !== undefined) return this.#statusText;
    const t = text(this.#read(STATUS));
    if (this.caching) this.#statusText = t;
    return t;
  }

  /**
   * The real uid, the first number of the status file's `Uid` line, found in its bytes without decoding the
   * whole file (cached in a oneshot scope; from the text when a oneshot scope already holds it).
   */
  realUid(): number {
    if (this.#realUid !== undefined) return this.#realUid;
    const path = `${this.dir}/status`;
    let uid: number | null = null;
    if (this.#statusText !== undefined) uid = idTriple(statusField(this.#statusText, "Uid"), "Uid", path)[0];
    else if (this.ctx.live && pidfdEnabled()) uid = this.#pidfdRealUid();
    if (uid === null) uid = statusRealUid(this.#read(STATUS), path);
    if (this.caching) this.#realUid = uid;
    return uid;
  }

  /**
   * The real uid through a pidfd (`PIDFD_GET_INFO`, Linux 6.13+: one ioctl, where the status file is rendered
   * whole), the pidfd held like the stat file when retaining. `null` where pidfds or the ioctl are unavailable.
   */
  #pidfdRealUid(): number | null {
    let fd = this.#fds[PIDFD];
    let opened = false;
    if (fd < 0) {
      const r = pidfdOpen(this.pid);
      if (typeof r !== "number") {
        if (r.code === "ESRCH") throw r;
        return null; // ENOSYS (kernel < 5.3), EMFILE...: the status file answers
      }
      fd = r;
      opened = true;
    }
    try {
      const uid = pidfdRealUid(fd);
      if (uid instanceof SystemCallError) throw uid;
      if (uid !== null && opened && this.#mayRetain()) {
        this.#fds[PIDFD] = fd;
        retained++;
        opened = false;
      }
      return uid;
    } finally {
      if (opened) this.ctx.io.closeFd(fd);
    }
  }

  /** `/proc/<pid>/statm`, parsed (cached in a oneshot scope). */
  statm(): PidStatm {
    if (this.#statm !== undefined) return this.#statm;
    const s = parsePidStatm(this.#read(STATM), `${this.dir}/statm`);
    if (this.caching) this.#statm = s;
    return s;
  }

  /** `/proc/<pid>/smaps` as text (cached in a oneshot scope; `fresh` reads again anyway). */
  smaps(fresh = false): string {
    if (this.#smaps !== undefined && !fresh) return this.#smaps;
    const s = text(this.ctx.io.read(`${this.dir}/smaps`)).trim();
    if (this.caching) this.#smaps = s;
    return s;
  }

  /** Opens a oneshot scope. */
  enter(): void {
    this.caching = true;
  }

  /** Closes the oneshot scope and drops the cache. */
  exit(): void {
    this.caching = false;
    this.#stat =
      this.#status =
      this.#statusText =
      this.#realUid =
      this.#statm =
      this.#smaps =
        undefined;
  }

  /** Closes the held fds, if any. Idempotent. */
  close(): void {
    for (let i = 0; i < this.#fds.length; i++) {
      if (this.#fds[i] >= 0) {
        this.ctx.io.closeFd(this.#fds[i]);
        this.#fds[i] = -1;
        retained--;
      }
    }
  }
}

/** The per-pid members this module and its siblings provide (everything but the control members). */
export function readPart(st: LinuxProcState, system: () => PlatformBackend): ProcessBackend {
  return {
    pid: st.pid,
    oneshotEnter: () => st.enter(),
    oneshotExit: () => st.exit(),
    retainFds: (on: boolean) => {
      st.retain = on;
      if (!on) st.close();
    },
    close: () => st.close(),
    ...infoPart(st),
    ...memoryPart(st),
    ...filesPart(st, system),
  };
}

/** Reads `<procfs>/<pid>/stat` of every pid in one pass: `{pid: ppid}` (psutil's `ppid_map`). */
export function ppidMap(ctx: LinuxContext, pids: number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    const path = `${ctx.procfs}/${pid}/stat`;
    let bytes: Uint8Array;
    try {
      bytes = ctx.io.read(path, true);
    } catch (e) {
      if (e instanceof SystemCallError && (e.code === "ENOENT" || e.code === "ESRCH")) continue;
      if (e instanceof SystemCallError && (e.code === "EACCES" || e.code === "EPERM")) {
        throw new AccessDenied({ pid, syscall: path, code: e.code, cause: e });
      }
      throw e;
    }
    out.set(pid, parsePidStat(bytes, path).ppid);
  }
  return out;
}

/** The process members of the Linux backend: `process(pid)` and `ppidMap()`. */
export function linuxProcesses(
  ctx: LinuxContext,
  system: () => PlatformBackend,
): Pick<PlatformBackend, "process" | "ppidMap" | "selfPid"> {
  let boot: number | undefined;
  const bootTime = (): number => boot ??= linuxSystem(ctx).bootTime!();
  return {
    process(pid: number): ProcessBackend {
      const st = new LinuxProcState(ctx, pid, bootTime);
      const read = readPart(st, system);
      const control = linuxProcessControl(st);
      // niceGet comes from the stat file read here (shared under oneshot); the rest of the control members act
      // through the pidfd the control part pins.
      return {
        ...control,
        ...read,
        close: (): void => {
          st.close();
          control.close?.();
        },
      };
    },
    selfPid,
    ppidMap(): Map<number, number> {
      const pids = system().pids?.() ?? [];
      return ppidMap(ctx, pids);
    },
  };
}

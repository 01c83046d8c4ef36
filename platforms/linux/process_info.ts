/**
 * Linux per-process identity and scheduling reads: name, exe, cmdline, environ, status, ids, user, terminal, cwd,
 * create time, CPU times, threads, context switches, I/O counters, page faults.
 *
 * @module
 */
import type { ProcessPart } from "./process.ts";
import type { LinuxProcState } from "./process.ts";
import { clockTicks } from "./process.ts";
import { SystemCallError } from "../../ffi/errors.ts";
import { raiseIfNotAlive, raiseIfZombie } from "./process_errors.ts";
import { text } from "./procfs/_parse.ts";
import { statusIds, statusInt } from "./procfs/pid_status.ts";
import { parsePidIo } from "./procfs/pid_io.ts";
import { parsePidStat } from "./procfs/pid_stat.ts";
import { canExecute, fileStat, isRegularFile, userName } from "./process_native.ts";
import { AccessDenied } from "../../src/errors.ts";

/** `PF_KTHREAD` in a stat file's flags (include/linux/sched.h): the task is a kernel thread. */
const PF_KTHREAD = 0x00200000;

/** Linux state letters → psutil's `STATUS_*` strings. */
export const PROC_STATUSES: Readonly<Record<string, string>> = {
  R: "running",
  S: "sleeping",
  D: "disk-sleep",
  T: "stopped",
  t: "tracing-stop",
  Z: "zombie",
  X: "dead",
  x: "dead",
  K: "wake-kill",
  W: "waking",
  I: "idle",
  P: "parked",
};

/** Splits a cmdline file's text as psutil does (NUL-separated, or space-separated after setproctitle). */
export function splitCmdline(data: string): string[] {
  if (data === "") return [];
  const sep = data.endsWith("\0") ? "\0" : " ";
  const body = data.endsWith(sep) ? data.slice(0, -1) : data;
  const args = body.split(sep);
  if (sep === "\0" && args.length === 1 && body.includes(" ")) return body.split(" ");
  return args;
}

/** Parses an environ block (`k=v\0...`) as psutil's `parse_environ_block`: stops at an empty entry. */
export function parseEnviron(data: string): Record<string, string> {
  const out: Record<string, string> = {};
  let pos = 0;
  for (;;) {
    const next = data.indexOf("\0", pos);
    if (next <= pos) break;
    const eq = data.indexOf("=", pos);
    if (eq > pos && eq < next) out[data.slice(pos, eq)] = data.slice(eq + 1, next);
    pos = next + 1;
  }
  return out;
}

/** psutil's `readlink`: drops anything after a NUL and a ` (deleted)` suffix when the target is really gone. */
function readlinkClean(st: LinuxProcState, path: string): string {
  let p = st.ctx.io.readlink(path);
  const nul = p.indexOf("\0");
  if (nul >= 0) p = p.slice(0, nul);
  if (p.endsWith(" (deleted)") && !st.ctx.io.exists(p)) p = p.slice(0, -10);
  return p;
}

/** `_readlink` with a fallback: a missing link in a live, non-zombie process reads as `""`. */
function readlinkOr(st: LinuxProcState, path: string): string {
  try {
    return readlinkClean(st, path);
  } catch (e) {
    if (e instanceof SystemCallError && (e.code === "ENOENT" || e.code === "ESRCH") && st.ctx.io.exists(st.dir)) {
      raiseIfZombie(st);
      return "";
    }
    throw e;
  }
}

/** Encodes a device number as the kernel writes `tty_nr` (new_encode_dev). */
function encodeDev(major: number, minor: number): number {
  return (minor & 0xff) | (major << 8) | ((minor & ~0xff) << 12);
}

/** Device number → path for /dev/tty* and /dev/pts/* (psutil's `get_terminal_map`). */
function terminalMap(st: LinuxProcState): Map<number, string> {
  const out = new Map<number, string>();
  const add = (dir: string, keep: (n: string) => boolean): void => {
    let names: string[];
    try {
      names = st.ctx.io.listDir(dir);
    } catch (e) {
      if (e instanceof SystemCallError) return;
      throw e;
    }
    for (const n of names) {
      if (!keep(n)) continue;
      const path = `${dir}/${n}`;
      try {
        const s = fileStat(path);
        if (s !== null) out.set(encodeDev(s.rdevMajor, s.rdevMinor), path);
      } catch (e) {
        if (!(e instanceof SystemCallError)) throw e;
      }
    }
  };
  add("/dev", (n) => n.startsWith("tty"));
  add("/dev/pts", () => true);
  return out;
}

/** The identity, scheduling and accounting members. */
export function infoPart(st: LinuxProcState): ProcessPart {
  const ticks = (): number => clockTicks();
  const statusPath = (): string => `${st.dir}/status`;
  const cmdline = (): string[] =>
    st.wrap(() => {
      // A kernel thread has no memory map, so the kernel answers its cmdline with 0 bytes, and kthreadd reaps its
      // children at once, so it is never left a zombie: when this scope's stat already says "kernel thread, not a
      // zombie", that is the answer without the open/read/close and the zombie re-read.
      const cached = st.cachedStat();
      if (cached !== undefined && (cached.flags & PF_KTHREAD) !== 0 && cached.state !== "Z") return [];
      const args = splitCmdline(text(st.ctx.io.read(`${st.dir}/cmdline`)));
      if (args.length === 0) raiseIfZombie(st);
      return args;
    });
  return {
    createTime: () => st.wrap(() => st.bootTime() + st.stat().starttime / ticks()),
    createTimeMonotonic: () => st.wrap(() => st.stat().starttime / ticks()),
    ppid: () => st.wrap(() => st.stat().ppid),
    name: () => st.wrap(() => st.name = st.stat().name),
    status: () => st.wrap(() => PROC_STATUSES[st.stat().state] ?? "?"),
    exe: () =>
      st.wrap(() => {
        try {
          const exe = readlinkOr(st, `${st.dir}/exe`);
          if (exe !== "") return exe;
          // psutil's guess_it for an empty answer: cmdline[0] when it is an absolute, executable regular file.
          let guess: string | undefined;
          try {
            guess = cmdline()[0];
          } catch (e) {
            if (!(e instanceof AccessDenied)) throw e;
          }
          return guess?.startsWith("/") && isRegularFile(guess) && canExecute(guess) ? guess : "";
        } catch (e) {
          // psutil's guess_it: an absolute, executable regular file in cmdline[0] stands in when exe is denied.
          if (e instanceof SystemCallError && (e.code === "EACCES" || e.code === "EPERM")) {
            const args = cmdline();
            const guess = args[0];
            if (guess?.startsWith("/") && isRegularFile(guess) && canExecute(guess)) return guess;
          }
          throw e;
        }
      }),
    cmdline,
    environ: () => st.wrap(() => parseEnviron(text(st.ctx.io.read(`${st.dir}/environ`)))),
    cwd: () => st.wrap(() => readlinkOr(st, `${st.dir}/cwd`)),
    terminal: () =>
      st.wrap(() => {
        const tty = st.stat().ttyNr;
        if (tty === 0) return null;
        return terminalMap(st).get(tty) ?? null;
      }),
    uids: () =>
      st.wrap(() => {
        const [real, effective, saved] = statusIds(st.status(), "Uid", statusPath());
        return { real, effective, saved };
      }),
    gids: () =>
      st.wrap(() => {
        const [real, effective, saved] = statusIds(st.status(), "Gid", statusPath());
        return { real, effective, saved };
      }),
    username: () => st.wrap(() => userName(st.realUid())),
    niceGet: () => st.wrap(() => st.stat().nice),
    cpuNum: () => st.wrap(() => st.stat().processor),
    cpuTimes: () =>
      st.wrap(() => {
        const s = st.stat();
        const t = ticks();
        return {
          user: s.utime / t,
          system: s.stime / t,
          childrenUser: s.cutime / t,
          childrenSystem: s.cstime / t,
          iowait: s.blkioTicks / t,
        };
      }),
    pageFaults: () =>
      st.wrap(() => {
        const s = st.stat();
        return { minor: s.minflt, major: s.majflt };
      }),
    numThreads: () => st.wrap(() => st.stat().numThreads),
    numCtxSwitches: () =>
      st.wrap(() => {
        const s = st.status();
        return {
          voluntary: statusInt(s, "voluntary_ctxt_switches", statusPath()),
          involuntary: statusInt(s, "nonvoluntary_ctxt_switches", statusPath()),
        };
      }),
    eligibleCpus: () =>
      st.wrap(() => {
        const list = st.status().get("Cpus_allowed_list");
        if (list === undefined) return null;
        const out: number[] = [];
        for (const part of list.split(",")) {
          if (part === "") continue;
          const [a, b] = part.split("-").map(Number);
          for (let c = a; c <= (b ?? a); c++) out.push(c);
        }
        return out;
      }),
    ioCounters: () =>
      st.wrap(() => {
        const path = `${st.dir}/io`;
        const io = parsePidIo(text(st.ctx.io.read(path)), path);
        return {
          readCount: io.syscr,
          writeCount: io.syscw,
          readBytes: io.readBytes,
          writeBytes: io.writeBytes,
          readChars: io.rchar,
          writeChars: io.wchar,
        };
      }),
    threads: () =>
      st.wrap(() => {
        // psutil sorts the thread ids as strings.
        const ids = st.ctx.io.listDir(`${st.dir}/task`).sort();
        const out = [];
        let gone = false;
        const t = ticks();
        for (const id of ids) {
          const path = `${st.dir}/task/${id}/stat`;
          let bytes: Uint8Array;
          try {
            bytes = st.ctx.io.read(path, true);
          } catch (e) {
            if (e instanceof SystemCallError && (e.code === "ENOENT" || e.code === "ESRCH")) {
              gone = true;
              continue;
            }
            throw e;
          }
          const s = parsePidStat(bytes, path);
          out.push({ id: Number(id), userTime: s.utime / t, systemTime: s.stime / t });
        }
        if (gone) raiseIfNotAlive(st);
        return out;
      }),
  };
}

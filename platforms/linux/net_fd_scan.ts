/**
 * The socket inodes held by each process: `<procfs>/<pid>/fd/*` links that read `socket:[inode]`.
 *
 * This is the hot loop of `netConnections` (one `readlink` per open fd on the system), so it runs on bytes: each
 * fd directory is opened once and listed with `getdents64`, every entry is read with `readlinkat` relative to
 * that directory (no path to build or resolve again), and names and inodes are parsed from the bytes without
 * decoding strings. On the live procfs a directory read that leaves room in the buffer is the whole directory
 * (`proc_readfd_common` and `proc_pid_readdir` emit entries until the buffer is full or the list ends), which
 * saves the final empty `getdents64` per process. Without a foreign function interface it falls back to the
 * generic reader, `ctx.io`.
 *
 * @module
 */
import type { LinuxContext } from "./context.ts";
import { adapter } from "../../ffi/mod.ts";
import { SystemCallError } from "../../ffi/errors.ts";
import { errno, libcIo, libcTable, linuxErrnoName } from "./libc.ts";
import { LIBC_NET, O_CLOEXEC, O_DIRECTORY, O_RDONLY } from "./symbols.ts";
import { parsePidStat } from "./procfs/pid_stat.ts";
import { MalformedFileError } from "./procfs/_parse.ts";

/** inode → flat `[pid, fd, pid, fd, …]` of the one process credited with it. */
export type InodeMap = Map<number, number[]>;

const SOCKET_PREFIX = "socket:[";
/** `PF_KTHREAD` in a stat file's flags (include/linux/sched.h). */
const PF_KTHREAD = 0x00200000;
/** Errors that make a process's sockets unattributed rather than fail the call. */
const GONE_OR_DENIED = new Set(["ENOENT", "ESRCH", "EACCES", "EPERM"]);
const PREFIX = new TextEncoder().encode(SOCKET_PREFIX);
const ENOENT = 2;
const ESRCH = 3;
const EINTR = 4;
const EINVAL = 22;
const ENAMETOOLONG = 36;
/** More than any dirent (`d_name` is at most 255 bytes): a read shorter by this much had no next entry to emit. */
const SHORT_READ_MARGIN = 512;
/** The first `getdents64` of an fd directory: about 40 entries, the whole list for most processes. */
const FIRST_READ = 1024;

/** Whether a failed readlink means "skip this fd" (closed meanwhile, not a link, name too long), as psutil does. */
function skippable(code: number): boolean {
  return code === ENOENT || code === ESRCH || code === EINVAL || code === ENAMETOOLONG;
}

/** The decimal number spelled by `b[start..end)`, or -1 when it is not one. */
function decimal(b: Uint8Array, start: number, end: number): number {
  if (start >= end) return -1;
  let v = 0;
  for (let i = start; i < end; i++) {
    const d = b[i] - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Reads fd directories through libc with reused buffers. */
class LibcScanner {
  readonly #io = libcIo();
  readonly #net = libcTable(LIBC_NET);
  readonly #path = new Uint8Array(new ArrayBuffer(4096));
  readonly #dents = new Uint8Array(new ArrayBuffer(1 << 15));
  readonly #link = new Uint8Array(new ArrayBuffer(256));
  readonly #enc = new TextEncoder();

  #open(path: string): number {
    const { written } = this.#enc.encodeInto(path, this.#path.subarray(0, this.#path.length - 1));
    this.#path[written] = 0;
    const fd = this.#io.open(this.#path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
      const e = errno();
      throw new SystemCallError("open", e, linuxErrnoName(e), path);
    }
    return fd;
  }

  #fail(syscall: string, path: string): never {
    const e = errno();
    throw new SystemCallError(syscall, e, linuxErrnoName(e), path);
  }

  /**
   * The numeric entries of `path` (pids of procfs), ascending. `procfs`: a short read is the end. With `inos`, each
   * entry's inode number (`d_ino`) is pushed there, in the same order.
   */
  numericEntries(path: string, procfs: boolean, inos?: number[]): number[] {
    const fd = this.#open(path);
    const out: number[] = [];
    try {
      const b = this.#dents;
      const view = new DataView(b.buffer);
      for (;;) {
        const n = this.#io.getdents64!(fd, b, b.length);
        if (n < 0) this.#fail("getdents64", path);
        if (n === 0) break;
        // struct linux_dirent64 { u64 d_ino; s64 d_off; u16 d_reclen; u8 d_type; char d_name[]; }
        for (let off = 0; off < n;) {
          const reclen = view.getUint16(off + 16, true);
          const end = b.indexOf(0, off + 19);
          const v = decimal(b, off + 19, end);
          if (v >= 0) {
            out.push(v);
            inos?.push(view.getUint32(off, true) + view.getUint32(off + 4, true) * 0x100000000);
          }
          off += reclen;
        }
        if (procfs && n < b.length - SHORT_READ_MARGIN) break;
      }
    } finally {
      this.#io.close(fd);
    }
    // procfs lists pids in ascending order already; sort (pairs, when inodes are wanted) only if it did not.
    let sorted = true;
    for (let i = 1; i < out.length && sorted; i++) sorted = out[i - 1] < out[i];
    if (sorted) return out;
    if (inos === undefined) return out.sort((x, y) => x - y);
    const order = out.map((_, i) => i).sort((x, y) => out[x] - out[y]);
    const inoCopy = inos.slice();
    inos.length = 0;
    for (const i of order) inos.push(inoCopy[i]);
    return order.map((i) => out[i]);
  }

  /**
   * Adds the socket fds of `pid` to `mine` and returns how many fds it has; throws `SystemCallError` when its fd
   * directory cannot be read.
   */
  pidSockets(dir: string, pid: number, mine: InodeMap, procfs: boolean): number {
    const dfd = this.#open(dir);
    let fds = 0;
    try {
      const b = this.#dents;
      const link = this.#link;
      const view = new DataView(b.buffer);
      // A small first read: procfs looks up a dentry for every fd it lists, and when the first readlink is refused
      // (another user's process) the rest of a long list would be looked up for nothing.
      let want = FIRST_READ;
      for (;;) {
        const n = this.#io.getdents64!(dfd, b, want);
        if (n < 0) this.#fail("getdents64", dir);
        if (n === 0) break;
        for (let off = 0; off < n;) {
          const reclen = view.getUint16(off + 16, true);
          const nameEnd = b.indexOf(0, off + 19);
          const fd = decimal(b, off + 19, nameEnd);
          const name = b.subarray(off + 19, nameEnd + 1); // NUL included: a C string for readlinkat
          off += reclen;
          if (fd < 0) continue;
          fds++;
          let len: number;
          for (;;) {
            len = this.#net.readlinkat(dfd, name, link, link.length);
            if (len >= 0) break;
            const e = errno();
            if (e === EINTR) continue;
            if (skippable(e)) break;
            throw new SystemCallError("readlink", e, linuxErrnoName(e), `${dir}/${fd}`);
          }
          if (len < PREFIX.length + 2 || link[len - 1] !== 93) continue; // "socket:[" … "]"
          let isSocket = true;
          for (let i = 0; i < PREFIX.length; i++) {
            if (link[i] !== PREFIX[i]) {
              isSocket = false;
              break;
            }
          }
          if (!isSocket) continue;
          const inode = decimal(link, PREFIX.length, len - 1);
          if (inode < 0) continue;
          const pairs = mine.get(inode);
          if (pairs === undefined) mine.set(inode, [pid, fd]);
          else pairs.push(pid, fd);
        }
        if (procfs && n < want - SHORT_READ_MARGIN) break;
        want = b.length;
      }
    } finally {
      this.#io.close(dfd);
    }
    return fds;
  }
}

let scanner: LibcScanner | undefined;

function libcScanner(): LibcScanner | null {
  if (adapter() === null || libcIo().getdents64 === null) return null;
  return scanner ??= new LibcScanner();
}

/** The same through `ctx.io` (Node without FFI). */
function pidSocketsGeneric(ctx: LinuxContext, dir: string, pid: number, mine: InodeMap): number {
  const names = ctx.io.listDir(dir);
  for (const name of names) {
    let link: string;
    try {
      link = ctx.io.readlink(`${dir}/${name}`);
    } catch (e) {
      if (e instanceof SystemCallError && skippable(e.errno)) continue;
      throw e;
    }
    if (!link.startsWith(SOCKET_PREFIX)) continue;
    const inode = Number(link.slice(SOCKET_PREFIX.length, -1));
    const fd = Number(name);
    if (!Number.isInteger(inode) || !Number.isInteger(fd)) continue;
    const pairs = mine.get(inode);
    if (pairs === undefined) mine.set(inode, [pid, fd]);
    else pairs.push(pid, fd);
  }
  return names.length;
}

/**
 * Adds the socket inodes of `pid` to `into`, replacing what other pids had for the same inodes (psutil's
 * `dict.update`, so that the highest pid scanned last wins).
 *
 * @throws {SystemCallError} when `<procfs>/<pid>/fd` cannot be listed (gone: ENOENT; not ours: EACCES), or an fd
 * cannot be read for another reason than those psutil skips.
 */
export function scanPid(ctx: LinuxContext, pid: number, into: InodeMap): number {
  const dir = `${ctx.procfs}/${pid}/fd`;
  const mine: InodeMap = new Map();
  const fast = libcScanner();
  const fds = fast !== null ? fast.pidSockets(dir, pid, mine, ctx.live) : pidSocketsGeneric(ctx, dir, pid, mine);
  for (const [inode, pairs] of mine) into.set(inode, pairs);
  return fds;
}

/**
 * Kernel threads of the live procfs, pid → inode number of its `/proc/<pid>` directory. A kernel thread has no
 * file table, so it can hold no socket: once seen, it is skipped. The inode number tells a reused pid from the
 * kernel thread that had it: procfs gives each process's directory a new inode (`get_next_ino`), and keeps it as
 * long as the cached dentry lives; should the dentry be evicted, the new number only costs one more look.
 */
let kthreads = new Map<number, number>();

/** Whether `pid` is a kernel thread, by the `PF_KTHREAD` flag of its stat file (false when it cannot be read). */
function isKernelThread(ctx: LinuxContext, pid: number): boolean {
  const path = `${ctx.procfs}/${pid}/stat`;
  try {
    return (parsePidStat(ctx.io.read(path, true), path).flags & PF_KTHREAD) !== 0;
  } catch (e) {
    if (e instanceof SystemCallError || e instanceof MalformedFileError) return false;
    throw e;
  }
}

/**
 * Socket inodes of every process that can be read, lower pids first so that the highest pid wins. Processes that
 * vanish or whose fds may not be read leave their sockets unattributed, as in psutil. On the live procfs, kernel
 * threads (which psutil lists too, and which are often most of the pids) are recognized once and skipped after.
 */
export function allInodes(ctx: LinuxContext): InodeMap {
  const inodes: InodeMap = new Map();
  const fast = libcScanner();
  const remember = fast !== null && ctx.live;
  const inos: number[] = [];
  const pids = remember ? fast.numericEntries(ctx.procfs, true, inos) : listPids(ctx);
  const seen = new Map<number, number>();
  for (let i = 0; i < pids.length; i++) {
    const pid = pids[i];
    if (remember && kthreads.get(pid) === inos[i]) {
      seen.set(pid, inos[i]);
      continue;
    }
    let fds: number;
    try {
      fds = scanPid(ctx, pid, inodes);
    } catch (e) {
      if (e instanceof SystemCallError && GONE_OR_DENIED.has(e.code)) continue;
      throw e;
    }
    if (remember && fds === 0 && isKernelThread(ctx, pid)) seen.set(pid, inos[i]);
  }
  if (remember) kthreads = seen;
  return inodes;
}

/** Every pid of `<procfs>`, ascending. */
export function listPids(ctx: LinuxContext): number[] {
  const fast = libcScanner();
  if (fast !== null) return fast.numericEntries(ctx.procfs, ctx.live);
  const pids: number[] = [];
  for (const name of ctx.io.listDir(ctx.procfs)) {
    const n = Number(name);
    if (name !== "" && Number.isInteger(n) && n >= 0) pids.push(n);
  }
  return pids.sort((a, b) => a - b);
}

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

/** inode → flat `[pid, fd, pid, fd, …]` of the one process credited with it. */
export type InodeMap = Map<number, number[]>;

const SOCKET_PREFIX = "socket:[";
const PREFIX = new TextEncoder().encode(SOCKET_PREFIX);
const ENOENT = 2;
const ESRCH = 3;
const EINTR = 4;
const EINVAL = 22;
const ENAMETOOLONG = 36;
/** More than any dirent (`d_name` is at most 255 bytes): a read shorter by this much had no next entry to emit. */
const SHORT_READ_MARGIN = 512;

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

  /** The numeric entries of `path` (pids of procfs), ascending. `procfs`: a short read is the end. */
  numericEntries(path: string, procfs: boolean): number[] {
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
          if (v >= 0) out.push(v);
          off += reclen;
        }
        if (procfs && n < b.length - SHORT_READ_MARGIN) break;
      }
    } finally {
      this.#io.close(fd);
    }
    return out.sort((x, y) => x - y);
  }

  /** Adds the socket fds of `pid` to `mine`; throws `SystemCallError` when its fd directory cannot be read. */
  pidSockets(dir: string, pid: number, mine: InodeMap, procfs: boolean): void {
    const dfd = this.#open(dir);
    try {
      const b = this.#dents;
      const link = this.#link;
      const view = new DataView(b.buffer);
      for (;;) {
        const n = this.#io.getdents64!(dfd, b, b.length);
        if (n < 0) this.#fail("getdents64", dir);
        if (n === 0) break;
        for (let off = 0; off < n;) {
          const reclen = view.getUint16(off + 16, true);
          const nameEnd = b.indexOf(0, off + 19);
          const fd = decimal(b, off + 19, nameEnd);
          const name = b.subarray(off + 19, nameEnd + 1); // NUL included: a C string for readlinkat
          off += reclen;
          if (fd < 0) continue;
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
        if (procfs && n < b.length - SHORT_READ_MARGIN) break;
      }
    } finally {
      this.#io.close(dfd);
    }
  }
}

let scanner: LibcScanner | undefined;

function libcScanner(): LibcScanner | null {
  if (adapter() === null || libcIo().getdents64 === null) return null;
  return scanner ??= new LibcScanner();
}

/** The same through `ctx.io` (Node without FFI). */
function pidSocketsGeneric(ctx: LinuxContext, dir: string, pid: number, mine: InodeMap): void {
  for (const name of ctx.io.listDir(dir)) {
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
}

/**
 * Adds the socket inodes of `pid` to `into`, replacing what other pids had for the same inodes (psutil's
 * `dict.update`, so that the highest pid scanned last wins).
 *
 * @throws {SystemCallError} when `<procfs>/<pid>/fd` cannot be listed (gone: ENOENT; not ours: EACCES), or an fd
 * cannot be read for another reason than those psutil skips.
 */
export function scanPid(ctx: LinuxContext, pid: number, into: InodeMap): void {
  const dir = `${ctx.procfs}/${pid}/fd`;
  const mine: InodeMap = new Map();
  const fast = libcScanner();
  if (fast !== null) fast.pidSockets(dir, pid, mine, ctx.live);
  else pidSocketsGeneric(ctx, dir, pid, mine);
  for (const [inode, pairs] of mine) into.set(inode, pairs);
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

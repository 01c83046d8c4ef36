/**
 * Byte-level file access for /proc and /sys: libc `open`/`read`/`close` into one reused buffer through `ffi/`
 * (Deno refuses /proc and /sys to its own fs APIs without `--allow-all`; libc needs only `--allow-ffi`), or
 * `node:fs` when the runtime has no FFI.
 *
 * @module
 */
import * as fs from "node:fs";
import { adapter } from "../../ffi/mod.ts";
import { SystemCallError } from "../../ffi/errors.ts";
import { errnoName, LINUX_ERRNO } from "../../ffi/errno.ts";
import { errno, libcIo } from "./libc.ts";
import { O_CLOEXEC, O_DIRECTORY, O_RDONLY } from "./symbols.ts";
import { asciiOrUtf8 } from "./procfs/_parse.ts";

/**
 * How the Linux backend reads files. A view returned by `read` is valid until the next call.
 *
 * `singleShot` (on `read` and `preadAll`) is for procfs files built by the kernel's `single_open` seq_file
 * (`/proc/<pid>/stat`, `status`, `statm`): the kernel renders the whole file into its own buffer on the first read
 * and copies out as much as fits, so a read that returns less than the room offered has reached the end. The
 * reader then skips the final zero-byte read. Never pass it for multi-record seq files (`maps`, `/proc/net/*`),
 * whose reads stop at a page-sized record boundary before the end.
 */
export interface FileIO {
  /** Reads the whole file into the shared buffer and returns a view of it. */
  read(path: string, singleShot?: boolean): Uint8Array;
  /** Reads the whole file into a fresh, caller-owned copy. */
  readCopy(path: string): Uint8Array;
  /** The target of a symbolic link. */
  readlink(path: string): string;
  /** Entry names of a directory, without `.` and `..`. */
  listDir(path: string): string[];
  /** The entries of a directory whose names are decimal numbers (pids, fds, tids), as numbers, unsorted. */
  listNumeric(path: string): number[];
  /** Opens `path` for repeated `pread`; returns the fd. */
  openFd(path: string): number;
  /** Re-reads an open fd from offset 0 into the shared buffer. */
  preadAll(fd: number, path: string, singleShot?: boolean): Uint8Array;
  /** Closes an fd from `openFd`. */
  closeFd(fd: number): void;
  /** True when `path` exists. */
  exists(path: string): boolean;
  /** Opens directory `path` for repeated listing with `relistDir`; returns the fd (`-1` where unsupported). */
  openDir(path: string): number;
  /**
   * The entries of the directory open as `fd` (from `openDir`), read again from its start. `kernelFs`: the
   * directory is procfs or sysfs, which emit entries until the buffer is full or the list ends, so a read that
   * leaves room for another entry was the last.
   */
  relistDir(fd: number, path: string, kernelFs: boolean): string[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** FileIO over libc via the runtime's FFI. */
class LibcFileIO implements FileIO {
  #path = new Uint8Array(4096);
  #buf = new Uint8Array(1 << 16);
  #link = new Uint8Array(4096);
  #dents = new Uint8Array(1 << 15);

  #cpath(path: string): Uint8Array {
    if (path.length * 3 + 1 > this.#path.length) this.#path = new Uint8Array(path.length * 3 + 1);
    const { written } = encoder.encodeInto(path, this.#path);
    this.#path[written] = 0;
    return this.#path;
  }

  #fail(syscall: string, path: string): never {
    const e = errno();
    throw new SystemCallError(syscall, e, errnoName(e, LINUX_ERRNO), path);
  }

  openFd(path: string): number {
    const fd = libcIo().open(this.#cpath(path), O_RDONLY | O_CLOEXEC);
    if (fd < 0) this.#fail("open", path);
    return fd;
  }

  closeFd(fd: number): void {
    libcIo().close(fd);
  }

  #readFd(fd: number, path: string, positional: boolean, singleShot: boolean): number {
    const c = libcIo();
    let total = 0;
    for (;;) {
      const room = this.#buf.length - total;
      const view = total === 0 ? this.#buf : this.#buf.subarray(total);
      const n = positional ? c.pread(fd, view, room, total) : c.read(fd, view, room);
      if (n < 0) {
        const e = errno();
        if (e === 4) continue; // EINTR
        throw new SystemCallError("read", e, errnoName(e, LINUX_ERRNO), path);
      }
      total += n;
      if (n === 0 || (singleShot && n < room)) return total;
      if (total === this.#buf.length) {
        const bigger = new Uint8Array(this.#buf.length * 2);
        bigger.set(this.#buf);
        this.#buf = bigger;
      }
    }
  }

  read(path: string, singleShot = false): Uint8Array {
    const fd = this.openFd(path);
    try {
      // Read first: #readFd may replace #buf with a bigger one.
      const n = this.#readFd(fd, path, false, singleShot);
      return this.#buf.subarray(0, n);
    } finally {
      libcIo().close(fd);
    }
  }

  readCopy(path: string): Uint8Array {
    return this.read(path).slice();
  }

  preadAll(fd: number, path: string, singleShot = false): Uint8Array {
    const n = this.#readFd(fd, path, true, singleShot);
    return this.#buf.subarray(0, n);
  }

  readlink(path: string): string {
    const c = libcIo();
    for (;;) {
      const n = c.readlink(this.#cpath(path), this.#link, this.#link.length);
      if (n < 0) this.#fail("readlink", path);
      if (n < this.#link.length) return decoder.decode(this.#link.subarray(0, n));
      this.#link = new Uint8Array(this.#link.length * 2);
    }
  }

  /** Calls `each(buf, nameStart, nameEnd)` for every entry of `path` but `.` and `..`, straight from getdents64. */
  #scanDir(path: string, each: (buf: Uint8Array, start: number, end: number) => void): void {
    const fd = this.openDir(path);
    try {
      this.#scanFd(fd, path, false, each);
    } finally {
      libcIo().close(fd);
    }
  }

  #scanFd(
    fd: number,
    path: string,
    kernelFs: boolean,
    each: (buf: Uint8Array, start: number, end: number) => void,
  ): void {
    const c = libcIo();
    const buf = this.#dents;
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    for (;;) {
      const n = c.getdents64!(fd, buf, buf.length);
      if (n < 0) this.#fail("getdents64", path);
      if (n === 0) break;
      // struct linux_dirent64 { u64 d_ino; s64 d_off; u16 d_reclen; u8 d_type; char d_name[]; }
      for (let off = 0; off < n;) {
        const reclen = view.getUint16(off + 16, true);
        const start = off + 19;
        let end = start;
        while (buf[end] !== 0) end++;
        const isDot = buf[start] === 46 && (end === start + 1 || (end === start + 2 && buf[start + 1] === 46));
        if (!isDot) each(buf, start, end);
        off += reclen;
      }
      // d_name is at most 255 bytes: with more room than a whole entry left, the kernel had nothing more to emit.
      if (kernelFs && n < buf.length - 512) break;
    }
  }

  openDir(path: string): number {
    if (libcIo().getdents64 === null) return -1;
    const fd = libcIo().open(this.#cpath(path), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) this.#fail("open", path);
    return fd;
  }

  relistDir(fd: number, path: string, kernelFs: boolean): string[] {
    if (Number(libcIo().lseek(fd, 0n, 0)) < 0) this.#fail("lseek", path); // SEEK_SET
    const out: string[] = [];
    this.#scanFd(fd, path, kernelFs, (buf, start, end) => out.push(asciiOrUtf8(buf, start, end)));
    return out;
  }

  listDir(path: string): string[] {
    if (libcIo().getdents64 === null) return fs.readdirSync(path);
    const out: string[] = [];
    this.#scanDir(path, (buf, start, end) => out.push(asciiOrUtf8(buf, start, end)));
    return out;
  }

  listNumeric(path: string): number[] {
    if (libcIo().getdents64 === null) return numericNames(fs.readdirSync(path));
    const out: number[] = [];
    this.#scanDir(path, (buf, start, end) => {
      let v = 0;
      for (let i = start; i < end; i++) {
        const d = buf[i] - 48;
        if (d < 0 || d > 9) return;
        v = v * 10 + d;
      }
      out.push(v);
    });
    return out;
  }

  exists(path: string): boolean {
    return libcIo().access(this.#cpath(path), 0) === 0;
  }
}

function nodeError(e: unknown, syscall: string, path: string): never {
  const err = e as { code?: string; errno?: number };
  if (typeof err.code === "string") {
    throw new SystemCallError(syscall, Math.abs(err.errno ?? 0), err.code, path);
  }
  throw e;
}

/** FileIO over `node:fs` (Node without an FFI package). */
class NodeFileIO implements FileIO {
  #buf = Buffer.alloc(1 << 16);
  read(path: string, singleShot = false): Uint8Array {
    const fd = this.openFd(path);
    try {
      return this.preadAll(fd, path, singleShot);
    } finally {
      fs.closeSync(fd);
    }
  }
  readCopy(path: string): Uint8Array {
    return this.read(path).slice();
  }
  readlink(path: string): string {
    try {
      return fs.readlinkSync(path);
    } catch (e) {
      nodeError(e, "readlink", path);
    }
  }
  listDir(path: string): string[] {
    try {
      return fs.readdirSync(path);
    } catch (e) {
      nodeError(e, "opendir", path);
    }
  }
  listNumeric(path: string): number[] {
    return numericNames(this.listDir(path));
  }
  openFd(path: string): number {
    try {
      return fs.openSync(path, "r");
    } catch (e) {
      nodeError(e, "open", path);
    }
  }
  preadAll(fd: number, path: string, singleShot = false): Uint8Array {
    let total = 0;
    for (;;) {
      let n: number;
      const room = this.#buf.length - total;
      try {
        n = fs.readSync(fd, this.#buf, total, room, total);
      } catch (e) {
        nodeError(e, "read", path);
      }
      total += n;
      if (n === 0 || (singleShot && n < room)) return this.#buf.subarray(0, total);
      if (total === this.#buf.length) {
        const bigger = Buffer.alloc(this.#buf.length * 2);
        this.#buf.copy(bigger);
        this.#buf = bigger;
      }
    }
  }
  closeFd(fd: number): void {
    fs.closeSync(fd);
  }
  exists(path: string): boolean {
    return fs.existsSync(path);
  }
  openDir(_path: string): number {
    return -1;
  }
  relistDir(_fd: number, path: string): string[] {
    return this.listDir(path);
  }
}

/** The names in `names` that are decimal numbers, as numbers. */
function numericNames(names: string[]): number[] {
  const out: number[] = [];
  for (const n of names) if (/^\d+$/.test(n)) out.push(Number(n));
  return out;
}

let shared: FileIO | undefined;

/** The process-wide FileIO: libc through FFI where the runtime has it, else `node:fs`. */
export function fileIO(): FileIO {
  return shared ??= adapter() === null ? new NodeFileIO() : new LibcFileIO();
}

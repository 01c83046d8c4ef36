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

/** How the Linux backend reads files. A view returned by `read` is valid until the next call. */
export interface FileIO {
  /** Reads the whole file into the shared buffer and returns a view of it. */
  read(path: string): Uint8Array;
  /** Reads the whole file into a fresh, caller-owned copy. */
  readCopy(path: string): Uint8Array;
  /** The target of a symbolic link. */
  readlink(path: string): string;
  /** Entry names of a directory, without `.` and `..`. */
  listDir(path: string): string[];
  /** Opens `path` for repeated `pread`; returns the fd. */
  openFd(path: string): number;
  /** Re-reads an open fd from offset 0 into the shared buffer. */
  preadAll(fd: number, path: string): Uint8Array;
  /** Closes an fd from `openFd`. */
  closeFd(fd: number): void;
  /** True when `path` exists. */
  exists(path: string): boolean;
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

  #readFd(fd: number, path: string, positional: boolean): number {
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
      if (n === 0) return total;
      if (total === this.#buf.length) {
        const bigger = new Uint8Array(this.#buf.length * 2);
        bigger.set(this.#buf);
        this.#buf = bigger;
      }
    }
  }

  read(path: string): Uint8Array {
    const fd = this.openFd(path);
    try {
      return this.#buf.subarray(0, this.#readFd(fd, path, false));
    } finally {
      libcIo().close(fd);
    }
  }

  readCopy(path: string): Uint8Array {
    return this.read(path).slice();
  }

  preadAll(fd: number, path: string): Uint8Array {
    return this.#buf.subarray(0, this.#readFd(fd, path, true));
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

  listDir(path: string): string[] {
    const c = libcIo();
    if (c.getdents64 === null) return fs.readdirSync(path);
    const fd = c.open(this.#cpath(path), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) this.#fail("open", path);
    const out: string[] = [];
    try {
      const buf = this.#dents;
      const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
      for (;;) {
        const n = c.getdents64(fd, buf, buf.length);
        if (n < 0) this.#fail("getdents64", path);
        if (n === 0) break;
        // struct linux_dirent64 { u64 d_ino; s64 d_off; u16 d_reclen; u8 d_type; char d_name[]; }
        for (let off = 0; off < n;) {
          const reclen = view.getUint16(off + 16, true);
          let end = off + 19;
          while (buf[end] !== 0) end++;
          const first = buf[off + 19];
          const isDot = first === 46 && (end === off + 20 || (end === off + 21 && buf[off + 20] === 46));
          if (!isDot) out.push(decoder.decode(buf.subarray(off + 19, end)));
          off += reclen;
        }
      }
    } finally {
      c.close(fd);
    }
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
  read(path: string): Uint8Array {
    const fd = this.openFd(path);
    try {
      return this.preadAll(fd, path);
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
  openFd(path: string): number {
    try {
      return fs.openSync(path, "r");
    } catch (e) {
      nodeError(e, "open", path);
    }
  }
  preadAll(fd: number, path: string): Uint8Array {
    let total = 0;
    for (;;) {
      let n: number;
      try {
        n = fs.readSync(fd, this.#buf, total, this.#buf.length - total, total);
      } catch (e) {
        nodeError(e, "read", path);
      }
      total += n;
      if (n === 0) return this.#buf.subarray(0, total);
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
}

let shared: FileIO | undefined;

/** The process-wide FileIO: libc through FFI where the runtime has it, else `node:fs`. */
export function fileIO(): FileIO {
  return shared ??= adapter() === null ? new NodeFileIO() : new LibcFileIO();
}

/**
 * Lazy access to Linux libc and errno, shared by the Linux backend's modules.
 *
 * @module
 */
import { type NativeLibrary, openLibrary, type Pointer, requireAdapter, type SymbolTable } from "../../ffi/mod.ts";
import { SystemCallError } from "../../ffi/errors.ts";
import { errnoName, LINUX_ERRNO } from "../../ffi/errno.ts";
import { LIBC, LIBC_IO } from "./symbols.ts";

let io: NativeLibrary<typeof LIBC_IO>["symbols"] | undefined;
let errnoPtr: Pointer | undefined;

/** libc's I/O functions (opened on first use). */
export function libcIo(): NativeLibrary<typeof LIBC_IO>["symbols"] {
  return io ??= openLibrary(LIBC, LIBC_IO).symbols;
}

/** Opens another libc table (e.g. the process or network functions), once. */
export function libcTable<T extends SymbolTable>(table: T): NativeLibrary<T>["symbols"] {
  return openLibrary(LIBC, table).symbols;
}

/** The calling thread's errno, read right after a failed call. */
export function errno(): number {
  const a = requireAdapter("errno");
  if (a.savedErrno !== undefined) return a.savedErrno();
  if (errnoPtr === undefined) errnoPtr = libcIo().__errno_location();
  return a.readI32(errnoPtr);
}

/** A `SystemCallError` for the current errno. */
export function lastError(syscall: string, path?: string): SystemCallError {
  const e = errno();
  return new SystemCallError(syscall, e, errnoName(e, LINUX_ERRNO), path);
}

/** The errno name for `n` on Linux. */
export function linuxErrnoName(n: number): string {
  return errnoName(n, LINUX_ERRNO);
}

/**
 * Errors raised by the FFI layer itself. Backends translate {@linkcode SystemCallError} into psutil's errors.
 *
 * @module
 */
import { TsutilError } from "../src/errors.ts";

/**
 * A shared library could not be opened; lists every path tried.
 *
 * @example
 * ```ts
 * import { LibraryNotFoundError } from "../mod.ts";
 * const e = new LibraryNotFoundError("libfoo", ["libfoo.so.1", "/opt/libfoo.so"]);
 * if (e.tried.length !== 2 || !e.message.includes("libfoo.so.1")) throw new Error();
 * ```
 */
export class LibraryNotFoundError extends TsutilError {
  /** The error class's name, `"LibraryNotFoundError"`. */
  override name = "LibraryNotFoundError";
  /** Short library name, e.g. `"libc"`. */
  readonly library: string;
  /** Every path or name tried, in order. */
  readonly tried: readonly string[];
  /** Builds the error from the library name, the paths tried and the last failure. */
  constructor(library: string, tried: readonly string[], cause?: unknown) {
    const why = cause instanceof Error ? `: ${cause.message}` : "";
    super(`Could not open library "${library}" (tried ${tried.map((t) => `"${t}"`).join(", ")})${why}`, { cause });
    this.library = library;
    this.tried = tried;
  }
}

/**
 * A native call failed: which call, the errno (or Windows error code) and its symbolic name.
 *
 * @example
 * ```ts
 * import { diskUsage, SystemCallError } from "../mod.ts";
 * try {
 *   diskUsage("/no/such/path");
 *   throw new Error("expected a failure");
 * } catch (e) {
 *   if (!(e instanceof SystemCallError) || e.code !== "ENOENT") throw e;
 * }
 * ```
 */
export class SystemCallError extends TsutilError {
  /** The error class's name, `"SystemCallError"`. */
  override name = "SystemCallError";
  /** The failing function (`"statvfs"`) or file (`"/proc/42/stat"`). */
  override syscall: string;
  /** The numeric error code. */
  readonly errno: number;
  /** The symbolic name, e.g. `"ENOENT"`. */
  override code: string;
  /** The path involved, when there is one. */
  readonly path?: string;
  /** Builds the error. */
  constructor(syscall: string, errno: number, code: string, path?: string) {
    super(`${syscall} failed: ${code} (errno ${errno})${path === undefined ? "" : ` on "${path}"`}`);
    this.syscall = syscall;
    this.errno = errno;
    this.code = code;
    this.path = path;
  }
}

/**
 * tsutil's error tree, mirroring psutil's: {@linkcode TsutilError} → {@linkcode NoSuchProcess} →
 * {@linkcode ZombieProcess}; {@linkcode AccessDenied}; {@linkcode TimeoutExpired}; plus
 * {@linkcode UnsupportedError} and {@linkcode MissingPermissionError}.
 *
 * @module
 */

/** What failed underneath: the syscall or file, and the errno name. */
export interface ErrorDetails {
  /** Process id concerned, if any. */
  pid?: number;
  /** Process name, if known. */
  name?: string | null;
  /** Parent pid (zombies). */
  ppid?: number | null;
  /** The failing syscall or function (`"kill"`, `"OpenProcess"`) or file (`"/proc/42/stat"`). */
  syscall?: string;
  /** The errno (or Windows error) name, e.g. `"ESRCH"`. */
  code?: string;
  /** A custom message replacing the default one. */
  msg?: string;
  /** The underlying error. */
  cause?: unknown;
}

function detailText(d: ErrorDetails): string {
  const parts: string[] = [];
  if (d.pid !== undefined) parts.push(`pid=${d.pid}`);
  if (d.name) parts.push(`name="${d.name}"`);
  if (d.ppid !== undefined && d.ppid !== null) parts.push(`ppid=${d.ppid}`);
  if (d.syscall) parts.push(`syscall="${d.syscall}"`);
  if (d.code) parts.push(`code=${d.code}`);
  return parts.length ? ` (${parts.join(", ")})` : "";
}

/**
 * Base class of every error tsutil raises on purpose (psutil: `Error`).
 *
 * @example Catch any tsutil error
 * ```ts
 * import { TsutilError } from "./errors.ts";
 * const e = new TsutilError("boom");
 * if (!(e instanceof Error)) throw new Error("not an Error");
 * ```
 */
export class TsutilError extends Error {
  /** The error class's name, `"TsutilError"`. */
  override name = "TsutilError";
  /** The failing syscall or file, when known. */
  syscall?: string;
  /** The errno name, when known. */
  code?: string;
  /** Builds the error from a message and an optional cause. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * The process no longer exists, or its PID now names another process (psutil: `NoSuchProcess`).
 *
 * @example
 * ```ts
 * import { NoSuchProcess } from "./errors.ts";
 * const e = new NoSuchProcess({ pid: 42, name: "sleep" });
 * if (!e.message.includes("pid=42")) throw new Error();
 * ```
 */
export class NoSuchProcess extends TsutilError {
  /** The error class's name, `"NoSuchProcess"`. */
  override name = "NoSuchProcess";
  /** The pid. */
  readonly pid: number;
  /** The process name, when known. */
  readonly processName: string | null;
  /** Builds the error. */
  constructor(details: ErrorDetails & { pid: number }, defaultMsg = "Process no longer exists") {
    super(`${details.msg ?? defaultMsg}${detailText(details)}`, { cause: details.cause });
    this.pid = details.pid;
    this.processName = details.name ?? null;
    this.syscall = details.syscall;
    this.code = details.code;
  }
}

/**
 * The process exists but is a zombie: most of its attributes are gone (psutil: `ZombieProcess`).
 *
 * @example
 * ```ts
 * import { NoSuchProcess, ZombieProcess } from "./errors.ts";
 * const e = new ZombieProcess({ pid: 42, ppid: 1 });
 * if (!(e instanceof NoSuchProcess)) throw new Error();
 * ```
 */
export class ZombieProcess extends NoSuchProcess {
  /** The error class's name, `"ZombieProcess"`. */
  override name = "ZombieProcess";
  /** The parent pid, when known. */
  readonly ppid: number | null;
  /** Builds the error. */
  constructor(details: ErrorDetails & { pid: number }) {
    super(details, "Process still exists but it's a zombie");
    this.ppid = details.ppid ?? null;
  }
}

/**
 * The OS refused the operation: EPERM/EACCES, or Windows' ERROR_ACCESS_DENIED (psutil: `AccessDenied`).
 *
 * @example
 * ```ts
 * import { AccessDenied } from "./errors.ts";
 * const e = new AccessDenied({ pid: 1, name: "init", syscall: "/proc/1/environ", code: "EACCES" });
 * if (e.pid !== 1) throw new Error();
 * ```
 */
export class AccessDenied extends TsutilError {
  /** The error class's name, `"AccessDenied"`. */
  override name = "AccessDenied";
  /** The pid, when the error concerns a process. */
  readonly pid: number | null;
  /** The process name, when known. */
  readonly processName: string | null;
  /** Builds the error. */
  constructor(details: ErrorDetails = {}) {
    super(`${details.msg ?? "Access denied"}${detailText(details)}`, { cause: details.cause });
    this.pid = details.pid ?? null;
    this.processName = details.name ?? null;
    this.syscall = details.syscall;
    this.code = details.code;
  }
}

/**
 * A wait did not finish in time (psutil: `TimeoutExpired`).
 *
 * @example
 * ```ts
 * import { TimeoutExpired } from "./errors.ts";
 * const e = new TimeoutExpired(0.5, { pid: 42 });
 * if (e.seconds !== 0.5) throw new Error();
 * ```
 */
export class TimeoutExpired extends TsutilError {
  /** The error class's name, `"TimeoutExpired"`. */
  override name = "TimeoutExpired";
  /** The timeout, in seconds. */
  readonly seconds: number;
  /** The pid waited for, when any. */
  readonly pid: number | null;
  /** The process name, when known. */
  readonly processName: string | null;
  /** Builds the error. */
  constructor(seconds: number, details: ErrorDetails = {}) {
    super(`${details.msg ?? `Timeout after ${seconds} seconds`}${detailText(details)}`);
    this.seconds = seconds;
    this.pid = details.pid ?? null;
    this.processName = details.name ?? null;
  }
}

/**
 * The function is not available on this platform (psutil raises `AttributeError` or `NotImplementedError`).
 *
 * @example
 * ```ts
 * import { UnsupportedError } from "./errors.ts";
 * const e = new UnsupportedError("cpuFreq", "openbsd");
 * if (!e.message.includes("cpuFreq")) throw new Error();
 * ```
 */
export class UnsupportedError extends TsutilError {
  /** The error class's name, `"UnsupportedError"`. */
  override name = "UnsupportedError";
  /** The function asked for. */
  readonly function: string;
  /** The platform that lacks it. */
  readonly platform: string;
  /** Builds the error; `why` adds a reason (e.g. what to install). */
  constructor(fn: string, platform: string, why?: string) {
    super(`${fn}() is not supported on ${platform}${why ? `: ${why}` : ""}`);
    this.function = fn;
    this.platform = platform;
  }
}

/**
 * The runtime withheld a permission tsutil needs; the message names the flag to add (e.g. `--allow-ffi`).
 *
 * @example
 * ```ts
 * import { MissingPermissionError } from "./errors.ts";
 * const e = new MissingPermissionError("--allow-ffi", "open libc");
 * if (!e.message.includes("--allow-ffi")) throw new Error();
 * ```
 */
export class MissingPermissionError extends TsutilError {
  /** The error class's name, `"MissingPermissionError"`. */
  override name = "MissingPermissionError";
  /** The command-line flag that grants the permission. */
  readonly flag: string;
  /** Builds the error from the flag and what was being attempted. */
  constructor(flag: string, action: string, cause?: unknown) {
    super(`tsutil needs the Deno permission ${flag} to ${action}: run again with ${flag}`, { cause });
    this.flag = flag;
  }
}

/**
 * A kernel or OS file did not have the expected shape (truncated, non-numeric field): names the file, so a result
 * never carries NaN.
 *
 * @example
 * ```ts
 * import { MalformedFileError, TsutilError } from "./errors.ts";
 * const e = new MalformedFileError("/proc/stat", "no btime line");
 * if (!(e instanceof TsutilError) || e.syscall !== "/proc/stat") throw new Error();
 * ```
 */
export class MalformedFileError extends TsutilError {
  /** The error class's name, `"MalformedFileError"`. */
  override name = "MalformedFileError";
  /** Builds the error from the file and what was wrong. */
  constructor(path: string, what: string) {
    super(`Malformed ${path}: ${what}`);
    this.syscall = path;
  }
}

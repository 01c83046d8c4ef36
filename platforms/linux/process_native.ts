/**
 * The few libc calls the Linux process read side needs: user names through `getpwuid_r` (so NSS users such as
 * LDAP or systemd-homed ones resolve), file type and device numbers through `statx`, `access(X_OK)`, `getpid`.
 *
 * @module
 */
import { requireAdapter } from "../../ffi/mod.ts";
import { cstrInto } from "../../ffi/cstring.ts";
import { decode, sizeOf } from "../../ffi/struct.ts";
import { errno, lastError, libcIo, libcTable } from "./libc.ts";
import { AT_FDCWD, LIBC_PROCESS_INFO, STATX_BASIC_STATS } from "./symbols.ts";
import { passwd, statx } from "./structs.ts";

const PASSWD_SIZE = sizeOf(passwd, "lp64");
const STATX_SIZE = sizeOf(statx, "lp64");
const ERANGE = 34;
const EINTR = 4;

const names = new Map<number, string>();
let pwBuf = new Uint8Array(1024);
const pwStruct = new Uint8Array(PASSWD_SIZE);
const pwResult = new BigUint64Array(1);

/**
 * The login name of `uid`, or the uid as a string when the system has no name for it (as psutil). Cached per uid.
 */
export function userName(uid: number): string {
  const hit = names.get(uid);
  if (hit !== undefined) return hit;
  const c = libcTable(LIBC_PROCESS_INFO);
  for (;;) {
    pwResult[0] = 0n;
    const rc = c.getpwuid_r(uid, pwStruct, pwBuf, pwBuf.length, pwResult);
    if (rc === ERANGE && pwBuf.length < 1 << 20) {
      pwBuf = new Uint8Array(pwBuf.length * 4);
      continue;
    }
    if (rc === EINTR) continue;
    let name = String(uid);
    if (rc === 0 && pwResult[0] !== 0n) {
      const pw = decode(passwd, new DataView(pwStruct.buffer), 0, "lp64");
      const a = requireAdapter("getpwuid_r");
      name = a.readCString(a.pointerFrom(pw.pw_name));
    }
    names.set(uid, name);
    return name;
  }
}

const pathBuf: { b: Uint8Array } = { b: new Uint8Array(4096) };
const stxBuf = new Uint8Array(STATX_SIZE);

/** What {@linkcode fileStat} tells about a path. */
export interface FileStat {
  /** `st_mode`: type and permission bits. */
  mode: number;
  /** Device major number of a device file. */
  rdevMajor: number;
  /** Device minor number of a device file. */
  rdevMinor: number;
}

/** `statx(path)` following links; `null` when it fails with ENOENT/ENOTDIR, a `SystemCallError` otherwise. */
export function fileStat(path: string): FileStat | null {
  pathBuf.b = cstrInto(path, pathBuf.b);
  const rc = libcTable(LIBC_PROCESS_INFO).statx(AT_FDCWD, pathBuf.b, 0, STATX_BASIC_STATS, stxBuf);
  if (rc !== 0) {
    const e = errno();
    if (e === 2 || e === 20) return null;
    throw lastError("statx", path);
  }
  const s = decode(statx, new DataView(stxBuf.buffer), 0, "lp64");
  return { mode: s.stx_mode, rdevMajor: s.stx_rdev_major, rdevMinor: s.stx_rdev_minor };
}

/** S_IFMT and S_IFREG. */
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;

/** Whether `path` is a regular file (following links); false when missing (psutil's `isfile_strict`). */
export function isRegularFile(path: string): boolean {
  const s = fileStat(path);
  return s !== null && (s.mode & S_IFMT) === S_IFREG;
}

/** Whether this process may execute `path` (`access(path, X_OK)`). */
export function canExecute(path: string): boolean {
  pathBuf.b = cstrInto(path, pathBuf.b);
  return libcIo().access(pathBuf.b, 1) === 0;
}

/** This process's pid. */
export function selfPid(): number {
  return libcTable(LIBC_PROCESS_INFO).getpid();
}

/**
 * errno names per OS family. Numbers 1–34 are shared by Linux and the BSDs (macOS, FreeBSD); above that they
 * differ, so each platform passes its own table. Reading errno itself is the platform's job (its libc symbol:
 * `__errno_location` on Linux, `__error` on macOS/FreeBSD) because only it knows the symbol.
 *
 * @module
 */

const COMMON: Record<number, string> = {
  1: "EPERM",
  2: "ENOENT",
  3: "ESRCH",
  4: "EINTR",
  5: "EIO",
  6: "ENXIO",
  7: "E2BIG",
  8: "ENOEXEC",
  9: "EBADF",
  10: "ECHILD",
  12: "ENOMEM",
  13: "EACCES",
  14: "EFAULT",
  16: "EBUSY",
  17: "EEXIST",
  18: "EXDEV",
  19: "ENODEV",
  20: "ENOTDIR",
  21: "EISDIR",
  22: "EINVAL",
  23: "ENFILE",
  24: "EMFILE",
  25: "ENOTTY",
  27: "EFBIG",
  28: "ENOSPC",
  29: "ESPIPE",
  30: "EROFS",
  32: "EPIPE",
  33: "EDOM",
  34: "ERANGE",
};

/** Linux errno names. */
export const LINUX_ERRNO: Readonly<Record<number, string>> = Object.freeze({
  ...COMMON,
  11: "EAGAIN",
  36: "ENAMETOOLONG",
  38: "ENOSYS",
  40: "ELOOP",
  61: "ENODATA",
  75: "EOVERFLOW",
  95: "EOPNOTSUPP",
  110: "ETIMEDOUT",
});

/** macOS / FreeBSD errno names. */
export const BSD_ERRNO: Readonly<Record<number, string>> = Object.freeze({
  ...COMMON,
  11: "EDEADLK",
  35: "EAGAIN",
  45: "EOPNOTSUPP",
  60: "ETIMEDOUT",
  62: "ELOOP",
  63: "ENAMETOOLONG",
  78: "ENOSYS",
});

/** The symbolic name of `errno` in `table`, or `"E<n>"` when unknown. */
export function errnoName(errno: number, table: Readonly<Record<number, string>>): string {
  return table[errno] ?? `E${errno}`;
}

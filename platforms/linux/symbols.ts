/**
 * Linux libc: where to find it and the functions tsutil calls, declared once for every runtime.
 *
 * Keys are the C names; each argument carries its C prototype in a comment.
 *
 * @module
 */
import type { LibrarySpec, SymbolTable } from "../../ffi/types.ts";

/** glibc's soname first, then musl's loader (Alpine), then a bare name. Override: `TSUTIL_LIBC`. */
export const LIBC: LibrarySpec = {
  name: "libc",
  candidates: ["libc.so.6", "/lib/ld-musl-x86_64.so.1", "/lib/ld-musl-aarch64.so.1", "libc.so"],
  envOverride: "TSUTIL_LIBC",
};

/** File and directory I/O, errno, and sysconf: what the procfs/sysfs reader needs. */
export const LIBC_IO = {
  open: { args: ["buffer", "i32"], returns: "i32" }, // const char *path, int flags
  read: { args: ["i32", "buffer", "usize"], returns: "isize" }, // int fd, void *buf, size_t count
  lseek: { args: ["i32", "i64", "i32"], returns: "i64" }, // int fd, off_t offset, int whence
  pread: { args: ["i32", "buffer", "usize", "i64"], returns: "isize" }, // int fd, void *buf, size_t n, off_t off
  close: { args: ["i32"], returns: "i32" }, // int fd
  readlink: { args: ["buffer", "buffer", "usize"], returns: "isize" }, // const char *path, char *buf, size_t n
  getdents64: { args: ["i32", "buffer", "usize"], returns: "isize", optional: true }, // int fd, void *dirp, size_t n
  __errno_location: { args: [], returns: "pointer" }, // int *__errno_location(void)
  sysconf: { args: ["i32"], returns: "i64" }, // int name
  statvfs: { args: ["buffer", "buffer"], returns: "i32" }, // const char *path, struct statvfs *buf
  access: { args: ["buffer", "i32"], returns: "i32" }, // const char *path, int mode
} as const satisfies SymbolTable;

/** System-wide figures in one call: load averages (as glibc's `getloadavg`), RAM and swap totals. */
export const LIBC_SYSINFO = {
  sysinfo: { args: ["buffer"], returns: "i32" }, // struct sysinfo *info
} as const satisfies SymbolTable;

/** What the process read side calls: user names (NSS-aware), file types and device numbers, own pid. */
export const LIBC_PROCESS_INFO = {
  // uid_t uid, struct passwd *pwd, char *buf, size_t buflen, struct passwd **result
  getpwuid_r: { args: ["u32", "buffer", "buffer", "usize", "buffer"], returns: "i32" },
  // int dirfd, const char *path, int flags, unsigned int mask, struct statx *buf
  statx: { args: ["i32", "buffer", "i32", "u32", "buffer"], returns: "i32" },
  getpid: { args: [], returns: "i32" }, // pid_t getpid(void)
} as const satisfies SymbolTable;

/** `statx` dirfd meaning "relative to the working directory". */
export const AT_FDCWD = -100;
/** `statx` mask: the basic `stat` fields. */
export const STATX_BASIC_STATS = 0x7ff;

/** `open(2)` flags (asm-generic values, same on x86_64 and aarch64). */
export const O_RDONLY = 0;
/** Fail unless the path is a directory. */
export const O_DIRECTORY = 0o200000;
/** Close on exec. */
export const O_CLOEXEC = 0o2000000;
/** `sysconf` name for clock ticks per second. */
export const _SC_CLK_TCK = 2;
/** `sysconf` name for the page size. */
export const _SC_PAGESIZE = 30;
/** `sysconf` name for online processors. */
export const _SC_NPROCESSORS_ONLN = 84;

/** Process control: signals, scheduling, limits, affinity, waiting (`platforms/linux/process_control.ts`). */
export const LIBC_CONTROL = {
  kill: { args: ["i32", "i32"], returns: "i32" }, // pid_t pid, int sig
  // long number, ...: the syscalls used take at most 4 integer arguments (unused ones are passed as 0)
  syscall: { args: ["i64", "i64", "i64", "i64", "i64"], returns: "i64" },
  getpriority: { args: ["i32", "u32"], returns: "i32" }, // int which, id_t who
  setpriority: { args: ["i32", "u32", "i32"], returns: "i32" }, // int which, id_t who, int prio
  // pid_t pid, int resource, const struct rlimit *new_limit, struct rlimit *old_limit
  prlimit: { args: ["i32", "i32", "buffer", "buffer"], returns: "i32" },
  sched_getaffinity: { args: ["i32", "usize", "buffer"], returns: "i32" }, // pid_t pid, size_t size, cpu_set_t *mask
  sched_setaffinity: { args: ["i32", "usize", "buffer"], returns: "i32" }, // pid_t pid, size_t size, cpu_set_t *mask
  waitid: { args: ["i32", "u32", "buffer", "i32"], returns: "i32" }, // idtype_t idtype, id_t id, siginfo_t *info, int options
  poll: { args: ["buffer", "u64", "i32"], returns: "i32" }, // struct pollfd *fds, nfds_t nfds, int timeout
  uname: { args: ["buffer"], returns: "i32" }, // struct utsname *buf
  memset: { args: ["pointer", "i32", "usize"], returns: "pointer" }, // void *s, int c, size_t n
  ioctl: { args: ["i32", "u64", "buffer"], returns: "i32" }, // int fd, unsigned long request, void *argp
  // pid_t pid, unsigned int flags (glibc 2.36+; elsewhere syscall() reaches it): 32-bit arguments, which Deno's FFI
  // passes on its fast path, where syscall()'s 64-bit ones take the slow one
  pidfd_open: { args: ["i32", "u32"], returns: "i32", optional: true },
} as const satisfies SymbolTable;

/** `poll` on a worker thread where the runtime can (Deno), so waiting on a pidfd does not block the event loop. */
export const LIBC_CONTROL_ASYNC = {
  poll: { args: ["buffer", "u64", "i32"], returns: "i32", nonblocking: true }, // struct pollfd *fds, nfds_t n, int ms
} as const satisfies SymbolTable;

/** Network interfaces: state ioctls (`platforms/linux/net_if_stats.ts`) and the fd scan's `readlinkat`. */
export const LIBC_NET = {
  socket: { args: ["i32", "i32", "i32"], returns: "i32" }, // int domain, int type, int protocol
  ioctl: { args: ["i32", "u64", "buffer"], returns: "i32" }, // int fd, unsigned long request, void *argp
  close: { args: ["i32"], returns: "i32" }, // int fd
  // int dirfd, const char *path, char *buf, size_t bufsiz
  readlinkat: { args: ["i32", "buffer", "buffer", "usize"], returns: "isize" },
} as const satisfies SymbolTable;

/** Netlink requests (`platforms/linux/net_inet_diag.ts`): a socket, one request out, the answer in. */
export const LIBC_NETLINK = {
  socket: { args: ["i32", "i32", "i32"], returns: "i32" }, // int domain, int type, int protocol
  send: { args: ["i32", "buffer", "usize", "i32"], returns: "isize" }, // int fd, const void *buf, size_t n, int flags
  recv: { args: ["i32", "buffer", "usize", "i32"], returns: "isize" }, // int fd, void *buf, size_t n, int flags
  close: { args: ["i32"], returns: "i32" }, // int fd
  poll: { args: ["buffer", "u64", "i32"], returns: "i32" }, // struct pollfd *fds, nfds_t n, int timeout_ms
} as const satisfies SymbolTable;

/**
 * `send` on a worker thread where the runtime can (Deno): the kernel runs a sock_diag dump inside the `send` that
 * asks for it, so sending off-thread lets the dump and the caller's own work (the fd scan) run at once.
 */
export const LIBC_NETLINK_ASYNC = {
  send: { args: ["i32", "buffer", "usize", "i32"], returns: "isize", nonblocking: true }, // as `send` above
} as const satisfies SymbolTable;

/** `ioctl` requests and flags for NIC state (linux/sockios.h, linux/ethtool.h, linux/net.h). */
export const SIOCGIFFLAGS = 0x8913;
/** Get the MTU. */
export const SIOCGIFMTU = 0x8921;
/** ethtool commands. */
export const SIOCETHTOOL = 0x8946;
/** ethtool: get link settings (`struct ethtool_cmd`). */
export const ETHTOOL_GSET = 0x1;
/** `socket(2)` type flag: close on exec. */
export const SOCK_CLOEXEC = 0o2000000;

/**
 * glibc's allocator statistics and trimming, for `heapInfo()` / `heapTrim()`. `mallinfo2` returns an 80-byte struct
 * by value: the x86-64 System V ABI returns such a struct through a hidden pointer the caller passes as the first
 * argument (and hands back in %rax), so on x86_64 the call is declared with that pointer made explicit. Other ABIs
 * pass it elsewhere (aarch64: x8), which neutral FFI cannot express; the backend offers heapInfo on x86_64 only.
 */
export const LIBC_HEAP = {
  mallinfo2: { args: ["buffer"], returns: "pointer", optional: true }, // struct mallinfo2 *sret (x86_64 SysV)
  malloc_trim: { args: ["usize"], returns: "i32", optional: true }, // size_t pad
} as const satisfies SymbolTable;

/**
 * psutil's constants, with psutil's spelling and values. Each family is a const object plus a type alias of the
 * same name, and each member is also exported on its own (`STATUS_RUNNING`), as psutil does.
 *
 * @module
 */

/**
 * Process status strings (psutil: `STATUS_*`).
 *
 * @example
 * ```ts
 * import { ProcessStatus, STATUS_RUNNING } from "./constants.ts";
 * if (ProcessStatus.RUNNING !== STATUS_RUNNING) throw new Error();
 * ```
 */
export const ProcessStatus = Object.freeze(
  {
    RUNNING: "running",
    SLEEPING: "sleeping",
    DISK_SLEEP: "disk-sleep",
    STOPPED: "stopped",
    TRACING_STOP: "tracing-stop",
    ZOMBIE: "zombie",
    DEAD: "dead",
    WAKE_KILL: "wake-kill",
    WAKING: "waking",
    IDLE: "idle",
    LOCKED: "locked",
    WAITING: "waiting",
    SUSPENDED: "suspended",
    PARKED: "parked",
  } as const,
);
/** A process status string. */
export type ProcessStatus = typeof ProcessStatus[keyof typeof ProcessStatus];

/** `"running"` */
export const STATUS_RUNNING = ProcessStatus.RUNNING;
/** `"sleeping"` */
export const STATUS_SLEEPING = ProcessStatus.SLEEPING;
/** `"disk-sleep"` */
export const STATUS_DISK_SLEEP = ProcessStatus.DISK_SLEEP;
/** `"stopped"` */
export const STATUS_STOPPED = ProcessStatus.STOPPED;
/** `"tracing-stop"` */
export const STATUS_TRACING_STOP = ProcessStatus.TRACING_STOP;
/** `"zombie"` */
export const STATUS_ZOMBIE = ProcessStatus.ZOMBIE;
/** `"dead"` */
export const STATUS_DEAD = ProcessStatus.DEAD;
/** `"wake-kill"` */
export const STATUS_WAKE_KILL = ProcessStatus.WAKE_KILL;
/** `"waking"` */
export const STATUS_WAKING = ProcessStatus.WAKING;
/** `"idle"` */
export const STATUS_IDLE = ProcessStatus.IDLE;
/** `"locked"` */
export const STATUS_LOCKED = ProcessStatus.LOCKED;
/** `"waiting"` */
export const STATUS_WAITING = ProcessStatus.WAITING;
/** `"suspended"` */
export const STATUS_SUSPENDED = ProcessStatus.SUSPENDED;
/** `"parked"` */
export const STATUS_PARKED = ProcessStatus.PARKED;

/**
 * Connection status strings (psutil: `CONN_*`).
 *
 * @example
 * ```ts
 * import { ConnectionStatus } from "./constants.ts";
 * if (ConnectionStatus.LISTEN !== "LISTEN") throw new Error();
 * ```
 */
export const ConnectionStatus = Object.freeze(
  {
    ESTABLISHED: "ESTABLISHED",
    SYN_SENT: "SYN_SENT",
    SYN_RECV: "SYN_RECV",
    FIN_WAIT1: "FIN_WAIT1",
    FIN_WAIT2: "FIN_WAIT2",
    TIME_WAIT: "TIME_WAIT",
    CLOSE: "CLOSE",
    CLOSE_WAIT: "CLOSE_WAIT",
    LAST_ACK: "LAST_ACK",
    LISTEN: "LISTEN",
    CLOSING: "CLOSING",
    NONE: "NONE",
    DELETE_TCB: "DELETE_TCB",
  } as const,
);
/** A connection status string. */
export type ConnectionStatus = typeof ConnectionStatus[keyof typeof ConnectionStatus];

/** `"ESTABLISHED"` */
export const CONN_ESTABLISHED = ConnectionStatus.ESTABLISHED;
/** `"SYN_SENT"` */
export const CONN_SYN_SENT = ConnectionStatus.SYN_SENT;
/** `"SYN_RECV"` */
export const CONN_SYN_RECV = ConnectionStatus.SYN_RECV;
/** `"FIN_WAIT1"` */
export const CONN_FIN_WAIT1 = ConnectionStatus.FIN_WAIT1;
/** `"FIN_WAIT2"` */
export const CONN_FIN_WAIT2 = ConnectionStatus.FIN_WAIT2;
/** `"TIME_WAIT"` */
export const CONN_TIME_WAIT = ConnectionStatus.TIME_WAIT;
/** `"CLOSE"` */
export const CONN_CLOSE = ConnectionStatus.CLOSE;
/** `"CLOSE_WAIT"` */
export const CONN_CLOSE_WAIT = ConnectionStatus.CLOSE_WAIT;
/** `"LAST_ACK"` */
export const CONN_LAST_ACK = ConnectionStatus.LAST_ACK;
/** `"LISTEN"` */
export const CONN_LISTEN = ConnectionStatus.LISTEN;
/** `"CLOSING"` */
export const CONN_CLOSING = ConnectionStatus.CLOSING;
/** `"NONE"` */
export const CONN_NONE = ConnectionStatus.NONE;
/** `"DELETE_TCB"` (Windows) */
export const CONN_DELETE_TCB = ConnectionStatus.DELETE_TCB;

/**
 * NIC duplex values (psutil: `NIC_DUPLEX_*`).
 *
 * @example
 * ```ts
 * import { NicDuplex } from "./constants.ts";
 * if (NicDuplex.FULL !== 2) throw new Error();
 * ```
 */
export const NicDuplex = Object.freeze({ UNKNOWN: 0, HALF: 1, FULL: 2 } as const);
/** A NIC duplex value. */
export type NicDuplex = typeof NicDuplex[keyof typeof NicDuplex];
/** `2` */
export const NIC_DUPLEX_FULL = NicDuplex.FULL;
/** `1` */
export const NIC_DUPLEX_HALF = NicDuplex.HALF;
/** `0` */
export const NIC_DUPLEX_UNKNOWN = NicDuplex.UNKNOWN;

/**
 * Battery time sentinels (psutil: `POWER_TIME_*`).
 *
 * @example
 * ```ts
 * import { POWER_TIME_UNLIMITED } from "./constants.ts";
 * if (POWER_TIME_UNLIMITED !== -2) throw new Error();
 * ```
 */
export const PowerTime = Object.freeze({ UNKNOWN: -1, UNLIMITED: -2 } as const);
/** A battery time sentinel. */
export type PowerTime = typeof PowerTime[keyof typeof PowerTime];
/** `-1`: the time left cannot be determined. */
export const POWER_TIME_UNKNOWN = PowerTime.UNKNOWN;
/** `-2`: on AC power, the battery does not drain. */
export const POWER_TIME_UNLIMITED = PowerTime.UNLIMITED;

/**
 * Linux I/O scheduling classes (psutil: `IOPRIO_CLASS_*`).
 *
 * @example
 * ```ts
 * import { IOPRIO_CLASS_IDLE } from "./constants.ts";
 * if (IOPRIO_CLASS_IDLE !== 3) throw new Error();
 * ```
 */
export const IoPriorityClass = Object.freeze({ NONE: 0, RT: 1, BE: 2, IDLE: 3 } as const);
/** A Linux I/O scheduling class. */
export type IoPriorityClass = typeof IoPriorityClass[keyof typeof IoPriorityClass];
/** `0` */
export const IOPRIO_CLASS_NONE = IoPriorityClass.NONE;
/** `1` */
export const IOPRIO_CLASS_RT = IoPriorityClass.RT;
/** `2` */
export const IOPRIO_CLASS_BE = IoPriorityClass.BE;
/** `3` */
export const IOPRIO_CLASS_IDLE = IoPriorityClass.IDLE;

/**
 * Address families in tsutil's results (`NetConnection.family`, `NicAddress.family`), with Linux's numbers
 * (psutil returns the platform's `socket.AF_*`). `LINK` is psutil's `AF_LINK`: a MAC address; Linux's
 * `AF_PACKET` (17).
 *
 * @example
 * ```ts
 * import { AddressFamily, AF_INET6 } from "./constants.ts";
 * if (AddressFamily.INET6 !== AF_INET6) throw new Error();
 * ```
 */
export const AddressFamily = Object.freeze({ UNIX: 1, INET: 2, INET6: 10, LINK: 17 } as const);
/** An address family number. */
export type AddressFamily = typeof AddressFamily[keyof typeof AddressFamily];
/** `1`: UNIX domain sockets. */
export const AF_UNIX = AddressFamily.UNIX;
/** `2`: IPv4. */
export const AF_INET = AddressFamily.INET;
/** `10`: IPv6 (Linux's number). */
export const AF_INET6 = AddressFamily.INET6;
/** `17`: link-layer (MAC) addresses, psutil's `AF_LINK` (Linux's `AF_PACKET`). */
export const AF_LINK = AddressFamily.LINK;

/**
 * Socket types in `NetConnection.type` (Linux's numbers, as psutil's `socket.SOCK_*`).
 *
 * @example
 * ```ts
 * import { SOCK_STREAM, SocketType } from "./constants.ts";
 * if (SocketType.STREAM !== SOCK_STREAM) throw new Error();
 * ```
 */
export const SocketType = Object.freeze({ STREAM: 1, DGRAM: 2, SEQPACKET: 5 } as const);
/** A socket type number. */
export type SocketType = typeof SocketType[keyof typeof SocketType];
/** `1`: stream (TCP, UNIX stream). */
export const SOCK_STREAM = SocketType.STREAM;
/** `2`: datagram (UDP, UNIX datagram). */
export const SOCK_DGRAM = SocketType.DGRAM;
/** `5`: sequenced packets (UNIX). */
export const SOCK_SEQPACKET = SocketType.SEQPACKET;

/**
 * Resource limits for `Process.rlimit` (psutil: `RLIMIT_*`, Linux values; psutil exports them on Linux and
 * FreeBSD). Limits are `[soft, hard]`; {@linkcode RLIM_INFINITY} means no limit.
 *
 * @example
 * ```ts
 * import { RLIMIT_NOFILE, RLIM_INFINITY, Rlimit } from "./constants.ts";
 * if (Rlimit.NOFILE !== RLIMIT_NOFILE || RLIM_INFINITY !== -1) throw new Error();
 * ```
 */
export const Rlimit = Object.freeze(
  {
    CPU: 0,
    FSIZE: 1,
    DATA: 2,
    STACK: 3,
    CORE: 4,
    RSS: 5,
    NPROC: 6,
    NOFILE: 7,
    MEMLOCK: 8,
    AS: 9,
    LOCKS: 10,
    SIGPENDING: 11,
    MSGQUEUE: 12,
    NICE: 13,
    RTPRIO: 14,
    RTTIME: 15,
  } as const,
);
/** A resource-limit id. */
export type Rlimit = typeof Rlimit[keyof typeof Rlimit];
/** `0`: CPU time, seconds. */
export const RLIMIT_CPU = Rlimit.CPU;
/** `1`: largest file created, bytes. */
export const RLIMIT_FSIZE = Rlimit.FSIZE;
/** `2`: data segment size, bytes. */
export const RLIMIT_DATA = Rlimit.DATA;
/** `3`: stack size, bytes. */
export const RLIMIT_STACK = Rlimit.STACK;
/** `4`: core file size, bytes. */
export const RLIMIT_CORE = Rlimit.CORE;
/** `5`: resident set size, bytes (no effect since Linux 2.6). */
export const RLIMIT_RSS = Rlimit.RSS;
/** `6`: processes of the real user. */
export const RLIMIT_NPROC = Rlimit.NPROC;
/** `7`: open file descriptors. */
export const RLIMIT_NOFILE = Rlimit.NOFILE;
/** `8`: locked memory, bytes. */
export const RLIMIT_MEMLOCK = Rlimit.MEMLOCK;
/** `9`: address space, bytes. */
export const RLIMIT_AS = Rlimit.AS;
/** `10`: file locks. */
export const RLIMIT_LOCKS = Rlimit.LOCKS;
/** `11`: queued signals. */
export const RLIMIT_SIGPENDING = Rlimit.SIGPENDING;
/** `12`: POSIX message queue bytes. */
export const RLIMIT_MSGQUEUE = Rlimit.MSGQUEUE;
/** `13`: ceiling of the nice value (20 - limit). */
export const RLIMIT_NICE = Rlimit.NICE;
/** `14`: ceiling of the real-time priority. */
export const RLIMIT_RTPRIO = Rlimit.RTPRIO;
/** `15`: real-time CPU time without a blocking call, µs. */
export const RLIMIT_RTTIME = Rlimit.RTTIME;
/** `-1`: no limit (psutil: `RLIM_INFINITY`; the kernel's all-ones `rlim_t`). */
export const RLIM_INFINITY = -1;

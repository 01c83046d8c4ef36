/**
 * Linux (glibc, LP64) struct descriptors, using the C field names. Sizes are pinned in `tests/structs/`.
 *
 * @module
 */
import { array, struct } from "../../ffi/struct.ts";

/** `struct timespec`. */
export const timespec = struct("timespec", [["tv_sec", "long"], ["tv_nsec", "long"]]);

/** `struct timeval`. */
export const timeval = struct("timeval", [["tv_sec", "long"], ["tv_usec", "long"]]);

/** `struct rlimit` (`rlim_t` is 64-bit). */
export const rlimit = struct("rlimit", [["rlim_cur", "u64"], ["rlim_max", "u64"]]);

/** `struct statvfs` (glibc x86_64/aarch64). */
export const statvfs = struct("statvfs", [
  ["f_bsize", "ulong"],
  ["f_frsize", "ulong"],
  ["f_blocks", "u64"],
  ["f_bfree", "u64"],
  ["f_bavail", "u64"],
  ["f_files", "u64"],
  ["f_ffree", "u64"],
  ["f_favail", "u64"],
  ["f_fsid", "ulong"],
  ["f_flag", "ulong"],
  ["f_namemax", "ulong"],
  ["__f_spare", array("i32", 6)],
]);

/** `struct sysinfo` (sysinfo(2), LP64): `loads` are fixed-point with 16 fractional bits (`SI_LOAD_SHIFT`). */
export const sysinfo = struct("sysinfo", [
  ["uptime", "long"],
  ["loads", array("ulong", 3)],
  ["totalram", "ulong"],
  ["freeram", "ulong"],
  ["sharedram", "ulong"],
  ["bufferram", "ulong"],
  ["totalswap", "ulong"],
  ["freeswap", "ulong"],
  ["procs", "u16"],
  ["pad", "u16"],
  ["totalhigh", "ulong"],
  ["freehigh", "ulong"],
  ["mem_unit", "u32"],
  ["_f", array("char", 0)], // char _f[20 - 2 * sizeof(long) - sizeof(int)]: empty on LP64
]);

/** `struct exit_status` inside utmp. */
export const exit_status = struct("exit_status", [["e_termination", "i16"], ["e_exit", "i16"]]);

/** `struct utmp` as stored in /var/run/utmp on 64-bit glibc (32-bit time fields for file compatibility). */
export const utmp = struct("utmp", [
  ["ut_type", "i16"],
  ["ut_pid", "i32"],
  ["ut_line", array("char", 32)],
  ["ut_id", array("char", 4)],
  ["ut_user", array("char", 32)],
  ["ut_host", array("char", 256)],
  ["ut_exit", exit_status],
  ["ut_session", "i32"],
  ["ut_tv", struct("ut_tv", [["tv_sec", "i32"], ["tv_usec", "i32"]])],
  ["ut_addr_v6", array("i32", 4)],
  ["__glibc_reserved", array("char", 20)],
]);

/** `struct statx_timestamp`. */
export const statx_timestamp = struct("statx_timestamp", [["tv_sec", "i64"], ["tv_nsec", "u32"], [
  "__reserved",
  "i32",
]]);

/** `struct statx` (linux/stat.h; the same on every architecture). */
export const statx = struct("statx", [
  ["stx_mask", "u32"],
  ["stx_blksize", "u32"],
  ["stx_attributes", "u64"],
  ["stx_nlink", "u32"],
  ["stx_uid", "u32"],
  ["stx_gid", "u32"],
  ["stx_mode", "u16"],
  ["__spare0", array("u16", 1)],
  ["stx_ino", "u64"],
  ["stx_size", "u64"],
  ["stx_blocks", "u64"],
  ["stx_attributes_mask", "u64"],
  ["stx_atime", statx_timestamp],
  ["stx_btime", statx_timestamp],
  ["stx_ctime", statx_timestamp],
  ["stx_mtime", statx_timestamp],
  ["stx_rdev_major", "u32"],
  ["stx_rdev_minor", "u32"],
  ["stx_dev_major", "u32"],
  ["stx_dev_minor", "u32"],
  ["stx_mnt_id", "u64"],
  ["stx_dio_mem_align", "u32"],
  ["stx_dio_offset_align", "u32"],
  ["__spare3", array("u64", 12)],
]);

/** `struct passwd`. */
export const passwd = struct("passwd", [
  ["pw_name", "pointer"],
  ["pw_passwd", "pointer"],
  ["pw_uid", "u32"],
  ["pw_gid", "u32"],
  ["pw_gecos", "pointer"],
  ["pw_dir", "pointer"],
  ["pw_shell", "pointer"],
]);

/** `struct pollfd` (poll(2)). */
export const pollfd = struct("pollfd", [["fd", "i32"], ["events", "i16"], ["revents", "i16"]]);

/** The `_sigchld` member of `siginfo_t`'s union (what `waitid` fills). */
export const siginfo_sigchld = struct("siginfo_sigchld", [
  ["si_pid", "i32"],
  ["si_uid", "u32"],
  ["si_status", "i32"],
  ["si_utime", "long"],
  ["si_stime", "long"],
]);

/** `siginfo_t` as `waitid` fills it for a child (LP64: the union is 8-aligned; 128 bytes in all). */
export const siginfo_t = struct("siginfo_t", [
  ["si_signo", "i32"],
  ["si_errno", "i32"],
  ["si_code", "i32"],
  ["_sigchld", siginfo_sigchld],
  ["__pad", array("u8", 80)],
]);

/** `struct utsname` (glibc: six `char[65]` fields). */
export const utsname = struct("utsname", [
  ["sysname", array("char", 65)],
  ["nodename", array("char", 65)],
  ["release", array("char", 65)],
  ["version", array("char", 65)],
  ["machine", array("char", 65)],
  ["domainname", array("char", 65)],
]);

/** `struct ifreq` as `SIOCGIFFLAGS` fills it: the name, then `ifr_flags` (a `short`) in the 24-byte union. */
export const ifreq_flags = struct("ifreq_flags", [
  ["ifr_name", array("char", 16)],
  ["ifr_flags", "i16"],
  ["__ifr_ifru", array("u8", 22)],
]);

/** `struct ifreq` as `SIOCGIFMTU` fills it: `ifr_mtu` (an `int`) in the union. */
export const ifreq_mtu = struct("ifreq_mtu", [
  ["ifr_name", array("char", 16)],
  ["ifr_mtu", "i32"],
  ["__ifr_ifru", array("u8", 20)],
]);

/** `struct ifreq` as `SIOCETHTOOL` takes it: `ifr_data` points to the ethtool command. 40 bytes, 8-aligned. */
export const ifreq_data = struct("ifreq_data", [
  ["ifr_name", array("char", 16)],
  ["ifr_data", "pointer"],
  ["__ifr_ifru", array("u8", 16)],
]);

/** `struct ethtool_cmd` (linux/ethtool.h, `ETHTOOL_GSET`); speed is `speed_hi << 16 | speed`. */
export const ethtool_cmd = struct("ethtool_cmd", [
  ["cmd", "u32"],
  ["supported", "u32"],
  ["advertising", "u32"],
  ["speed", "u16"],
  ["duplex", "u8"],
  ["port", "u8"],
  ["phy_address", "u8"],
  ["transceiver", "u8"],
  ["autoneg", "u8"],
  ["mdio_support", "u8"],
  ["maxtxpkt", "u32"],
  ["maxrxpkt", "u32"],
  ["speed_hi", "u16"],
  ["eth_tp_mdix", "u8"],
  ["eth_tp_mdix_ctrl", "u8"],
  ["lp_advertising", "u32"],
  ["reserved", array("u32", 2)],
]);

/** `struct mallinfo2` (glibc 2.33+): ten `size_t` fields. */
export const mallinfo2 = struct("mallinfo2", [
  ["arena", "size_t"],
  ["ordblks", "size_t"],
  ["smblks", "size_t"],
  ["hblks", "size_t"],
  ["hblkhd", "size_t"],
  ["usmblks", "size_t"],
  ["fsmblks", "size_t"],
  ["uordblks", "size_t"],
  ["fordblks", "size_t"],
  ["keepcost", "size_t"],
]);

/** `struct nlmsghdr` (linux/netlink.h): every netlink message starts with it; messages are 4-byte aligned. */
export const nlmsghdr = struct("nlmsghdr", [
  ["nlmsg_len", "u32"],
  ["nlmsg_type", "u16"],
  ["nlmsg_flags", "u16"],
  ["nlmsg_seq", "u32"],
  ["nlmsg_pid", "u32"],
]);

/** `struct inet_diag_sockid` (linux/inet_diag.h): ports and addresses in network byte order. */
export const inet_diag_sockid = struct("inet_diag_sockid", [
  ["idiag_sport", array("u8", 2)],
  ["idiag_dport", array("u8", 2)],
  ["idiag_src", array("u8", 16)],
  ["idiag_dst", array("u8", 16)],
  ["idiag_if", "u32"],
  ["idiag_cookie", array("u32", 2)],
]);

/** `struct inet_diag_req`: the request of the original TCP-only sock_diag message, `TCPDIAG_GETSOCK`. */
export const inet_diag_req = struct("inet_diag_req", [
  ["idiag_family", "u8"],
  ["idiag_src_len", "u8"],
  ["idiag_dst_len", "u8"],
  ["idiag_ext", "u8"],
  ["id", inet_diag_sockid],
  ["idiag_states", "u32"],
  ["idiag_dbs", "u32"],
]);

/** `struct inet_diag_msg`: one socket of a sock_diag dump. */
export const inet_diag_msg = struct("inet_diag_msg", [
  ["idiag_family", "u8"],
  ["idiag_state", "u8"],
  ["idiag_timer", "u8"],
  ["idiag_retrans", "u8"],
  ["id", inet_diag_sockid],
  ["idiag_expires", "u32"],
  ["idiag_rqueue", "u32"],
  ["idiag_wqueue", "u32"],
  ["idiag_uid", "u32"],
  ["idiag_inode", "u32"],
]);

/** `struct ifinfomsg` (linux/rtnetlink.h): the head of an `RTM_NEWLINK` message. */
export const ifinfomsg = struct("ifinfomsg", [
  ["ifi_family", "u8"],
  ["__ifi_pad", "u8"],
  ["ifi_type", "u16"],
  ["ifi_index", "i32"],
  ["ifi_flags", "u32"],
  ["ifi_change", "u32"],
]);

/** `struct ifaddrmsg` (linux/if_addr.h): the head of an `RTM_NEWADDR` message. */
export const ifaddrmsg = struct("ifaddrmsg", [
  ["ifa_family", "u8"],
  ["ifa_prefixlen", "u8"],
  ["ifa_flags", "u8"],
  ["ifa_scope", "u8"],
  ["ifa_index", "u32"],
]);

/** `struct rtattr` (linux/rtnetlink.h): each attribute's header; attributes are 4-byte aligned. */
export const rtattr = struct("rtattr", [["rta_len", "u16"], ["rta_type", "u16"]]);

/**
 * `struct pidfd_info` (linux/pidfd.h, Linux 6.13+), its first version (`PIDFD_INFO_SIZE_VER0`, 64 bytes): what
 * `PIDFD_GET_INFO` fills. Later kernels append fields; one that knows more fills only the size it is given.
 */
export const pidfd_info = struct("pidfd_info", [
  ["mask", "u64"],
  ["cgroupid", "u64"],
  ["pid", "u32"],
  ["tgid", "u32"],
  ["ppid", "u32"],
  ["ruid", "u32"],
  ["rgid", "u32"],
  ["euid", "u32"],
  ["egid", "u32"],
  ["suid", "u32"],
  ["sgid", "u32"],
  ["fsuid", "u32"],
  ["fsgid", "u32"],
  ["exit_code", "i32"],
]);

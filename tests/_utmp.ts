/**
 * Builds utmp files for tests with the struct codec (never committed binary blobs).
 *
 * @module
 */
import { encode, sizeOf } from "../ffi/struct.ts";
import { utmp } from "../platforms/linux/structs.ts";
import { USER_PROCESS } from "../platforms/linux/users.ts";

const enc = new TextEncoder();

/** One utmp record as glibc writes it (utmp.h types: 1 RUN_LVL, 2 BOOT_TIME, 6 LOGIN_PROCESS, 8 DEAD_PROCESS). */
export interface Entry {
  type: number;
  pid: number;
  line?: string;
  user?: string;
  host?: string;
  sec: number;
}

/** Builds a utmp file's bytes with the struct codec. */
export function utmpBytes(entries: Entry[]): Uint8Array {
  const size = sizeOf(utmp, "lp64");
  const out = new Uint8Array(size * entries.length);
  const view = new DataView(out.buffer);
  entries.forEach((e, i) =>
    encode(
      utmp,
      {
        ut_type: e.type,
        ut_pid: e.pid,
        ut_line: enc.encode(e.line ?? ""),
        ut_id: enc.encode((e.line ?? "").slice(-4)),
        ut_user: enc.encode(e.user ?? ""),
        ut_host: enc.encode(e.host ?? ""),
        ut_tv: { tv_sec: e.sec, tv_usec: 123456 },
      },
      view,
      i * size,
      "lp64",
    )
  );
  return out;
}

/** A realistic login table: boot, run level, a getty, four sessions (one over ssh, one on X), a closed one. */
export const ENTRIES: Entry[] = [
  { type: 2, pid: 0, line: "~", user: "reboot", host: "6.1.0-18-amd64", sec: 1700000000 },
  { type: 1, pid: 53, line: "~", user: "runlevel", host: "6.1.0-18-amd64", sec: 1700000003 },
  { type: 6, pid: 612, line: "tty1", user: "LOGIN", sec: 1700000005 },
  { type: USER_PROCESS, pid: 1234, line: "pts/0", user: "alice", host: "192.168.1.10", sec: 1700000001 },
  { type: USER_PROCESS, pid: 999, line: "tty2", user: "bob", sec: 1700000100 },
  { type: USER_PROCESS, pid: 2001, line: "tty7", user: "carol", host: ":0", sec: 1700000200 },
  { type: USER_PROCESS, pid: 2002, line: "", user: "zoë", host: ":0.0", sec: 1700000300 },
  { type: USER_PROCESS, pid: 2003, line: "pts/1", user: "a".repeat(32), host: "h".repeat(256), sec: 1700000400 },
  { type: 8, pid: 1500, line: "pts/2", user: "dave", host: "10.0.0.2", sec: 1700000500 },
];

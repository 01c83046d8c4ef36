import { test } from "node:test";
import assert from "node:assert/strict";
import { parsePidStat, statState } from "../../platforms/linux/procfs/pid_stat.ts";
import {
  idTriple,
  parsePidStatus,
  statusField,
  statusIds,
  statusInt,
  statusKb,
  statusRealUid,
} from "../../platforms/linux/procfs/pid_status.ts";
import { parsePidStatm } from "../../platforms/linux/procfs/pid_statm.ts";
import { parsePidIo } from "../../platforms/linux/procfs/pid_io.ts";
import { parseSmapsEntries, parseSmapsFootprint } from "../../platforms/linux/procfs/smaps.ts";
import { MalformedFileError } from "../../platforms/linux/procfs/_parse.ts";
import { parseEnviron, splitCmdline } from "../../platforms/linux/process_info.ts";
import { fileFlagsToMode, parseFdinfo } from "../../platforms/linux/process_files.ts";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const STAT_TAIL =
  "S 1 7 7 34816 -1 0 11 0 22 0 250 130 7 9 20 -5 3 0 12345 10485760 300 0 0 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 42";

test("parsePidStat() takes the name up to the LAST ')' (comm with parens and spaces)", () => {
  const s = parsePidStat(enc(`7 (a) (b c)) ${STAT_TAIL}\n`), "stat");
  assert.equal(s.name, "a) (b c)");
  assert.equal(s.state, "S");
  assert.equal(s.ppid, 1);
  assert.equal(s.flags, 0);
  assert.equal(parsePidStat(enc(`2 (kthreadd) ${STAT_TAIL.replace("-1 0 11", "-1 2129984 11")}`), "s").flags, 0x208040);
  assert.equal(s.ttyNr, 34816);
  assert.equal(s.minflt, 11);
  assert.equal(s.majflt, 22);
  assert.deepEqual([s.utime, s.stime, s.cutime, s.cstime], [250, 130, 7, 9]);
  assert.equal(s.nice, -5);
  assert.equal(s.numThreads, 3);
  assert.equal(s.starttime, 12345);
  assert.equal(s.processor, 1);
  assert.equal(s.blkioTicks, 42);
  assert.equal(statState(enc(`7 (a) Z) ${STAT_TAIL}`)), "S");
});

test("parsePidStat() reads an empty name, a name with newline-free spaces, and no blkio field as 0", () => {
  const s = parsePidStat(enc(`7 () ${STAT_TAIL.split(" ").slice(0, 37).join(" ")}`), "stat");
  assert.equal(s.name, "");
  assert.equal(s.blkioTicks, 0);
  assert.equal(s.processor, 1);
});

test("parsePidStat() raises MalformedFileError naming the file on a truncated or garbled stat", () => {
  assert.throws(() => parsePidStat(enc("7 (trunc) R 1 7 7 0 -1 0 1 0 0 0 1 2\n"), "/proc/7/stat"), (e: unknown) => {
    return e instanceof MalformedFileError && /\/proc\/7\/stat/.test(e.message);
  });
  assert.throws(() => parsePidStat(enc("7 no parens S 1"), "p"), MalformedFileError);
  assert.throws(() => parsePidStat(enc("7 (x)"), "p"), MalformedFileError);
  assert.throws(() => parsePidStat(enc(`7 (x) S 1 7 zz ${STAT_TAIL}`), "p"), MalformedFileError);
  assert.throws(() => parsePidStat(new Uint8Array(0), "p"), MalformedFileError);
});

test("parsePidStatus() and accessors read ids, ints and kB values; missing lines are named", () => {
  const s = parsePidStatus("Name:\tx y\nUid:\t1\t2\t3\t4\nThreads:\t5\nVmHWM:\t  10 kB\n");
  assert.equal(s.get("Name"), "x y");
  assert.deepEqual(statusIds(s, "Uid", "status"), [1, 2, 3]);
  assert.equal(statusInt(s, "Threads", "status"), 5);
  assert.equal(statusKb(s, "VmHWM"), 10240);
  assert.equal(statusKb(s, "HugetlbPages"), 0);
  assert.throws(() => statusIds(s, "Gid", "/proc/1/status"), /\/proc\/1\/status: no Gid line/);
  assert.throws(() => statusInt(parsePidStatus("Threads:\tmany\n"), "Threads", "st"), MalformedFileError);
});

test("parsePidStatm() reads seven page counts; fewer raise MalformedFileError", () => {
  assert.deepEqual(parsePidStatm(enc("10 5 2 1 0 3 0\n"), "statm"), {
    size: 10,
    resident: 5,
    shared: 2,
    text: 1,
    lib: 0,
    data: 3,
    dt: 0,
  });
  assert.throws(() => parsePidStatm(enc("10 5 2\n"), "/proc/9/statm"), /\/proc\/9\/statm/);
});

test("parsePidIo() reads the counters; an empty file or a missing counter is malformed", () => {
  const io = parsePidIo("rchar: 1\nwchar: 2\nsyscr: 3\nsyscw: 4\nread_bytes: 5\nwrite_bytes: 6\n", "io");
  assert.deepEqual(io, { rchar: 1, wchar: 2, syscr: 3, syscw: 4, readBytes: 5, writeBytes: 6 });
  assert.throws(() => parsePidIo("", "io"), MalformedFileError);
  assert.throws(() => parsePidIo("rchar: 1\n", "io"), /no wchar/);
});

test("parseSmapsFootprint() sums Private_*, Pss: and Swap: but not Pss_Anon or SwapPss", () => {
  const f = parseSmapsFootprint(
    "h\nPss: 8 kB\nPss_Anon: 4 kB\nPrivate_Clean: 1 kB\nPrivate_Dirty: 2 kB\n" +
      "Private_Hugetlb: 0 kB\nSwap: 3 kB\nSwapPss: 3 kB\nh2\nPss: 2 kB\nPrivate_Dirty: 1 kB\n",
  );
  assert.deepEqual(f, { uss: 4096, pss: 10240, swap: 3072 });
  assert.deepEqual(parseSmapsFootprint(""), { uss: 0, pss: 0, swap: 0 });
});

test("parseSmapsEntries() keeps paths with spaces, names anonymous maps [anon], skips VmFlags", () => {
  const e = parseSmapsEntries(
    "00400000-00452000 r-xp 00000000 08:02 1 /usr/bin/my prog\nRss: 4 kB\nSize: 8 kB\nVmFlags: rd ex\n" +
      "7f00-7f10 rw-p 00000000 00:00 0 \nRss: 1 kB\nTHPeligible:    0\n",
    "smaps",
  );
  assert.equal(e.length, 2);
  assert.deepEqual([e[0].addr, e[0].perms, e[0].path, e[0].rss, e[0].size], [
    "00400000-00452000",
    "r-xp",
    "/usr/bin/my prog",
    4096,
    8192,
  ]);
  assert.equal(e[1].path, "[anon]");
  assert.throws(() => parseSmapsEntries("Rss: 4 kB\n", "/proc/1/smaps"), /before any mapping/);
  assert.throws(() => parseSmapsEntries("a-b r 0 0:0 0\nRss: x kB\n", "s"), MalformedFileError);
});

test("splitCmdline() follows psutil: NUL-separated, empty args kept, space-separated after setproctitle", () => {
  assert.deepEqual(splitCmdline("a\0b c\0\0d\0"), ["a", "b c", "", "d"]);
  assert.deepEqual(splitCmdline("chrome --type=renderer --x"), ["chrome", "--type=renderer", "--x"]);
  assert.deepEqual(splitCmdline("nginx: worker process\0"), ["nginx:", "worker", "process"]);
  assert.deepEqual(splitCmdline("single\0"), ["single"]);
  assert.deepEqual(splitCmdline(""), []);
  assert.deepEqual(splitCmdline("\0"), [""]);
});

test("parseEnviron() splits on the first '=', skips entries without one, stops at an empty entry", () => {
  assert.deepEqual(parseEnviron("A=1\0B=x=y\0NOEQ\0C=\0\0D=late\0"), { A: "1", B: "x=y", C: "" });
  assert.deepEqual(parseEnviron(""), {});
});

test("fileFlagsToMode() and parseFdinfo() match psutil's open_files fields", () => {
  assert.equal(fileFlagsToMode(0), "r");
  assert.equal(fileFlagsToMode(1), "w");
  assert.equal(fileFlagsToMode(2), "r+");
  assert.equal(fileFlagsToMode(0o2001), "a");
  assert.equal(fileFlagsToMode(0o2002), "a+");
  assert.deepEqual(parseFdinfo("pos:\t12\nflags:\t0102002\nmnt_id:\t1\n", "fdinfo"), { pos: 12, flags: 0o102002 });
  assert.throws(() => parseFdinfo("mnt_id: 1\n", "/proc/1/fdinfo/3"), MalformedFileError);
});

test("statusField() finds one line as parsePidStatus() would, without matching a longer key", () => {
  const text = "Name:\tsh\nTgid:\t7\nGid:\t5\t6\t7\t8\nUid:\t1\t2\t3\t4\nVmRSS:\t  100 kB\n";
  const map = parsePidStatus(text);
  for (const key of ["Name", "Tgid", "Gid", "Uid", "VmRSS"]) assert.equal(statusField(text, key), map.get(key), key);
  assert.equal(statusField("Tgid:\t7\n", "Gid"), undefined);
  assert.equal(statusField("Uid:\t9\t9\t9\t9", "Uid"), "9\t9\t9\t9");
  assert.deepEqual(idTriple(statusField(text, "Uid"), "Uid", "status"), [1, 2, 3]);
  assert.throws(() => idTriple(statusField(text, "Nope"), "Nope", "/proc/7/status"), MalformedFileError);
});

test("statusRealUid reads the Uid line's first number from a status file's bytes, and names the file when it cannot", () => {
  const enc = new TextEncoder();
  const real = "Name:\tsu\nUmask:\t0022\nState:\tS (sleeping)\nUid:\t1000\t0\t0\t0\nGid:\t1000\t1000\t1000\t1000\n";
  assert.equal(statusRealUid(enc.encode(real), "/proc/7/status"), 1000);
  // "Uid" inside another line's value is not the Uid line.
  assert.equal(statusRealUid(enc.encode("Name:\tUid:9\nUid:\t42\t42\t42\t42\n"), "s"), 42);
  assert.throws(() => statusRealUid(enc.encode("Name:\tx\n"), "/proc/7/status"), /\/proc\/7\/status.*no Uid line/);
  assert.throws(() => statusRealUid(enc.encode("Name:\tx\nUid:\t-\n"), "/proc/7/status"), /malformed/);
});

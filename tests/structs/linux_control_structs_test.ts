import { test } from "node:test";
import assert from "node:assert/strict";
import { decode, offsetOf, sizeOf } from "../../ffi/struct.ts";
import { pidfd_info, pollfd, siginfo_t, utsname } from "../../platforms/linux/structs.ts";

// Sizes and offsets from glibc x86_64 headers (sizeof/offsetof in C on Debian 12).
test("struct pollfd is 8 bytes, siginfo_t 128, utsname 390 on glibc x86_64", () => {
  assert.equal(sizeOf(pollfd, "lp64"), 8);
  assert.equal(offsetOf(pollfd, "revents", "lp64"), 6);
  assert.equal(sizeOf(siginfo_t, "lp64"), 128);
  assert.equal(offsetOf(siginfo_t, "si_code", "lp64"), 8);
  assert.equal(offsetOf(siginfo_t, "_sigchld", "lp64"), 16); // si_pid; si_status is at 24
  assert.equal(sizeOf(utsname, "lp64"), 390);
  assert.equal(offsetOf(utsname, "machine", "lp64"), 260);
});

test("siginfo_t decodes a waitid result for a child killed by SIGTERM", () => {
  const b = new Uint8Array(128);
  const v = new DataView(b.buffer);
  v.setInt32(0, 17, true); // si_signo = SIGCHLD
  v.setInt32(8, 2, true); // si_code = CLD_KILLED
  v.setInt32(16, 4242, true); // si_pid
  v.setUint32(20, 1000, true); // si_uid
  v.setInt32(24, 15, true); // si_status = SIGTERM
  const s = decode(siginfo_t, v, 0, "lp64");
  assert.equal(s.si_signo, 17);
  assert.equal(s.si_code, 2);
  assert.deepEqual([s._sigchld.si_pid, s._sigchld.si_uid, s._sigchld.si_status], [4242, 1000, 15]);
});

test("struct pidfd_info (linux/pidfd.h) first version: 64 bytes, the uids after pid, tgid and ppid", () => {
  assert.equal(sizeOf(pidfd_info, "lp64"), 64); // PIDFD_INFO_SIZE_VER0
  assert.equal(offsetOf(pidfd_info, "pid", "lp64"), 16);
  assert.equal(offsetOf(pidfd_info, "ruid", "lp64"), 28);
  assert.equal(offsetOf(pidfd_info, "exit_code", "lp64"), 60);
});

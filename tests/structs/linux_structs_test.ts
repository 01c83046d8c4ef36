import { test } from "node:test";
import assert from "node:assert/strict";
import { decode, encode, offsetOf, sizeOf } from "../../ffi/struct.ts";
import * as S from "../../platforms/linux/structs.ts";

// Sizes from glibc x86_64 headers (sizeof in C on Debian 12).
const SIZES: [string, Parameters<typeof sizeOf>[0], number][] = [
  ["rlimit", S.rlimit, 16],
  ["timespec", S.timespec, 16],
  ["timeval", S.timeval, 16],
  ["statvfs", S.statvfs, 112],
  ["utmp", S.utmp, 384],
  ["passwd", S.passwd, 48],
];

for (const [name, def, size] of SIZES) {
  test(`struct ${name} is ${size} bytes on glibc x86_64`, () => {
    assert.equal(sizeOf(def, "lp64"), size);
  });
}

test("struct offsets match glibc's offsetof", () => {
  assert.equal(offsetOf(S.utmp, "ut_pid", "lp64"), 4);
  assert.equal(offsetOf(S.utmp, "ut_line", "lp64"), 8);
  assert.equal(offsetOf(S.utmp, "ut_user", "lp64"), 44);
  assert.equal(offsetOf(S.utmp, "ut_host", "lp64"), 76);
  assert.equal(offsetOf(S.utmp, "ut_tv", "lp64"), 340);
  assert.equal(offsetOf(S.passwd, "pw_uid", "lp64"), 16);
  assert.equal(offsetOf(S.statvfs, "f_namemax", "lp64"), 80);
});

test("utmp decodes from a byte fixture and round-trips through encode", () => {
  const size = sizeOf(S.utmp, "lp64");
  const buf = new Uint8Array(size);
  const view = new DataView(buf.buffer);
  const user = new TextEncoder().encode("alice");
  encode(
    S.utmp,
    {
      ut_type: 7,
      ut_pid: 1234,
      ut_user: user,
      ut_tv: { tv_sec: 1700000000, tv_usec: 5 },
    },
    view,
    0,
    "lp64",
  );
  assert.equal(view.getInt16(0, true), 7);
  assert.equal(view.getInt32(4, true), 1234);
  assert.equal(buf[44], "a".charCodeAt(0));
  assert.equal(view.getInt32(340, true), 1700000000);
  const u = decode(S.utmp, view, 0, "lp64");
  assert.equal(u.ut_type, 7);
  assert.equal(u.ut_pid, 1234);
  assert.equal(u.ut_tv.tv_sec, 1700000000);
  assert.equal(new TextDecoder().decode(u.ut_user.subarray(0, 5)), "alice");
});

test("decode refuses a buffer shorter than the struct", () => {
  assert.throws(() => decode(S.statvfs, new DataView(new ArrayBuffer(100)), 0, "lp64"), RangeError);
});

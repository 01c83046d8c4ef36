import { test } from "node:test";
import assert from "node:assert/strict";
import { decode, encode, offsetOf, sizeOf } from "../../ffi/struct.ts";
import { sysinfo } from "../../platforms/linux/structs.ts";

// sizeof/offsetof from <sys/sysinfo.h> compiled with gcc on Debian 12 x86_64 (glibc 2.36).
test("struct sysinfo is 112 bytes on LP64 with glibc's offsets", () => {
  assert.equal(sizeOf(sysinfo, "lp64"), 112);
  assert.equal(offsetOf(sysinfo, "loads", "lp64"), 8);
  assert.equal(offsetOf(sysinfo, "totalswap", "lp64"), 64);
  assert.equal(offsetOf(sysinfo, "freeswap", "lp64"), 72);
  assert.equal(offsetOf(sysinfo, "procs", "lp64"), 80);
  assert.equal(offsetOf(sysinfo, "totalhigh", "lp64"), 88);
  assert.equal(offsetOf(sysinfo, "mem_unit", "lp64"), 104);
});

test("struct sysinfo round-trips a byte fixture (loads are 16.16 fixed point)", () => {
  const buf = new Uint8Array(112);
  const view = new DataView(buf.buffer);
  encode(
    sysinfo,
    { uptime: 760, loads: [5184, 13504, 8448], totalswap: 2 ** 31, procs: 90, mem_unit: 1 },
    view,
    0,
    "lp64",
  );
  assert.equal(view.getBigUint64(16, true), 13504n);
  const s = decode(sysinfo, view, 0, "lp64");
  assert.deepEqual(s.loads, [5184, 13504, 8448]);
  assert.equal(s.loads[0] / 65536, 0.0791015625);
  assert.equal(s.procs, 90);
  assert.equal(s.mem_unit, 1);
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { array, decode, layout, offsetOf, sizeOf, struct } from "../../ffi/struct.ts";

test("layout pads fields to natural alignment and the struct to its largest member", () => {
  const s = struct("s", [["a", "u8"], ["b", "u32"], ["c", "u16"]]);
  assert.deepEqual(layout(s, "lp64").fields.map((f) => f.offset), [0, 4, 8]);
  assert.equal(sizeOf(s, "lp64"), 12);
});

test("long is 8 bytes on LP64 and 4 on LLP64; pointers are 8 on both", () => {
  const s = struct("s", [["l", "long"], ["p", "pointer"]]);
  assert.equal(sizeOf(s, "lp64"), 16);
  assert.equal(offsetOf(s, "p", "llp64"), 8);
  assert.equal(sizeOf(s, "llp64"), 16);
  const t = struct("t", [["a", "ulong"], ["b", "ulong"]]);
  assert.equal(sizeOf(t, "llp64"), 8);
});

test("nested structs and arrays take their element alignment", () => {
  const inner = struct("inner", [["x", "u8"], ["y", "u64"]]);
  const outer = struct("outer", [["c", "char"], ["in", inner], ["arr", array("u16", 3)]]);
  assert.equal(offsetOf(outer, "in", "lp64"), 8);
  assert.equal(offsetOf(outer, "arr", "lp64"), 24);
  assert.equal(sizeOf(outer, "lp64"), 32);
});

test("packed structs cap alignment", () => {
  const s = struct("p", [["a", "u8"], ["b", "u32"]], 1);
  assert.equal(sizeOf(s, "lp64"), 5);
});

test("decode reads little-endian scalars, char arrays as bytes and pointers as bigint", () => {
  const s = struct("s", [["i", "i32"], ["name", array("char", 4)], ["p", "pointer"], ["v", array("u16", 2)]]);
  const buf = new Uint8Array(sizeOf(s, "lp64"));
  const v = new DataView(buf.buffer);
  v.setInt32(0, -5, true);
  buf.set([104, 105, 0, 0], 4);
  v.setBigUint64(8, 0xdeadbeefn, true);
  v.setUint16(16, 7, true);
  v.setUint16(18, 9, true);
  const d = decode(s, v, 0, "lp64");
  assert.equal(d.i, -5);
  assert.deepEqual([...d.name], [104, 105, 0, 0]);
  assert.equal(d.p, 0xdeadbeefn);
  assert.deepEqual(d.v, [7, 9]);
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { heapInfo, heapTrim } from "../../mod.ts";
import { openLibrary } from "../../ffi/mod.ts";
import { LIBC } from "../../platforms/linux/symbols.ts";
import { sizeOf } from "../../ffi/struct.ts";
import { mallinfo2 } from "../../platforms/linux/structs.ts";

const MALLOC = {
  malloc: { args: ["usize"], returns: "pointer" }, // size_t size
  free: { args: ["pointer"], returns: "void" }, // void *ptr
} as const;

test("struct mallinfo2 is 80 bytes (ten size_t)", () => {
  assert.equal(sizeOf(mallinfo2, "lp64"), 80);
});

test("heapInfo() sees a 64 MiB malloc as mmap'd bytes, and its free", () => {
  const c = openLibrary(LIBC, MALLOC).symbols;
  const before = heapInfo();
  assert.deepEqual(Object.keys(before), ["heapUsed", "mmapUsed"]);
  assert.ok(before.heapUsed > 0);
  const p = c.malloc(64 * 2 ** 20);
  assert.notEqual(p, null);
  const during = heapInfo();
  c.free(p);
  const after = heapInfo();
  assert.ok(during.mmapUsed - before.mmapUsed >= 64 * 2 ** 20, `${before.mmapUsed} -> ${during.mmapUsed}`);
  assert.ok(during.mmapUsed - after.mmapUsed >= 64 * 2 ** 20, `${during.mmapUsed} -> ${after.mmapUsed}`);
});

test("heapTrim() returns a boolean and leaves heapInfo() readable", () => {
  assert.equal(typeof heapTrim(), "boolean");
  assert.ok(heapInfo().heapUsed > 0);
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { ARG_TOKENS, RESULT_TOKENS } from "../../ffi/types.ts";
import { DENO_TYPES } from "../../ffi/deno.ts";
import { BUN_TYPES } from "../../ffi/bun.ts";
import { KOFFI_TYPES, NODE_FFI_TYPES } from "../../ffi/node.ts";
import { adapter, LibraryNotFoundError, openLibrary, RUNTIME } from "../../ffi/mod.ts";
import { cstr, fromCString, fromWString, wstr } from "../../ffi/cstring.ts";
import { LIBC } from "../../platforms/linux/symbols.ts";
import { lastError, libcIo } from "../../platforms/linux/libc.ts";

test("every runtime's map covers every neutral token", () => {
  for (const t of [...ARG_TOKENS, ...RESULT_TOKENS]) {
    assert.ok(DENO_TYPES[t], `deno map lacks ${t}`);
    assert.ok(BUN_TYPES[t], `bun map lacks ${t}`);
    assert.ok(KOFFI_TYPES[t], `koffi map lacks ${t}`);
    assert.ok(NODE_FFI_TYPES[t], `node:ffi map lacks ${t}`);
  }
});

test("the runtime is detected and has an adapter", () => {
  assert.ok(RUNTIME === "deno" || RUNTIME === "bun" || RUNTIME === "node");
  assert.equal(adapter()?.runtime, RUNTIME);
});

test("a pointer to a caller-owned buffer round-trips through its address", () => {
  const a = adapter()!;
  const buf = new Uint8Array([1, 2, 3, 4, 5]);
  const p = a.pointerOf(buf);
  const addr = a.addressOf(p);
  assert.ok(addr > 0n);
  assert.deepEqual([...a.copyBytes(a.pointerFrom(addr), 5)], [1, 2, 3, 4, 5]);
  assert.deepEqual([...a.copyBytes(p, 2, 3)], [4, 5]);
  assert.equal(a.pointerFrom(0n), null);
  assert.equal(a.addressOf(null), 0n);
});

test("readCString stops at NUL and decodes UTF-8; readPointer and readI32 read native memory", () => {
  const a = adapter()!;
  const s = cstr("héllo wörld");
  assert.equal(a.readCString(a.pointerOf(s)), "héllo wörld");
  const words = new BigUint64Array([0x1234n]);
  assert.equal(a.addressOf(a.readPointer(a.pointerOf(words))), 0x1234n);
  const ints = new Int32Array([-7, 9]);
  assert.equal(a.readI32(a.pointerOf(ints), 4), 9);
});

test("cstr sizes by UTF-8 bytes; fromCString and fromWString replace what is invalid", () => {
  assert.equal(cstr("aé€").length, 1 + 2 + 3 + 1);
  assert.equal(fromCString(new Uint8Array([0x66, 0xff, 0x6f, 0])), "f\ufffdo");
  assert.equal(fromWString(wstr("añ")), "añ");
  assert.equal(fromWString(new Uint16Array([0x61, 0xd800, 0x62, 0])), "a\ufffdb");
});

test("errno is read after a failed libc call", () => {
  const fd = libcIo().open(cstr("/no/such/file/here"), 0);
  assert.equal(fd, -1);
  const e = lastError("open", "/no/such/file/here");
  assert.equal(e.code, "ENOENT");
  assert.equal(e.errno, 2);
  assert.match(e.message, /no\/such\/file/);
});

test("a library that cannot be opened raises LibraryNotFoundError naming it and every path tried", () => {
  assert.throws(
    () =>
      openLibrary({ name: "libnope", candidates: ["libnope.so.9", "/x/libnope.so"] }, {
        f: { args: [], returns: "i32" },
      }),
    (e: unknown) => e instanceof LibraryNotFoundError && /libnope/.test(e.message) && e.tried.length === 2,
  );
});

test("a table of optional symbols only opens, with present symbols callable and absent ones null", () => {
  const table = {
    getppid: { args: [], returns: "i32", optional: true },
    no_such_symbol_abc: { args: [], returns: "i32", optional: true },
  } as const;
  const lib = openLibrary(LIBC, table);
  assert.equal(lib.symbols.no_such_symbol_abc, null);
  assert.equal(lib.symbols.getppid?.(), process.ppid);
});

test("an optional symbol the library lacks is null; the library is opened once and cached", () => {
  const table = {
    getpid: { args: [], returns: "i32" },
    no_such_symbol_xyz: { args: [], returns: "i32", optional: true },
  } as const;
  const lib = openLibrary(LIBC, table);
  assert.equal(lib.symbols.no_such_symbol_xyz, null);
  assert.equal(lib.symbols.getpid(), process.pid);
  assert.equal(openLibrary(LIBC, table), lib);
});

test("64-bit results arrive as numbers", () => {
  const v = libcIo().sysconf(30); // _SC_PAGESIZE
  assert.equal(typeof v, "number");
  assert.ok(v >= 4096);
});

import { test } from "node:test";
import assert from "node:assert/strict";
import process from "node:process";
import { LIBC } from "../../platforms/linux/symbols.ts";
import { adapter, requireAdapter, RUNTIME, setNodeFfiLoader } from "../../ffi/mod.ts";
import { loadNodeAdapter, type NodeFfiEngineName } from "../../ffi/node.ts";
import { cstr } from "../../ffi/cstring.ts";
import { TsutilError } from "../../src/errors.ts";

const ONLY_NODE = RUNTIME === "node" ? false : "Deno and Bun bring their own FFI; the Node suite runs this";

/** The Node adapter over one engine, or null when that engine is not available in this Node. */
function engine(name: NodeFfiEngineName): ReturnType<typeof loadNodeAdapter> {
  const before = process.env.TSUTIL_NODE_FFI;
  process.env.TSUTIL_NODE_FFI = name;
  try {
    return loadNodeAdapter();
  } finally {
    if (before === undefined) delete process.env.TSUTIL_NODE_FFI;
    else process.env.TSUTIL_NODE_FFI = before;
  }
}

test("under Node with no FFI engine, an FFI-backed call names what to install", { skip: ONLY_NODE }, () => {
  setNodeFfiLoader(() => null);
  try {
    assert.equal(adapter(), null);
    assert.throws(
      () => requireAdapter("statvfs"),
      (e: unknown) => e instanceof TsutilError && /npm install koffi/.test(e.message) && /node:ffi/.test(e.message),
    );
  } finally {
    setNodeFfiLoader(loadNodeAdapter);
  }
  assert.notEqual(adapter(), null, "the Node suite installs koffi");
});

test("TSUTIL_NODE_FFI=none turns the Node adapter off", { skip: ONLY_NODE }, () => {
  const before = process.env.TSUTIL_NODE_FFI;
  process.env.TSUTIL_NODE_FFI = "none";
  try {
    assert.equal(loadNodeAdapter(), null);
  } finally {
    if (before === undefined) delete process.env.TSUTIL_NODE_FFI;
    else process.env.TSUTIL_NODE_FFI = before;
  }
});

for (const name of ["koffi", "node:ffi"] as const) {
  test(`the ${name} engine calls libc, reads memory and reports optional symbols`, { skip: ONLY_NODE }, (t) => {
    const a = engine(name);
    if (a === null) {
      // koffi is a devDependency, so under the Node suite only node:ffi (Node 26.1+) can be absent.
      assert.equal(name, "node:ffi", "koffi is installed for the Node suite");
      t.skip(`node:ffi needs Node 26.1 or later (this is ${process.version})`);
      return;
    }
    assert.equal(a.engine, name);
    const lib = a.open(LIBC.candidates[0], {
      getpid: { args: [], returns: "i32" },
      strlen: { args: ["buffer"], returns: "usize" },
      getenv: { args: ["buffer"], returns: "cstring" },
      sysconf: { args: ["i32"], returns: "i64" },
      __errno_location: { args: [], returns: "pointer" },
      open: { args: ["buffer", "i32"], returns: "i32" },
      no_such_symbol_xyz: { args: [], returns: "i32", optional: true },
    });
    assert.equal(lib.symbols.getpid(), process.pid);
    assert.equal(lib.symbols.strlen(cstr("héllo")), 6);
    assert.equal(lib.symbols.getenv(cstr("TSUTIL_NO_SUCH_VARIABLE_XYZ")), null);
    assert.equal(lib.symbols.getenv(cstr("PATH")), process.env.PATH);
    const page = lib.symbols.sysconf(30); // _SC_PAGESIZE, an i64 result
    assert.ok(typeof page === "number" && page >= 4096);
    assert.equal(lib.symbols.no_such_symbol_xyz, null);
    assert.equal(lib.symbols.open(cstr("/no/such/file/xyz"), 0), -1);
    assert.equal(a.readI32(lib.symbols.__errno_location()), 2); // ENOENT
    const buf = new Uint8Array([1, 2, 3, 4, 5]);
    const p = a.pointerOf(buf);
    assert.deepEqual([...a.copyBytes(a.pointerFrom(a.addressOf(p)), 3, 2)], [3, 4, 5]);
    assert.equal(a.readCString(a.pointerOf(cstr("wörld")), 1), "örld");
    assert.equal(a.addressOf(a.readPointer(a.pointerOf(new BigUint64Array([0xbeefn])))), 0xbeefn);
    assert.equal(a.readPointer(a.pointerOf(new BigUint64Array([0n]))), null);
    assert.throws(() => a.open(LIBC.candidates[0], { f: { args: ["nope" as "i32"], returns: "i32" } }), TypeError);
  });
}

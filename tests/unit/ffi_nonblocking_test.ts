import { test } from "node:test";
import assert from "node:assert/strict";
import { adapter, openLibrary, RUNTIME } from "../../ffi/mod.ts";
import { LIBC } from "../../platforms/linux/symbols.ts";

const TABLE = {
  getpid: { args: [], returns: "i32", nonblocking: true },
  // int poll(struct pollfd *fds, nfds_t nfds, int timeout): with no fds, a plain sleep of `timeout` ms
  poll: { args: ["buffer", "u64", "i32"], returns: "i32", nonblocking: true },
  sysconf: { args: ["i32"], returns: "i64", nonblocking: true }, // long sysconf(int name)
} as const;

test("a nonblocking symbol returns a Promise of its converted result on every runtime", async () => {
  const lib = openLibrary(LIBC, TABLE);
  const p = lib.symbols.getpid();
  assert.ok(p instanceof Promise);
  assert.equal(await p, process.pid);
  const ticks = await lib.symbols.sysconf(2); // _SC_CLK_TCK, an i64 result: a number
  assert.equal(typeof ticks, "number");
  assert.ok(ticks > 0);
});

test("offThread is true on Deno and false on Bun", () => {
  assert.equal(adapter()!.offThread, RUNTIME === "deno");
});

test("on Deno a blocking nonblocking call runs off the event loop: timers fire meanwhile", {
  skip: RUNTIME === "deno" ? false : "Bun's FFI has no worker-thread calls (offThread is false)",
}, async () => {
  const lib = openLibrary(LIBC, TABLE);
  let ticks = 0;
  const timer = setInterval(() => ticks++, 10);
  try {
    assert.equal(await lib.symbols.poll(null, 0, 200), 0);
  } finally {
    clearInterval(timer);
  }
  assert.ok(ticks >= 5, `only ${ticks} timer ticks during a 200 ms poll`);
});

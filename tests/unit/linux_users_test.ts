import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLinuxBackend } from "../../platforms/linux/mod.ts";
import { parseUtmp } from "../../platforms/linux/users.ts";
import { setBackend } from "../../src/_backend.ts";
import { users } from "../../mod.ts";
import { ENTRIES, utmpBytes } from "../_utmp.ts";

test("users() keeps USER_PROCESS records only, decoded with the utmp struct", () => {
  const list = parseUtmp(utmpBytes(ENTRIES));
  assert.deepEqual(list.map((u) => u.name), ["alice", "bob", "carol", "zoë", "a".repeat(32)]);
  assert.deepEqual(list[0], { name: "alice", terminal: "pts/0", host: "192.168.1.10", started: 1700000001, pid: 1234 });
  assert.deepEqual(Object.keys(list[0]), ["name", "terminal", "host", "started", "pid"]);
});

test("users(): an empty line is a null terminal, X displays are localhost, full-width fields have no NUL", () => {
  const [, bob, carol, zoe, long] = parseUtmp(utmpBytes(ENTRIES));
  assert.deepEqual(bob, { name: "bob", terminal: "tty2", host: "", started: 1700000100, pid: 999 });
  assert.equal(carol.host, "localhost");
  assert.equal(zoe.host, "localhost");
  assert.equal(zoe.terminal, null);
  assert.equal(long.host, "h".repeat(256));
});

test("users() ignores a trailing partial record, and returns [] for an empty file", () => {
  const bytes = utmpBytes(ENTRIES.slice(3, 5));
  const partial = new Uint8Array(bytes.length + 100);
  partial.set(bytes);
  assert.equal(parseUtmp(partial).length, 2);
  assert.deepEqual(parseUtmp(new Uint8Array(0)), []);
});

test("users() reads the utmp file the backend is given; no file means nobody is logged in", () => {
  const dir = mkdtempSync(join(tmpdir(), "tsutil-utmp-"));
  try {
    const path = join(dir, "utmp");
    writeFileSync(path, utmpBytes(ENTRIES));
    setBackend(createLinuxBackend({ procfs: dir, sysfs: dir, utmp: path }));
    assert.deepEqual(users().map((u) => u.pid), [1234, 999, 2001, 2002, 2003]);
    setBackend(createLinuxBackend({ procfs: dir, sysfs: dir, utmp: join(dir, "missing") }));
    assert.deepEqual(users(), []);
  } finally {
    setBackend(undefined);
    rmSync(dir, { recursive: true });
  }
});

import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileIO } from "../../platforms/linux/fileio.ts";
import { linuxContext } from "../../platforms/linux/context.ts";
import { relister } from "../../platforms/linux/_cat.ts";

const keys = (s: string): string[] => s.split("\n").map((l) => l.split(":")[0]);

test("a singleShot read of /proc/self/status has every line of a full read", () => {
  const io = fileIO();
  const full = new TextDecoder().decode(io.read("/proc/self/status"));
  const once = new TextDecoder().decode(io.read("/proc/self/status", true));
  assert.ok(once.endsWith("\n"));
  assert.deepEqual(keys(once), keys(full));
});

test("a singleShot pread of a held /proc/self/stat fd reads the whole line, again and again", () => {
  const io = fileIO();
  const fd = io.openFd("/proc/self/stat");
  try {
    for (let i = 0; i < 3; i++) {
      const line = new TextDecoder().decode(io.preadAll(fd, "/proc/self/stat", true));
      assert.match(line, /^\d+ \(.*\) [A-Za-z] (-?\d+ ){40,}-?\d+\n$/s);
    }
  } finally {
    io.closeFd(fd);
  }
});

test("singleShot still reads past a full buffer: a 200 KiB file comes back whole", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsutil-single-shot-"));
  try {
    const file = path.join(dir, "big");
    const data = new Uint8Array(200 * 1024).map((_, i) => i % 251);
    fs.writeFileSync(file, data);
    const io = fileIO();
    assert.deepEqual(io.read(file, true), data);
    const fd = io.openFd(file);
    try {
      assert.deepEqual(io.preadAll(fd, file, true), data);
    } finally {
      io.closeFd(fd);
    }
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
});

test("relister keeps a live kernel directory open and lists it again from the start, whole, each call", () => {
  const ctx = linuxContext();
  // /proc/self/fd: entries come and go between calls.
  const fds = relister(ctx, "/proc/self/fd");
  for (let i = 0; i < 3; i++) {
    const opened = Array.from({ length: 60 * i }, () => fs.openSync("/proc/self/stat", "r"));
    try {
      const listed = fds().map(Number).sort((a, b) => a - b);
      for (const fd of opened) assert.ok(listed.includes(fd), `fd ${fd} listed (round ${i})`);
      assert.ok(listed.length >= opened.length + 3);
    } finally {
      for (const fd of opened) fs.closeSync(fd);
    }
  }
  const net = relister(ctx, "/sys/class/net");
  for (let i = 0; i < 2; i++) assert.deepEqual(net().sort(), fs.readdirSync("/sys/class/net").sort());
  const missing = relister(ctx, "/sys/class/no-such-class");
  assert.deepEqual([missing(), missing()], [[], []]);
});

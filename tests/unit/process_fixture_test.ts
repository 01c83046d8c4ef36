import { test } from "node:test";
import assert from "node:assert/strict";
import { createLinuxBackend } from "../../platforms/linux/mod.ts";
import { setBackend } from "../../src/_backend.ts";
import { MalformedFileError } from "../../platforms/linux/procfs/_parse.ts";
import { NoSuchProcess, Process, processIter } from "../../mod.ts";
import { fixture } from "../_helpers.ts";

const procfs = fixture("linux/process_comm_parens/proc");

function withFixture<T>(fn: () => T): T {
  setBackend(createLinuxBackend({ procfs, sysfs: fixture("linux/process_comm_parens/sys") }));
  try {
    return fn();
  } finally {
    setBackend(undefined);
  }
}

test("Process on a fixture: stat fields, name with parens, create time from btime + starttime", () => {
  withFixture(() => {
    const p = new Process(4242);
    assert.equal(p.name(), "a) (b c)");
    assert.equal(p.ppid(), 1);
    assert.equal(p.status(), "sleeping");
    assert.equal(p.createTime(), 1700000000 + 123.45);
    assert.deepEqual(p.cpuTimes(), { user: 2.5, system: 1.3, childrenUser: 0.07, childrenSystem: 0.09, iowait: 0.42 });
    assert.deepEqual(p.pageFaults(), { minor: 1200, major: 3 });
    assert.equal(p.numThreads(), 3);
    assert.equal(p.cpuNum(), 1);
    assert.equal(p.nice(), 5);
    assert.deepEqual(p.uids(), { real: 1000, effective: 1001, saved: 1002 });
    assert.deepEqual(p.gids(), { real: 100, effective: 101, saved: 102 });
    assert.deepEqual(p.numCtxSwitches(), { voluntary: 77, involuntary: 5 });
  });
});

test("Process on a fixture: cmdline with spaces and an empty argument, environ, io counters", () => {
  withFixture(() => {
    const p = new Process(4242);
    assert.deepEqual(p.cmdline(), ["/usr/bin/with space", "", "--flag"]);
    assert.deepEqual(p.environ(), { A: "1", B: "x=y", C: "" });
    assert.deepEqual(p.ioCounters(), {
      readCount: 3,
      writeCount: 4,
      readBytes: 4096,
      writeBytes: 8192,
      readChars: 100,
      writeChars: 200,
    });
  });
});

test("Process on a fixture: memoryInfo from statm, memoryInfoEx from status, footprint from smaps_rollup", () => {
  withFixture(() => {
    const p = new Process(4242);
    const page = p.memoryInfo().rss / 300;
    assert.ok(page === 4096 || page === 16384 || page === 65536);
    assert.deepEqual(Object.keys(p.memoryInfo()), ["rss", "vms", "shared", "text", "lib", "data", "dirty"]);
    const ex = p.memoryInfoEx();
    assert.equal(ex.peakRss, 2048 * 1024);
    assert.equal(ex.peakVms, 20480 * 1024);
    assert.deepEqual([ex.rssAnon, ex.rssFile, ex.rssShmem, ex.swap, ex.hugetlb], [
      400 * 1024,
      700 * 1024,
      100 * 1024,
      16 * 1024,
      0,
    ]);
    assert.deepEqual(p.memoryFootprint(), { uss: 500 * 1024, pss: 900 * 1024, swap: 16 * 1024 });
    const full = p.memoryFullInfo();
    assert.equal(full.uss, 500 * 1024);
    assert.equal(full.rss, p.memoryInfo().rss);
  });
});

test("Process on a fixture: memoryMaps grouped by path and ungrouped, ' (deleted)' dropped for gone files", () => {
  withFixture(() => {
    const p = new Process(4242);
    const flat = p.memoryMaps({ grouped: false });
    assert.equal(flat.length, 4);
    assert.equal(flat[0].addr, "00400000-00410000");
    assert.equal(flat[0].perms, "r-xp");
    assert.equal(flat[2].path, "[anon]");
    assert.equal(flat[3].path, "/tmp/gone.so");
    const grouped = p.memoryMaps();
    assert.deepEqual(grouped.map((m) => m.path), ["/usr/bin/with space", "[anon]", "/tmp/gone.so"]);
    assert.equal(grouped[0].rss, 44 * 1024);
    assert.equal(grouped[0].privateDirty, 4 * 1024);
    assert.equal("addr" in grouped[0], false);
  });
});

test("Process on a fixture: a truncated stat raises MalformedFileError naming the file", () => {
  withFixture(() => {
    assert.throws(
      () => new Process(4243),
      (e: unknown) => e instanceof MalformedFileError && /4243\/stat/.test(e.message),
    );
    assert.throws(() => new Process(4244), NoSuchProcess);
  });
});

test("processIter() on a fixture yields the readable process, adValue never hides a parse error", () => {
  withFixture(() => {
    processIter.cacheClear();
    const seen: number[] = [];
    assert.throws(() => {
      for (const p of processIter({ attrs: ["pid", "name"] })) seen.push(p.pid);
    }, MalformedFileError);
    assert.deepEqual(seen, [4242]);
    processIter.cacheClear();
  });
});

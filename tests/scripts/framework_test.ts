import { test } from "node:test";
import assert from "node:assert/strict";
import { HelpRequested, parse, pidArg, UsageError } from "../../scripts/_cli/args.ts";
import { clipVisible, paint, setColor, stripAnsi } from "../../scripts/_cli/color.ts";
import { keyValues, table } from "../../scripts/_cli/table.ts";
import { bar, cpuTime, duration, human, pct, startTime } from "../../scripts/_cli/units.ts";
import { describe } from "../../scripts/_cli/run.ts";
import { liveOptions } from "../../scripts/_cli/live.ts";
import { toJson } from "../../scripts/_cli/json.ts";
import * as tsutil from "../../mod.ts";

const SPEC = {
  usage: "usage: t [--json] [-n N] <pid>",
  options: { json: { type: "boolean" }, count: { type: "number", short: "n" }, user: { type: "string" } },
  positionals: [1, 1] as [number, number],
} as const;

test("parse() reads booleans, numbers, strings and positionals", () => {
  const { opts, args } = parse(["--json", "-n", "3", "--user=root", "42"], SPEC);
  assert.equal(opts.json, true);
  assert.equal(opts.count, 3);
  assert.equal(opts.user, "root");
  assert.deepEqual(args, ["42"]);
  const d = parse(["7"], SPEC);
  assert.equal(d.opts.json, false);
  assert.equal(d.opts.count, undefined);
});

test("parse() raises one-line UsageErrors and HelpRequested", () => {
  assert.throws(() => parse(["--bogus", "1"], SPEC), (e) => e instanceof UsageError && !e.message.includes("\n"));
  assert.throws(() => parse(["-n", "x", "1"], SPEC), /--count expects a number, got 'x'/);
  assert.throws(() => parse([], SPEC), UsageError);
  assert.throws(() => parse(["1", "2"], SPEC), /unexpected argument '2'/);
  assert.throws(() => parse(["--help"], SPEC), (e) => e instanceof HelpRequested && e.usage === SPEC.usage);
  assert.equal(pidArg("12"), 12);
  assert.throws(() => pidArg("-1"), UsageError);
  assert.throws(() => pidArg("abc"), UsageError);
});

test("table() aligns columns and shrinks the flexible column to the width", () => {
  const cols = [{ header: "PID", align: "right" as const }, { header: "NAME" }, { header: "CMD", flex: true }, {
    header: "X",
    align: "right" as const,
  }];
  const rows = [["1", "init", "/sbin/init splash quiet", "7"], ["1234", "bash", "-bash", "10"]];
  const wide = table(cols, rows);
  assert.deepEqual(wide, [
    " PID NAME CMD                      X",
    "   1 init /sbin/init splash quiet  7",
    "1234 bash -bash                   10",
  ]);
  const narrow = table(cols, rows, { width: 20 });
  for (const l of narrow) assert.ok(l.length <= 20, `${JSON.stringify(l)} is wider than 20`);
  assert.equal(narrow[1], "   1 init /sbin/i  7");
  assert.deepEqual(table([{ header: "A" }], [["x"]], { header: false }), ["x"]);
  assert.deepEqual(keyValues([["a", "1"], ["long", "2"]], null), ["a     1", "long  2"]);
});

test("paint() colours only when colour is on; clipVisible() keeps styles closed", () => {
  setColor(false);
  assert.equal(paint("x", "red"), "x");
  setColor(true);
  try {
    const red = paint("hello", "red");
    assert.equal(red, "\x1b[31mhello\x1b[39m");
    assert.equal(stripAnsi(red), "hello");
    assert.equal(stripAnsi(clipVisible(red, 3)), "hel");
    assert.ok(clipVisible(red, 3).endsWith("\x1b[0m"));
    assert.equal(clipVisible("plain", 10), "plain");
  } finally {
    setColor(undefined);
  }
});

test("units: percentages, cpu times, durations, start times and bars", () => {
  assert.equal(human(10000), "9.8K");
  assert.equal(human(null), "-");
  assert.equal(pct(12.345), "12.3%");
  assert.equal(pct(undefined), "-");
  assert.equal(cpuTime(61.5), "1:01.50");
  assert.equal(cpuTime(3725.25), "62:05.25");
  assert.equal(duration(59), "0:00:59");
  assert.equal(duration(90061), "1 day, 1:01:01");
  assert.equal(duration(2 * 86400), "2 days, 0:00:00");
  const now = new Date(2024, 4, 10, 15, 0, 0);
  assert.equal(startTime(new Date(2024, 4, 10, 9, 5).getTime() / 1000, now), "09:05");
  assert.equal(startTime(new Date(2024, 2, 3, 9, 5).getTime() / 1000, now), "Mar03");
  assert.equal(bar(50, 10), "|||||     ");
  assert.equal(bar(150, 4), "||||");
  assert.equal(bar(Number.NaN, 2), "  ");
});

test("liveOptions() checks --interval and --iterations", () => {
  assert.deepEqual(liveOptions({ once: false }), { interval: 1, iterations: null });
  assert.deepEqual(liveOptions({ once: true }), { interval: 1, iterations: 1 });
  assert.deepEqual(liveOptions({ once: false, iterations: 3, interval: 0.5 }), { interval: 0.5, iterations: 3 });
  assert.throws(() => liveOptions({ once: false, interval: 0 }), UsageError);
  assert.throws(() => liveOptions({ once: false, iterations: 1.5 }), UsageError);
});

test("describe() turns tsutil's errors into one line and a status", () => {
  const nsp = describe(new tsutil.NoSuchProcess({ pid: 42 }));
  assert.equal(nsp.status, 1);
  assert.equal(nsp.message, "process 42 has ended");
  assert.equal(
    describe(new tsutil.NoSuchProcess({ pid: 7, msg: "process PID not found" })).message,
    "no process with pid 7",
  );
  const ad = describe(new tsutil.AccessDenied({ pid: 1, syscall: "/proc/1/environ" }));
  assert.equal(
    ad.message,
    "access denied to pid 1 (/proc/1/environ): run with more privilege (as root, or as Administrator)",
  );
  assert.match(describe(new tsutil.MissingPermissionError("--allow-ffi", "open libc")).message, /--allow-ffi/);
  assert.match(describe(new tsutil.UnsupportedError("winServiceIter", "linux")).message, /not supported on linux/);
  assert.equal(describe(new UsageError("bad")).status, 2);
  for (const e of [nsp, ad]) assert.ok(!e.message.includes("\n"));
});

test("toJson() writes Maps as objects", () => {
  assert.deepEqual(JSON.parse(toJson(new Map([["eth0", { up: true }]]))), { eth0: { up: true } });
});

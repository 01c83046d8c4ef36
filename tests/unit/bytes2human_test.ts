import { test } from "node:test";
import assert from "node:assert/strict";
import { bytes2human } from "../../mod.ts";

test("bytes2human() uses binary multiples and one decimal, as psutil", () => {
  assert.equal(bytes2human(0), "0.0B");
  assert.equal(bytes2human(1023), "1023.0B");
  assert.equal(bytes2human(1024), "1.0K");
  assert.equal(bytes2human(10000), "9.8K");
  assert.equal(bytes2human(100001221), "95.4M");
  assert.equal(bytes2human(1048575), "1024.0K");
  assert.equal(bytes2human(2 ** 80 * 5), "5.0Y");
  assert.equal(bytes2human(2 ** 90), "1024.0Y");
});

test("bytes2human() rounds exact ties to even, as Python's %.1f", () => {
  assert.equal(bytes2human(1280), "1.2K"); // 1.25 K
  assert.equal(bytes2human(1024 * 2.75), "2.8K");
  assert.equal(bytes2human(-1280), "-1.2K");
  assert.equal(bytes2human(-10000), "-9.8K");
});

test("bytes2human() takes decimals and a separator", () => {
  assert.equal(bytes2human(1536, { decimals: 2, separator: " " }), "1.50 K");
  assert.equal(bytes2human(1536, { decimals: 0 }), "2K");
});

test("bytes2human() rejects non-numbers and bad decimals with built-in errors", () => {
  assert.throws(() => bytes2human(Number.NaN), TypeError);
  assert.throws(() => bytes2human(Infinity), TypeError);
  assert.throws(() => bytes2human("1" as unknown as number), TypeError);
  assert.throws(() => bytes2human(1, { decimals: -1 }), RangeError);
  assert.throws(() => bytes2human(1, { decimals: 1.5 }), RangeError);
});

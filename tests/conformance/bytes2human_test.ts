import { test } from "node:test";
import assert from "node:assert/strict";
import { bytes2human } from "../../mod.ts";
import { psutil, skipWithoutPsutil } from "../_helpers.ts";

const SAMPLES = [
  0,
  1,
  500,
  1023,
  1024,
  1025,
  1280,
  2816,
  10000,
  1048575,
  1048576,
  100001221,
  5e9,
  3.3 * 2 ** 40,
  2 ** 62,
];

test("bytes2human() formats like psutil's bytes2human", { skip: skipWithoutPsutil() }, () => {
  const theirs = psutil<string[]>(
    `from psutil._common import bytes2human\nprint(json.dumps([bytes2human(n) for n in ${JSON.stringify(SAMPLES)}]))`,
  );
  assert.deepEqual(SAMPLES.map((n) => bytes2human(n)), theirs);
});

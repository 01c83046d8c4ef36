import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { TOOLS } from "../../scripts/cli.ts";
import { ROOT } from "../_helpers.ts";
import { ok, runScript } from "./_run.ts";

/** Files in scripts/ that are not tools reached through `tsutil <tool>`. */
const NOT_TOOLS = new Set(["cli.ts"]);

test("cli.ts reaches every tool in scripts/, and each has a main()", async () => {
  const files = readdirSync(join(ROOT, "scripts")).filter((f) => f.endsWith(".ts") && !NOT_TOOLS.has(f));
  assert.deepEqual(Object.keys(TOOLS).sort(), files.map((f) => f.replace(/\.ts$/, "")).sort());
  for (const [name, entry] of Object.entries(TOOLS)) {
    const mod = await entry.load();
    assert.equal(typeof mod.main, "function", `${name} has no main()`);
  }
});

test("tsutil --help lists the tools; tsutil <tool> runs it", () => {
  const out = ok("cli.ts", ["--help"]);
  for (const name of Object.keys(TOOLS)) assert.match(out, new RegExp(`^${name}\\s`, "m"));
  assert.match(ok("cli.ts", ["free"]), /^Mem:/m);
  assert.match(ok("cli.ts", ["free", "--help"]), /^usage: tsutil free/);
});

test("tsutil with no tool or an unknown one exits 2 with one line", () => {
  const none = runScript("cli.ts", []);
  assert.equal(none.status, 2);
  const bad = runScript("cli.ts", ["nosuchtool"]);
  assert.equal(bad.status, 2);
  assert.equal(bad.stderr, "tsutil: unknown tool 'nosuchtool' (tsutil --help lists them)\n");
  const badOpt = runScript("cli.ts", ["free", "--nope"]);
  assert.equal(badOpt.status, 2);
  assert.equal(badOpt.stderr.trimEnd().split("\n").length, 1);
});

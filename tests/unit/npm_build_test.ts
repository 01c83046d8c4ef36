import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { npmExportsFor, rewriteDeclarationSpecifiers } from "../../scripts/internal/build_npm.ts";
import { compareExports } from "../../scripts/internal/check_exports.ts";
import { RUNTIME } from "../../ffi/mod.ts";
import { psutil, skipWithoutPsutil } from "../_helpers.ts";

test("declaration files get .js specifiers for relative .ts imports, and nothing else changes", () => {
  const dts = [
    `import type { A } from "./a.ts";`,
    `export * from "../b/c.ts";`,
    `export type X = import("./d.ts").D;`,
    `import { x } from "node:fs";`,
    `import { y } from "pkg/e.ts";`,
  ].join("\n");
  assert.equal(
    rewriteDeclarationSpecifiers(dts),
    [
      `import type { A } from "./a.js";`,
      `export * from "../b/c.js";`,
      `export type X = import("./d.js").D;`,
      `import { x } from "node:fs";`,
      `import { y } from "pkg/e.ts";`,
    ].join("\n"),
  );
});

test("deno.json exports map to emitted files, and compareExports reports every difference", () => {
  const deno = { ".": "./mod.ts", "./cli": "./scripts/cli.ts" };
  const npm = npmExportsFor({ name: "@x/tsutil", version: "1.0.0", exports: deno });
  assert.deepEqual(npm["."], { types: "./esm/mod.d.ts", default: "./esm/mod.js" });
  assert.deepEqual(npm["./cli"], { types: "./esm/scripts/cli.d.ts", default: "./esm/scripts/cli.js" });
  const problems = compareExports(
    { ".": "./mod.ts", "./only-deno": "./x.ts" },
    { ".": { types: "./esm/mod.d.ts", default: "./esm/other.js" }, "./only-npm": "./esm/y.js" },
    "/nonexistent",
  );
  assert.equal(problems.length, 4, problems.join("\n"));
  assert.ok(problems.some((p) => p.includes(`"./only-deno"`) && p.includes("package.json does not")));
  assert.ok(problems.some((p) => p.includes(`"./only-npm"`)));
  assert.ok(problems.some((p) => p.includes("./esm/other.js") && p.includes("expected ./esm/mod.js")));
  assert.ok(problems.some((p) => p.includes("./esm/mod.d.ts was not built")));
});

// In the Node suite this file runs compiled, from <build>/esm/tests/unit/: the package it belongs to is <build>.
const BUILD = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const ONLY_BUILD = RUNTIME === "node" && existsSync(join(BUILD, "package.json"))
  ? false
  : "checks the built npm package; the Node suite runs it from the build";

test("the built package imports by its name under Node and agrees with psutil", {
  skip: ONLY_BUILD || skipWithoutPsutil(),
}, async () => {
  const pkg = JSON.parse(readFileSync(join(BUILD, "package.json"), "utf8"));
  assert.equal(pkg.name, "tsutil");
  const name = pkg.name as string; // a self-reference: resolved through the package's own "exports"
  const tsutil = await import(name);
  const total = psutil<number>("print(json.dumps(psutil.virtual_memory().total))");
  assert.equal(tsutil.virtualMemory().total, total);
  assert.equal(tsutil.cpuCount(), psutil<number>("print(json.dumps(psutil.cpu_count()))"));
});

test("the built package's tsutil bin runs under Node", { skip: ONLY_BUILD }, () => {
  const pkg = JSON.parse(readFileSync(join(BUILD, "package.json"), "utf8"));
  assert.equal(typeof pkg.bin?.tsutil, "string", "the build must declare the tsutil bin (scripts/cli.ts)");
  const r = spawnSync(process.execPath, [join(BUILD, pkg.bin.tsutil), "--help"], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /usage: tsutil <tool>/);
});

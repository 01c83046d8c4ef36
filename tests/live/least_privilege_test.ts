import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import perms from "../../scripts/internal/permissions.json" with { type: "json" };
import * as tsutil from "../../mod.ts";
import { ROOT } from "../_helpers.ts";
import { permissionsTable } from "../../scripts/internal/gen_permissions_table.ts";

const DENO = join(ROOT, "node_modules", ".bin", "deno");
const SCRIPT = join(ROOT, "tests", "live", "least_privilege", "call_all.ts");
const table = perms.functions as Record<string, { flags: string[]; why: string }>;

interface Outcome {
  name: string;
  ok: boolean;
  permission: boolean;
  error?: string;
}

function run(flags: string[], args: string[] = [], script = SCRIPT): { functions: string[]; outcomes: Outcome[] } {
  const r = spawnSync(DENO, ["run", ...flags, script, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: "1" },
  });
  assert.equal(r.status, 0, `deno run ${flags.join(" ")} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!);
}

test("every function exported from mod.ts runs under `deno run --allow-ffi` alone, without a permission error", {
  timeout: 120_000,
}, () => {
  const report = run(perms.default);
  const exported = Object.entries(tsutil).filter(([, v]) =>
    typeof v === "function" && !/^class[\s{]/.test(Function.prototype.toString.call(v))
  ).map(([n]) => n);
  assert.deepEqual(report.functions, exported, "the script enumerates the same exports");
  const called = new Set(report.outcomes.map((o) => o.name));
  for (const name of exported) {
    if (!(name in table)) assert.ok(called.has(name), `${name} was called`);
  }
  for (const m of ["Process.cpuTimes", "Process.memoryInfo", "Process.name", "Process.asDict"]) {
    if (typeof (tsutil as Record<string, unknown>).Process === "function") assert.ok(called.has(m), `${m} was called`);
  }
  const denied = report.outcomes.filter((o) => o.permission);
  assert.deepEqual(denied, [], "no permission error under --allow-ffi");
  for (const o of report.outcomes.filter((o) => !o.ok)) {
    // what may fail is a typed tsutil error or a bad-argument error, never a raw crash
    assert.match(
      o.error!,
      /^(UnsupportedError|TypeError|RangeError|AccessDenied|NoSuchProcess|TimeoutExpired): /,
      o.name,
    );
  }
});

test("functions the permissions table lists run with exactly its flags, and need them", { timeout: 120_000 }, () => {
  for (const [name, { flags }] of Object.entries(table)) {
    if (typeof (tsutil as Record<string, unknown>)[name] !== "function") continue;
    if (/^class[\s{]/.test(Function.prototype.toString.call((tsutil as Record<string, unknown>)[name]))) continue;
    const granted = run(flags, ["--only", name]).outcomes;
    assert.deepEqual(granted.map((o) => [o.name, o.permission]), [[name, false]], `${name} under ${flags.join(" ")}`);
    const bare = run(perms.default, ["--only", name]).outcomes;
    assert.equal(bare[0].permission, true, `${name} really needs more than ${perms.default.join(" ")}`);
  }
  for (const [name, { flags }] of Object.entries(table)) {
    assert.ok(name in tsutil, `${name} in the table is exported from mod.ts`);
    assert.ok(flags.includes("--allow-ffi"), `${name}: --allow-ffi stays required`);
  }
});

test("without --allow-ffi a call raises a TsutilError naming --allow-ffi, never Deno's bare NotCapable", () => {
  const r = spawnSync(DENO, ["run", "--no-prompt", join(ROOT, "tests", "live", "least_privilege", "no_ffi.ts")], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout.trim());
  assert.equal(out.threw, true);
  assert.equal(out.tsutil, true, `${out.name}: ${out.message}`);
  assert.notEqual(out.name, "NotCapable");
  assert.match(out.message, /--allow-ffi/);
});

test("the README permissions table is generated from the same data file", () => {
  const md = permissionsTable();
  assert.match(md, /\| everything else on Linux \| `--allow-ffi` \|/);
  for (const [name, { flags }] of Object.entries(table)) {
    assert.ok(md.includes(`| \`${name}\` | \`${flags.join(" ")}\` |`));
  }
});

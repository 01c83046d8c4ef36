import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tsutil from "../../mod.ts";
import { setBackend } from "../../src/_backend.ts";
import { createUnsupportedBackend } from "../../platforms/unsupported.ts";
import { ROOT } from "../_helpers.ts";

test("bootTime() is in the past and after 2000", () => {
  const t = tsutil.bootTime();
  assert.ok(t > 946684800 && t * 1000 < Date.now());
});

test("cpuCount() is positive and cores never exceed logical CPUs", () => {
  const logical = tsutil.cpuCount()!;
  const cores = tsutil.cpuCount({ logical: false });
  assert.ok(logical >= 1);
  assert.ok(cores === null || (cores >= 1 && cores <= logical));
});

test("getloadavg() has three non-negative numbers", () => {
  const l = tsutil.getloadavg();
  assert.equal(l.length, 3);
  for (const x of l) assert.ok(Number.isFinite(x) && x >= 0);
});

test("pids() contains this process and pid 1; pidExists agrees", () => {
  const p = tsutil.pids();
  assert.ok(p.includes(process.pid) && p.includes(1));
  assert.deepEqual(p, [...p].sort((a, b) => a - b));
  assert.equal(tsutil.pidExists(process.pid), true);
  assert.equal(tsutil.pidExists(2 ** 22 + 12345), false);
});

test("pidExists() rejects negative and non-integer pids with built-in errors", () => {
  assert.throws(() => tsutil.pidExists(-1), RangeError);
  assert.throws(() => tsutil.pidExists(1.5), TypeError);
  assert.throws(() => tsutil.pidExists("1" as unknown as number), TypeError);
});

test("diskUsage('/') has psutil's fields in order; a missing path names the path", () => {
  const u = tsutil.diskUsage("/");
  assert.deepEqual(Object.keys(u), ["total", "used", "free", "percent"]);
  assert.ok(u.total > 0 && u.used >= 0 && u.free >= 0);
  assert.throws(
    () => tsutil.diskUsage("/no/such/path"),
    (e: unknown) => e instanceof tsutil.SystemCallError && e.code === "ENOENT" && /\/no\/such\/path/.test(e.message),
  );
  assert.throws(() => tsutil.diskUsage(""), TypeError);
});

test("a platform without a member raises UnsupportedError naming the function and platform", () => {
  setBackend(createUnsupportedBackend("plan9"));
  try {
    assert.throws(() => tsutil.bootTime(), /bootTime\(\) is not supported on plan9/);
    assert.throws(() => tsutil.cpuCount({ logical: false }), tsutil.UnsupportedError);
  } finally {
    setBackend(undefined);
  }
});

test("under Deno without --allow-ffi, a call names the flag to add", () => {
  const deno = join(ROOT, "node_modules", ".bin", "deno");
  const code = `import { bootTime } from "${join(ROOT, "mod.ts")}";
try { bootTime(); console.log("no error"); } catch (e) { console.log(e.name + ": " + e.message); }`;
  const file = join(mkdtempSync(join(tmpdir(), "tsutil-")), "noffi.ts");
  writeFileSync(file, code);
  const r = spawnSync(deno, ["run", "--no-prompt", file], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  assert.match(r.stdout, /MissingPermissionError: .*--allow-ffi/);
});

test("under Deno on a terminal with only --allow-ffi, nothing prompts for another permission", async () => {
  if (spawnSync("tmux", ["-V"]).status !== 0) {
    assert.fail("tmux is needed for this test (apt-get install tmux; .ci/run installs it)");
  }
  const deno = join(ROOT, "node_modules", ".bin", "deno");
  const dir = mkdtempSync(join(tmpdir(), "tsutil-tty-"));
  const file = join(dir, "tty.ts");
  writeFileSync(
    file,
    `import { cpuCount, diskUsage } from "${
      join(ROOT, "mod.ts")
    }";\nconsole.log("DONE", cpuCount(), diskUsage("/").total > 0);\n`,
  );
  const sock = `tsutil-prompt-${process.pid}`;
  const tmux = (...a: string[]): string => spawnSync("tmux", ["-L", sock, ...a], { encoding: "utf8" }).stdout;
  tmux("new-session", "-d", "-x", "160", "-y", "20", `${deno} run --allow-ffi ${file}; sleep 30`);
  try {
    let screen = "";
    for (let i = 0; i < 100 && !/DONE|Deno requests/.test(screen); i++) {
      await new Promise((r) => setTimeout(r, 100));
      screen = tmux("capture-pane", "-p");
    }
    assert.doesNotMatch(screen, /Deno requests/);
    assert.match(screen, /DONE \d+ true/);
  } finally {
    tmux("kill-server");
  }
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { RUNTIME } from "../../ffi/mod.ts";
import { ROOT } from "../_helpers.ts";

const isRoot = process.getuid?.() === 0;

/**
 * Lets `nobody` traverse to `paths` (a checkout or a runtime binary inside a private 0700 temp folder, as a CI clone
 * may be): adds the others' search bit (o+x) to each ancestor lacking it, and the read bit too (o+r) to the
 * checkout's own folders, which Bun's module resolver lists (a clone made with `mktemp -d` is 0700); returns a
 * function restoring them.
 */
function allowTraverse(paths: string[]): () => void {
  const changed = new Map<string, number>();
  for (const p of paths) {
    for (let d = dirname(p); d !== dirname(d); d = dirname(d)) {
      const mode = statSync(d).mode & 0o7777;
      const want = d === ROOT || d.startsWith(`${ROOT}/`) ? 0o005 : 0o001;
      if ((mode & want) !== want && !changed.has(d)) {
        changed.set(d, mode);
        chmodSync(d, mode | want);
      }
    }
  }
  return () => {
    for (const [d, mode] of changed) chmodSync(d, mode);
  };
}

test("as user nobody, environ() of pid 1 and signals or setters on pid 1 raise AccessDenied naming the syscall", {
  skip: isRoot ? false : "needs root to drop to user nobody (setpriv); run the suite as root to cover it",
}, () => {
  const home = mkdtempSync("/tmp/tsutil-nobody-");
  try {
    spawnSync("chown", ["nobody", home]);
    // Under Node this file runs compiled from the npm build: the probe is the compiled one beside it.
    const probe = RUNTIME === "node"
      ? fileURLToPath(new URL("./_unprivileged_probe.js", import.meta.url))
      : join(ROOT, "tests/live/_unprivileged_probe.ts");
    const cmd = RUNTIME === "deno" ? [process.execPath, "run", "--allow-ffi", probe] : [process.execPath, probe];
    const restore = allowTraverse([probe, process.execPath]);
    const r = spawnSync(
      "setpriv",
      ["--reuid=nobody", "--regid=nogroup", "--clear-groups", ...cmd],
      { encoding: "utf8", env: { PATH: "/usr/bin:/bin", HOME: home, DENO_DIR: join(home, "deno"), NO_COLOR: "1" } },
    );
    restore();
    assert.equal(r.status, 0, `probe failed: ${r.stderr}`);
    const got = JSON.parse(r.stdout.trim().split("\n").pop()!);
    assert.equal(got.environ, "AccessDenied:/proc/1/environ");
    assert.equal(got.kill, "AccessDenied:pidfd_send_signal");
    assert.match(got.processKill, /^AccessDenied:/);
    assert.equal(got.niceSet, "AccessDenied:setpriority");
    assert.equal(got.rlimitSet, "AccessDenied:prlimit");
    assert.equal(got.niceGet, "ok", "reading the nice value of another user's process is allowed");
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

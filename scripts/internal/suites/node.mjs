// The Node suite: builds the npm package with its tests compiled (scripts/internal/build_npm.ts --tests) into a
// private folder under node_modules/.cache (so parallel runs never share one, and `koffi` resolves from the
// repository's node_modules), then runs every compiled *_test.js with `node --test`. Node's own summary lines
// ("# pass N" / "# fail N") are what scripts/internal/run_tests.mjs reads.
//
// Imported by run_tests.mjs for `suites()`; run directly (`node scripts/internal/suites/node.mjs --run`) it is the
// suite itself.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const self = fileURLToPath(import.meta.url);

/** The suite entry for run_tests.mjs: [name, parser, command, args, env]. */
export function suites(_root, _bin) {
  return [["node", "node", process.execPath, [self, "--run"], {}]];
}

// tests/scripts runs the tools from their sources under Deno or Bun (their own suites cover it); the tools under
// Node are covered by tests/unit/npm_build_test.ts through the built bin.
const SKIP_DIRS = new Set(["fixtures", "scripts"]);

function testFiles(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (SKIP_DIRS.has(name)) continue;
    if (statSync(p).isDirectory()) testFiles(p, out);
    else if (name.endsWith("_test.js")) out.push(p);
  }
  return out;
}

function run() {
  const root = resolve(dirname(self), "..", "..", "..");
  const deno = join(root, "node_modules", ".bin", "deno");
  const out = join(root, "node_modules", ".cache", `tsutil-node-test-${process.pid}`);
  try {
    const build = spawnSync(deno, ["run", "-A", "scripts/internal/build_npm.ts", "--tests", "--out", out], {
      cwd: root,
      stdio: "inherit",
    });
    if (build.status !== 0 || !existsSync(join(out, "esm", "tests"))) {
      console.log("not ok 1 - the npm build with tests failed (see above)\n# pass 0\n# fail 1");
      return 1;
    }
    // Relative to the build folder: newer Nodes read the arguments as globs, which skip paths in node_modules.
    const files = testFiles(join(out, "esm", "tests")).map((f) => relative(out, f));
    const env = { ...process.env, TSUTIL_REPO_ROOT: root };
    const r = spawnSync(process.execPath, ["--test", ...files], { cwd: out, stdio: "inherit", env });
    return r.status ?? 1;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (process.argv[1] === self && process.argv[2] === "--run") process.exit(run());

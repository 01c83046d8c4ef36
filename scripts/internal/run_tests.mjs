#!/usr/bin/env node
// The test command: static gates (deno check, lint, fmt), then the one suite under Deno and under Bun (and the
// suites other steps register below), each runner's own summary parsed, and one closing line with the combined
// counts: "N passed, N failed". Exits non-zero if anything failed.
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = (name) => join(root, "node_modules", ".bin", name);
const only = process.argv.slice(2); // e.g. `npm test -- deno` runs just the Deno suite

function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, NO_COLOR: "1", ...env } });
    let out = "";
    const onData = (stream) => (chunk) => {
      out += chunk;
      stream.write(chunk);
    };
    child.stdout.on("data", onData(process.stdout));
    child.stderr.on("data", onData(process.stderr));
    child.on("close", (code) => resolve({ code: code ?? 1, out }));
    child.on("error", (e) => resolve({ code: 127, out: String(e) }));
  });
}

const parsers = {
  deno(out) {
    const m = /^(?:ok|FAILED) \| (\d+) passed(?: \(\d+ steps?\))? \| (\d+) failed/m.exec(out);
    return m ? { passed: +m[1], failed: +m[2] } : null;
  },
  bun(out) {
    const p = /^\s*(\d+) pass$/m.exec(out);
    const f = /^\s*(\d+) fail$/m.exec(out);
    return p ? { passed: +p[1], failed: f ? +f[1] : 0 } : null;
  },
  node(out) {
    const p = /^# pass (\d+)$/m.exec(out) ?? /^ℹ pass (\d+)$/m.exec(out);
    const f = /^# fail (\d+)$/m.exec(out) ?? /^ℹ fail (\d+)$/m.exec(out);
    return p ? { passed: +p[1], failed: f ? +f[1] : 0 } : null;
  },
};

const gates = [
  ["deno check", bin("deno"), ["check", "mod.ts", "tests/", "scripts/", "bench/"]],
  ["deno lint", bin("deno"), ["lint"]],
  ["deno fmt --check", bin("deno"), ["fmt", "--check"]],
  ["docs: deno doc --lint, @example on every export", bin("deno"), ["run", "-A", "scripts/internal/check_docs.ts"]],
  ["exports: deno.json = built package.json", bin("deno"), ["run", "-A", "scripts/internal/check_exports.ts"]],
  ["README psutil table is current", bin("deno"), ["run", "-A", "scripts/internal/gen_api_table.ts", "--check"]],
];

const suites = [
  ["deno", "deno", bin("deno"), ["test", "-A", "--no-check", "tests/"]],
  ["bun", "bun", bin("bun"), ["test", "--timeout", "60000", "tests/"]],
];
// More suites (Node against the npm build, Windows under Wine, ...) each live in scripts/internal/suites/*.mjs
// and export `suites(root, bin)` returning entries shaped like the two above.
for (const f of readdirSync(join(root, "scripts/internal/suites")).filter((f) => f.endsWith(".mjs")).sort()) {
  const mod = await import(`./suites/${f}`);
  suites.push(...(await mod.suites(root, bin)));
}

let passed = 0;
let failed = 0;
const lines = [];
if (only.length === 0 || only.includes("gates")) {
  for (const [name, cmd, args] of gates) {
    const { code } = await run(cmd, args);
    if (code === 0) passed++;
    else failed++;
    lines.push(`${code === 0 ? "ok  " : "FAIL"} ${name}`);
  }
}
for (const [name, parser, cmd, args, env] of suites) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n=== ${name}: ${[cmd, ...args].join(" ")}`);
  const { code, out } = await run(cmd, args, env);
  const counts = parsers[parser](out);
  if (counts === null) {
    failed++;
    lines.push(`FAIL ${name}: no summary (exit ${code})`);
    continue;
  }
  passed += counts.passed;
  failed += counts.failed;
  if (code !== 0 && counts.failed === 0) {
    failed++;
    lines.push(`FAIL ${name}: exit ${code}`);
  } else {lines.push(
      `${counts.failed === 0 ? "ok  " : "FAIL"} ${name}: ${counts.passed} passed, ${counts.failed} failed`,
    );}
}
console.log("\n" + lines.join("\n"));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

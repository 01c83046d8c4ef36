/**
 * The exports gate (hono's validate-exports idea): builds the npm package afresh into a private folder and checks
 * that its package.json `exports` are deno.json's `exports`, entry for entry — the same subpaths, each pointing at
 * the emitted `.js` and `.d.ts` of the same source file, both present — and that each entry, imported by Node
 * from the build, exposes the same names as the source module imported here. Also checks the `bin` entry's file
 * when there is one. Exits 1 listing every difference.
 *
 * ```sh
 * deno run -A scripts/internal/check_exports.ts
 * ```
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { pathToFileURL } from "node:url";
import { buildNpm, denoExports, emitted, type NpmExport, readDenoJson, ROOT } from "./build_npm.ts";

/** Differences between deno.json's exports and a built package.json's (empty when identical). */
export function compareExports(
  deno: Record<string, string>,
  npm: Record<string, NpmExport | string>,
  pkgDir: string,
): string[] {
  const problems: string[] = [];
  const keys = new Set([...Object.keys(deno), ...Object.keys(npm)]);
  for (const key of [...keys].sort()) {
    const src = deno[key];
    const out = npm[key];
    if (src === undefined) {
      problems.push(`package.json exports "${key}", which deno.json does not`);
      continue;
    }
    if (out === undefined) {
      problems.push(`deno.json exports "${key}" (${src}), which package.json does not`);
      continue;
    }
    if (typeof out === "string") {
      problems.push(`package.json "${key}" is a bare string; it needs "types" and "default"`);
      continue;
    }
    const want: NpmExport = { types: emitted(src, "d.ts"), default: emitted(src, "js") };
    for (const cond of ["types", "default"] as const) {
      if (out[cond] !== want[cond]) problems.push(`"${key}".${cond} is ${out[cond]}, expected ${want[cond]} (${src})`);
      else if (!existsSync(join(pkgDir, out[cond]))) problems.push(`"${key}".${cond}: ${out[cond]} was not built`);
    }
  }
  return problems;
}

function nodeExportNames(file: string): string[] {
  const code = `const m = await import(${JSON.stringify(pathToFileURL(file).href)});` +
    `console.log(JSON.stringify(Object.keys(m).sort()));`;
  const r = spawnSync("node", ["--input-type=module", "-e", code], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`node could not import ${file}:\n${r.stderr}`);
  return JSON.parse(r.stdout) as string[];
}

/** Builds into a private folder and compares; returns the problems found. */
export async function checkExports(root: string = ROOT): Promise<string[]> {
  const out = join(root, "node_modules", ".cache", `tsutil-check-exports-${process.pid}`);
  try {
    const { packageJson } = buildNpm({ out, quiet: true }, root);
    const deno = denoExports(readDenoJson(root));
    const npm = packageJson.exports as Record<string, NpmExport>;
    const problems = compareExports(deno, npm, out);
    if (problems.length > 0) return problems;
    for (const [key, src] of Object.entries(deno)) {
      const fromSource = Object.keys(await import(pathToFileURL(join(root, src)).href)).sort();
      const fromBuild = nodeExportNames(join(out, npm[key].default));
      const lost = fromSource.filter((n) => !fromBuild.includes(n));
      const extra = fromBuild.filter((n) => !fromSource.includes(n));
      if (lost.length > 0) problems.push(`"${key}" under Node lacks: ${lost.join(", ")}`);
      if (extra.length > 0) problems.push(`"${key}" under Node has extra: ${extra.join(", ")}`);
    }
    const bin = packageJson.bin as Record<string, string> | undefined;
    for (const [name, file] of Object.entries(bin ?? {})) {
      if (!existsSync(join(out, file))) problems.push(`bin "${name}": ${file} was not built`);
      else if (!readFileSync(join(out, file), "utf8").startsWith("#!/usr/bin/env node")) {
        problems.push(`bin "${name}": ${file} lacks the node shebang`);
      }
    }
    return problems;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  let problems: string[];
  try {
    problems = await checkExports();
  } catch (e) {
    problems = [e instanceof Error ? e.message : String(e)];
  }
  for (const p of problems) console.log(p);
  if (problems.length > 0) {
    console.log(`check_exports: ${problems.length} problem(s)`);
    process.exit(1);
  }
  console.log("check_exports: deno.json and the built package.json export the same entries and names");
}

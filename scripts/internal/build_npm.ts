/**
 * Builds the npm package in `npm/`: ESM JavaScript and `.d.ts` types emitted by the `typescript` package's `tsc`
 * from the same sources JSR publishes, a package.json derived from deno.json (name, version, exports), the `tsutil`
 * bin when `scripts/cli.ts` exists, README and LICENSE. What dnt would do, without dnt.
 *
 * ```sh
 * deno run -A scripts/internal/build_npm.ts            # npm/ (what gets published)
 * deno run -A scripts/internal/build_npm.ts --tests    # also compile tests/ into npm/esm/tests (not published)
 * deno run -A scripts/internal/build_npm.ts --out DIR  # somewhere else (the Node suite and check_exports do)
 * ```
 *
 * Every export in deno.json's `exports` becomes an entry point, so whatever mod.ts re-exports is built with no
 * per-function work. Type errors fail the build. Runs under Deno or Bun (only `node:` APIs are used).
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

/** Repository root. */
export const ROOT: string = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The folder, inside the package, that holds the emitted modules. */
export const ESM_DIR = "esm";

/** The CLI entry whose presence adds the `tsutil` bin. */
export const CLI_SOURCE = "scripts/cli.ts";

/** The generated bin wrapper, relative to the package root. */
export const BIN_PATH = `${ESM_DIR}/bin/tsutil.js`;

/** The npm package's name. */
export const NPM_NAME = "tsutil";

/** deno.json's fields the build reads. */
export interface DenoJson {
  name: string;
  version: string;
  exports: string | Record<string, string>;
}

/** One conditional export of the generated package.json. */
export interface NpmExport {
  types: string;
  default: string;
}

/** Reads deno.json. */
export function readDenoJson(root: string = ROOT): DenoJson {
  return JSON.parse(readFileSync(join(root, "deno.json"), "utf8")) as DenoJson;
}

/** deno.json `exports` as a map from subpath to source file (`{ ".": "./mod.ts" }`). */
export function denoExports(deno: DenoJson): Record<string, string> {
  return typeof deno.exports === "string" ? { ".": deno.exports } : { ...deno.exports };
}

/** The emitted file for a source path: `./src/x.ts` → `./esm/src/x.js` (or `.d.ts`). */
export function emitted(source: string, kind: "js" | "d.ts"): string {
  const rel = source.replace(/^\.\//, "").replace(/\.ts$/, `.${kind}`);
  return `./${ESM_DIR}/${rel}`;
}

/** The package.json `exports` that deno.json's `exports` maps to. */
export function npmExportsFor(deno: DenoJson): Record<string, NpmExport> {
  const out: Record<string, NpmExport> = {};
  for (const [key, source] of Object.entries(denoExports(deno))) {
    out[key] = { types: emitted(source, "d.ts"), default: emitted(source, "js") };
  }
  return out;
}

/** Builds the package.json for the npm package. */
export function packageJsonFor(root: string, deno: DenoJson, withBin: boolean): Record<string, unknown> {
  const dev = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Record<string, unknown>;
  const exports = npmExportsFor(deno);
  const main = exports["."];
  const pkg: Record<string, unknown> = {
    name: NPM_NAME,
    version: deno.version,
    description: dev.description,
    license: dev.license ?? "BSD-3-Clause",
    keywords: ["psutil", "process", "system", "monitoring", "cpu", "memory", "disk", "network", "ffi", "deno", "bun"],
    type: "module",
    exports,
    ...(main ? { main: main.default, types: main.types } : {}),
    ...(withBin ? { bin: { tsutil: `./${BIN_PATH}` } } : {}),
    files: [`${ESM_DIR}/`, `!${ESM_DIR}/tests/`, "README.md", "LICENSE"],
    sideEffects: false,
    engines: { node: ">=20" },
    // FFI under Node: koffi when installed (prebuilt binaries, no build at install), else node:ffi (Node 26.1+).
    peerDependencies: { koffi: ">=3.0.0" },
    peerDependenciesMeta: { koffi: { optional: true } },
  };
  for (const k of ["repository", "homepage", "bugs", "author"]) {
    if (dev[k] !== undefined && dev[k] !== "") pkg[k] = dev[k];
  }
  return pkg;
}

function listFiles(dir: string, keep: (path: string) => boolean, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = lstatSync(p);
    if (st.isSymbolicLink()) continue;
    if (st.isDirectory()) listFiles(p, keep, out);
    else if (keep(p)) out.push(p);
  }
  return out;
}

/** Turns relative `.ts` specifiers in emitted declaration files into `.js` ones (tsc rewrites them in JS only). */
export function rewriteDeclarationSpecifiers(text: string): string {
  return text.replace(
    /((?:from|import)\s*\(?\s*["'])(\.{1,2}\/[^"']*?)\.ts(["'])/g,
    (_m, pre: string, path: string, post: string) => `${pre}${path}.js${post}`,
  );
}

/** Problems in the emitted JavaScript that would break a runtime: any module loading `bun:ffi` statically. */
export function runtimeLeaks(outEsm: string): string[] {
  const problems: string[] = [];
  for (const f of listFiles(outEsm, (p) => p.endsWith(".js"))) {
    const js = readFileSync(f, "utf8");
    if (/\bfrom\s*["']bun:ffi["']|\bimport\s*\(\s*["']bun:ffi["']\s*\)|^\s*import\s*["']bun:ffi["']/m.test(js)) {
      problems.push(`${relative(outEsm, f)} imports bun:ffi statically (Node would fail to load it)`);
    }
  }
  return problems;
}

/** Options of {@linkcode buildNpm}. */
export interface BuildOptions {
  /** Output folder (default `<root>/npm`). */
  out?: string;
  /** Also compile tests/ into `<out>/esm/tests` (with tests/fixtures linked), for the Node suite. */
  tests?: boolean;
  /** Print progress. */
  quiet?: boolean;
}

/** What {@linkcode buildNpm} produced. */
export interface BuildResult {
  out: string;
  packageJson: Record<string, unknown>;
  files: number;
}

/** Builds the npm package; throws with tsc's diagnostics when the sources do not typecheck. */
export function buildNpm(opts: BuildOptions = {}, root: string = ROOT): BuildResult {
  const out = resolve(opts.out ?? join(root, "npm"));
  const log = (s: string): void => {
    if (!opts.quiet) console.log(s);
  };
  const deno = readDenoJson(root);
  const entries = Object.values(denoExports(deno));
  const withBin = existsSync(join(root, CLI_SOURCE));
  if (withBin) entries.push(`./${CLI_SOURCE}`);

  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const tsconfigPath = join(out, "tsconfig.build.json");
  const rel = (p: string): string => relative(out, join(root, p)).replaceAll("\\", "/");
  const tsconfig = {
    compilerOptions: {
      target: "ES2022",
      lib: ["ES2023", "ESNext.Disposable", "DOM"],
      module: "NodeNext",
      moduleResolution: "NodeNext",
      rewriteRelativeImportExtensions: true,
      verbatimModuleSyntax: false,
      isolatedModules: true,
      declaration: true,
      strict: true,
      skipLibCheck: true,
      noEmitOnError: true,
      removeComments: false,
      newLine: "lf",
      rootDir: rel("."),
      outDir: ESM_DIR,
      types: ["node"],
      typeRoots: [rel("node_modules/@types")],
    },
    files: [rel("scripts/internal/deno_shim.d.ts"), ...entries.map((e) => rel(e))],
    include: opts.tests ? [rel("tests/**/*.ts")] : [],
    exclude: [rel("tests/fixtures/**")],
  };
  writeFileSync(tsconfigPath, JSON.stringify(tsconfig, null, 2));
  // package.json first: "type": "module" must be in place for NodeNext to emit ESM.
  const packageJson = packageJsonFor(root, deno, withBin);
  writeFileSync(join(out, "package.json"), JSON.stringify(packageJson, null, 2) + "\n");

  const tsc = join(root, "node_modules", ".bin", process.platform === "win32" ? "tsc.cmd" : "tsc");
  log(`tsc ${JSON.parse(readFileSync(join(root, "node_modules/typescript/package.json"), "utf8")).version}: ${out}`);
  const r = spawnSync(tsc, ["-p", tsconfigPath, "--pretty", "false"], { cwd: out, encoding: "utf8" });
  rmSync(tsconfigPath, { force: true });
  if (r.status !== 0) {
    throw new Error(`tsc failed (exit ${r.status ?? r.error}):\n${r.stdout}${r.stderr}`);
  }

  const esm = join(out, ESM_DIR);
  const dts = listFiles(esm, (p) => p.endsWith(".d.ts"));
  for (const f of dts) writeFileSync(f, rewriteDeclarationSpecifiers(readFileSync(f, "utf8")));
  const leaks = runtimeLeaks(esm);
  if (leaks.length > 0) throw new Error(`The emitted JavaScript is not runtime-neutral:\n${leaks.join("\n")}`);

  if (withBin) {
    const cli = emitted(`./${CLI_SOURCE}`, "js").replace(`./${ESM_DIR}/`, "../");
    mkdirSync(join(out, dirname(BIN_PATH)), { recursive: true });
    writeFileSync(
      join(out, BIN_PATH),
      `#!/usr/bin/env node\n// The \`tsutil\` command (generated by scripts/internal/build_npm.ts).\nimport { main } from "${cli}";\nawait main(process.argv.slice(2));\n`,
    );
    chmodSync(join(out, BIN_PATH), 0o755);
  }
  if (opts.tests) symlinkSync(join(root, "tests", "fixtures"), join(esm, "tests", "fixtures"), "dir");
  for (const f of ["README.md", "LICENSE"]) copyFileSync(join(root, f), join(out, f));
  const files = listFiles(esm, () => true).length;
  log(`built ${NPM_NAME}@${deno.version}: ${files} files${withBin ? ", bin tsutil" : ""}`);
  return { out, packageJson, files };
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const outAt = args.indexOf("--out");
  try {
    buildNpm({ tests: args.includes("--tests"), out: outAt >= 0 ? args[outAt + 1] : undefined });
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}

/**
 * The docs gate: `deno doc --lint mod.ts` must pass (every export documented, explicit types, as JSR requires),
 * and every exported function, class, namespace member and non-constant variable must carry an `@example`
 * (std's rule). Type-only exports (interfaces, type aliases) and UPPER_CASE constants need their JSDoc, which the
 * lint already demands; their examples live on the functions that return or take them. Exits 1 listing what is
 * missing.
 *
 * ```sh
 * deno run -A scripts/internal/check_docs.ts
 * ```
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

/** Repository root. */
export const ROOT: string = resolve(fileURLToPath(new URL("../..", import.meta.url)));

/** A JSDoc block as `deno doc --json` gives it. */
export interface JsDoc {
  doc?: string;
  tags?: { kind: string; doc?: string; tags?: string[]; [k: string]: unknown }[];
}

/** One declaration of an exported symbol. */
export interface DocDeclaration {
  kind: string;
  jsDoc?: JsDoc;
  location: { filename: string; line: number };
  // deno-lint-ignore no-explicit-any
  def?: any;
}

/** One exported symbol with its declarations (overloads, a function and its namespace...). */
export interface DocSymbol {
  name: string;
  declarations: DocDeclaration[];
}

/** The `deno` binary the repository installs. */
export function denoBin(root: string = ROOT): string {
  return join(root, "node_modules", ".bin", process.platform === "win32" ? "deno.cmd" : "deno");
}

/** The exported symbols of `entry` (default mod.ts), from `deno doc --json`. */
export function docSymbols(entry = "mod.ts", root: string = ROOT): DocSymbol[] {
  const r = spawnSync(denoBin(root), ["doc", "--json", entry], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 256 << 20,
    env: { ...process.env, NO_COLOR: "1" },
  });
  if (r.status !== 0) throw new Error(`deno doc --json ${entry} failed:\n${r.stderr}`);
  const json = JSON.parse(r.stdout) as { nodes: Record<string, { symbols: DocSymbol[] }> };
  return Object.values(json.nodes).flatMap((n) => n.symbols);
}

/** Whether a JSDoc block has an `@example`. */
export function hasExample(doc: JsDoc | undefined): boolean {
  return (doc?.tags ?? []).some((t) => t.kind === "example");
}

const VALUE_KINDS = new Set(["function", "class", "variable", "namespace"]);
const CONSTANT = /^[A-Z][A-Z0-9_]*$/;

/** What lacks an example: `name (kind, file:line)` for each symbol that needs one and has none. */
export function missingExamples(symbols: readonly DocSymbol[]): string[] {
  const out: string[] = [];
  for (const s of symbols) {
    const values = s.declarations.filter((d) => VALUE_KINDS.has(d.kind));
    if (values.length === 0) continue; // type-only export
    if (values.every((d) => d.kind === "variable") && CONSTANT.test(s.name)) continue;
    if (values.some((d) => hasExample(d.jsDoc))) {
      // A function's namespace (processIter.cacheClear) brings members that need their own example.
      for (const ns of s.declarations.filter((d) => d.kind === "namespace")) {
        for (const el of (ns.def?.elements ?? []) as DocSymbol[]) {
          if (!el.declarations.some((d) => hasExample(d.jsDoc))) out.push(where(`${s.name}.${el.name}`, ns));
        }
      }
      continue;
    }
    out.push(where(s.name, values[0]));
  }
  return out;
}

function where(name: string, d: DocDeclaration): string {
  const file = d.location.filename.replace(/^file:\/\//, "").replace(ROOT + "/", "");
  return `${name} (${d.kind}, ${file}:${d.location.line})`;
}

/**
 * `deno doc --lint` rules reported as warnings only: JSR's own slow-types check (`deno publish --dry-run`) accepts
 * what these flag (a constant initialised from another constant's member), so they do not block publishing.
 */
export const WARN_ONLY: ReadonlySet<string> = new Set(["missing-explicit-type"]);

/** Runs both checks; returns the problems found (empty when the docs are complete) and the warnings. */
export function checkDocs(root: string = ROOT): { problems: string[]; warnings: string[] } {
  const problems: string[] = [];
  const warnings: string[] = [];
  const lint = spawnSync(denoBin(root), ["doc", "--lint", "mod.ts"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  if (lint.status !== 0) {
    const errors = (lint.stdout + lint.stderr).split("\n");
    for (let i = 0; i < errors.length; i++) {
      const m = /^error\[([a-z-]+)\]: (.*)$/.exec(errors[i]);
      if (!m) continue;
      const at = /-->\s+(\S+)/.exec(errors[i + 1] ?? "")?.[1]?.replace(root + "/", "") ?? "?";
      (WARN_ONLY.has(m[1]) ? warnings : problems).push(`deno doc --lint: ${m[1]} at ${at}`);
    }
    if (problems.length + warnings.length === 0) problems.push(`deno doc --lint mod.ts failed:\n${lint.stderr}`);
  }
  for (const m of missingExamples(docSymbols("mod.ts", root))) problems.push(`no @example: ${m}`);
  return { problems, warnings };
}

if (import.meta.main) {
  const { problems, warnings } = checkDocs();
  if (warnings.length > 0) {
    const rules = [...new Set(warnings.map((w) => /: ([a-z-]+) at/.exec(w)?.[1]))].join(", ");
    console.log(`check_docs: ${warnings.length} warning(s) (${rules}; deno publish accepts them), e.g. ${warnings[0]}`);
  }
  for (const p of problems) console.log(p);
  if (problems.length > 0) {
    console.log(`check_docs: ${problems.length} problem(s)`);
    process.exit(1);
  }
  console.log("check_docs: every export is documented, with an @example where one is needed");
}

/**
 * FFI entry point: detects the runtime once, hands out its adapter, and opens libraries lazily and once.
 *
 * This is the only place in tsutil that asks which runtime runs.
 *
 * @module
 */
import type { FfiAdapter, NativeLibrary } from "./backend.ts";
import type { LibrarySpec, SymbolTable } from "./types.ts";
import { LibraryNotFoundError } from "./errors.ts";
// The adapters are plain modules: importing them costs nothing; opening a library is what needs permission.
import { denoAdapter } from "./deno.ts";
import { bunAdapter } from "./bun.ts";
import { loadNodeAdapter } from "./node.ts";
import { MissingPermissionError, TsutilError } from "../src/errors.ts";

export type { FfiAdapter, NativeLibrary } from "./backend.ts";
export type * from "./types.ts";
export { LibraryNotFoundError, SystemCallError } from "./errors.ts";

/** The runtime tsutil runs on. */
export type RuntimeName = "deno" | "bun" | "node";

/** Which runtime runs this code. */
export const RUNTIME: RuntimeName = "Deno" in globalThis ? "deno" : "Bun" in globalThis ? "bun" : "node";

/** The CPU architecture, normalised: `x86_64`, `aarch64`, or the runtime's own name for others. */
export const ARCH: string = (() => {
  const g = globalThis as { Deno?: { build: { arch: string } }; process?: { arch: string } };
  const a = g.Deno?.build.arch ?? g.process?.arch ?? "unknown";
  return a === "x64" ? "x86_64" : a === "arm64" ? "aarch64" : a;
})();

let cached: FfiAdapter | null | undefined;
let nodeLoader: () => FfiAdapter | null = loadNodeAdapter;

/**
 * Replaces the loader used under Node (by default `ffi/node.ts`: koffi, else `node:ffi`, else `null`), and forgets
 * the adapter chosen so far.
 */
export function setNodeFfiLoader(loader: () => FfiAdapter | null): void {
  nodeLoader = loader;
  cached = undefined;
}

/** The runtime's adapter, or `null` when the runtime offers no FFI (Node without a Node FFI package). */
export function adapter(): FfiAdapter | null {
  if (cached === undefined) {
    if (RUNTIME === "deno") cached = denoAdapter;
    else if (RUNTIME === "bun") cached = bunAdapter;
    else cached = nodeLoader();
  }
  return cached;
}

/** The adapter, or a clear error saying FFI is unavailable for `what`. */
export function requireAdapter(what: string): FfiAdapter {
  const a = adapter();
  if (a === null) {
    throw new TsutilError(
      `${what} needs a foreign function interface, which this ${RUNTIME} runtime lacks: install "koffi" (npm install koffi), use Node 26.1+ (node:ffi), or use Deno or Bun`,
    );
  }
  return a;
}

const libraries = new Map<string, Map<SymbolTable, NativeLibrary<SymbolTable>>>();

function candidatesOf(spec: LibrarySpec): string[] {
  const list = [...spec.candidates];
  if (spec.envOverride) {
    let override: string | undefined;
    try {
      if (RUNTIME === "deno") {
        // Ask first: a bare Deno.env.get would prompt on a terminal when --allow-env was not given.
        const granted = Deno.permissions.querySync({ name: "env", variable: spec.envOverride }).state === "granted";
        override = granted ? Deno.env.get(spec.envOverride) : undefined;
      } else {
        override = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env[
          spec.envOverride
        ];
      }
    } catch {
      override = undefined; // no --allow-env: the override is simply not consulted
    }
    if (override) list.unshift(override);
  }
  return list;
}

/**
 * Opens the library described by `spec` with `table`, on first use, and keeps it for the life of the process.
 *
 * @throws {LibraryNotFoundError} when no candidate opens.
 * @throws {MissingPermissionError} under Deno without `--allow-ffi`.
 */
export function openLibrary<T extends SymbolTable>(spec: LibrarySpec, table: T): NativeLibrary<T> {
  let byTable = libraries.get(spec.name);
  const hit = byTable?.get(table);
  if (hit) return hit as unknown as NativeLibrary<T>;
  const a = requireAdapter(`Opening ${spec.name}`);
  const tried = candidatesOf(spec);
  let last: unknown;
  for (const path of tried) {
    try {
      const lib = a.open(path, table);
      if (!byTable) libraries.set(spec.name, byTable = new Map());
      byTable.set(table, lib as unknown as NativeLibrary<SymbolTable>);
      return lib;
    } catch (e) {
      if (e instanceof MissingPermissionError || e instanceof TypeError) throw e;
      last = e;
    }
  }
  throw new LibraryNotFoundError(spec.name, tried, last);
}

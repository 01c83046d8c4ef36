/**
 * The Node adapter, for the npm build: the same neutral tables over an optional Node FFI. Two engines are known:
 *
 * - [`koffi`](https://koffi.dev) (3.x: prebuilt binaries, pointers as `bigint`), when the application installed it;
 * - `node:ffi`, Node's own experimental module (Node 26.1 and later, on by default).
 *
 * Neither is ever required: without one, {@linkcode loadNodeAdapter} returns `null` and `ffi/mod.ts` raises an error
 * naming what to install. `TSUTIL_NODE_FFI=koffi|node:ffi|none` forces a choice (tests use it). Pointers are `bigint`
 * addresses (`null` for `NULL`) in both engines. Nothing here runs unless `ffi/mod.ts` found Node.
 *
 * @module
 */
import { createRequire } from "node:module";
import type { FfiAdapter, NativeLibrary } from "./backend.ts";
import { settled } from "./_settled.ts";
import type { ArgToken, BufferArg, Pointer, ResultToken, SymbolTable } from "./types.ts";

/** The engines this adapter can run on. */
export type NodeFfiEngineName = "koffi" | "node:ffi";

/** What the adapter needs from an engine: open, resolve, and raw memory reads at `bigint` addresses. */
interface Engine {
  readonly name: NodeFfiEngineName;
  /** The engine's token map. */
  readonly types: Readonly<Record<ArgToken | ResultToken, string>>;
  /** Opens a library; throws when it cannot. */
  load(path: string): unknown;
  /** Resolves one function; throws when the symbol is missing. */
  func(lib: unknown, name: string, args: readonly ArgToken[], returns: ResultToken): (...a: unknown[]) => unknown;
  address(buf: BufferArg): bigint;
  bytes(address: bigint, length: number): Uint8Array;
  cstring(address: bigint): string;
  pointerAt(address: bigint): bigint;
  i32At(address: bigint): number;
  /** errno saved right after the last call, where the engine keeps it. */
  savedErrno?: () => number;
}

const WIDE = new Set<string>(["i64", "u64", "isize", "usize"]);

/** Neutral token → koffi type name. Frozen; every token must appear (tested). */
export const KOFFI_TYPES: Readonly<Record<ArgToken | ResultToken, string>> = Object.freeze({
  i8: "int8_t",
  u8: "uint8_t",
  i16: "int16_t",
  u16: "uint16_t",
  i32: "int32_t",
  u32: "uint32_t",
  i64: "int64_t",
  u64: "uint64_t",
  isize: "intptr_t",
  usize: "uintptr_t",
  f32: "float",
  f64: "double",
  pointer: "void *",
  buffer: "void *",
  void: "void",
  cstring: "void *",
});

/** Neutral token → `node:ffi` type name (64-bit targets, where `node:ffi` runs). Frozen; tested like the others. */
export const NODE_FFI_TYPES: Readonly<Record<ArgToken | ResultToken, string>> = Object.freeze({
  i8: "int8",
  u8: "uint8",
  i16: "int16",
  u16: "uint16",
  i32: "int32",
  u32: "uint32",
  i64: "int64",
  u64: "uint64",
  isize: "int64",
  usize: "uint64",
  f32: "float32",
  f64: "float64",
  pointer: "pointer",
  buffer: "pointer",
  void: "void",
  cstring: "pointer",
});

/** The part of koffi 3 used here. */
interface Koffi {
  load(path: string): { func(name: string, result: string, args: string[]): (...a: unknown[]) => unknown };
  address(value: unknown): bigint;
  view(ptr: bigint, len: number): ArrayBuffer;
  decode(ptr: bigint, offset: number, type: string, len?: number): unknown;
  /** errno as koffi saved it after its last call on this thread (koffi 2.x). */
  errno?(): number;
}

/** The part of `node:ffi` used here. */
interface NodeFfi {
  DynamicLibrary: new (path: string) => {
    getFunction(name: string, sig: { arguments: string[]; return: string }): (...a: unknown[]) => unknown;
  };
  getRawPointer(source: ArrayBufferView): bigint;
  toBuffer(ptr: bigint, length: number, copy?: boolean): Uint8Array;
  toString(ptr: bigint): string | null;
  getUint64(ptr: bigint, offset?: number): bigint;
  getInt32(ptr: bigint, offset?: number): number;
}

/** Node's `process`, as far as this file uses it. */
interface NodeProcess {
  env: Record<string, string | undefined>;
}

function nodeProcess(): NodeProcess | undefined {
  return (globalThis as { process?: NodeProcess }).process;
}

/** Loads a package or builtin with Node's `require`, from where this file lives; `null` when it cannot. */
function load<T>(id: string): T | null {
  try {
    return createRequire(import.meta.url)(id) as T;
  } catch {
    return null;
  }
}

function typeOf(map: Readonly<Record<string, string>>, token: string, name: string, arg: boolean): string {
  const t = map[token];
  if (t === undefined || (arg && token === "void")) {
    throw new TypeError(`Unknown FFI ${arg ? "argument" : "result"} type "${token}" for ${name}`);
  }
  return t;
}

function koffiEngine(k: Koffi): Engine {
  return {
    name: "koffi",
    types: KOFFI_TYPES,
    load: (path) => k.load(path),
    func(lib, name, args, returns): (...a: unknown[]) => unknown {
      const l = lib as ReturnType<Koffi["load"]>;
      const types = args.map((a) => typeOf(KOFFI_TYPES, a, name, true));
      return l.func(name, typeOf(KOFFI_TYPES, returns, name, false), types);
    },
    address: (buf) => k.address(buf),
    bytes: (address, length) => new Uint8Array(k.view(address, length).slice(0)),
    cstring: (address) => k.decode(address, 0, "char", -1) as string,
    pointerAt: (address) => (k.decode(address, 0, "void *") as bigint | null) ?? 0n,
    i32At: (address) => k.decode(address, 0, "int32_t") as number,
    savedErrno: typeof k.errno === "function" ? () => k.errno!() : undefined,
  };
}

function nodeFfiEngine(f: NodeFfi): Engine {
  return {
    name: "node:ffi",
    types: NODE_FFI_TYPES,
    load: (path) => new f.DynamicLibrary(path),
    func(lib, name, args, returns): (...a: unknown[]) => unknown {
      const l = lib as InstanceType<NodeFfi["DynamicLibrary"]>;
      const types = args.map((a) => typeOf(NODE_FFI_TYPES, a, name, true));
      const fn = l.getFunction(name, { arguments: types, return: typeOf(NODE_FFI_TYPES, returns, name, false) });
      // node:ffi's fast path takes 64-bit integers only as bigint (26.10 rejects a number there, docs aside).
      const wide = args.flatMap((a, i) => (WIDE.has(a) ? [i] : []));
      if (wide.length === 0) return fn;
      return (...a: unknown[]) => {
        for (const i of wide) if (typeof a[i] === "number") a[i] = BigInt(a[i] as number);
        return fn(...a);
      };
    },
    address: (buf) => f.getRawPointer(buf),
    bytes: (address, length) => new Uint8Array(f.toBuffer(address, length, true)),
    cstring: (address) => f.toString(address) ?? "",
    pointerAt: (address) => f.getUint64(address, 0),
    i32At: (address) => f.getInt32(address, 0),
  };
}

function asPointer(v: unknown): Pointer {
  return (v === null || v === undefined || v === 0n || v === 0 ? null : BigInt(v as bigint)) as unknown as Pointer;
}
function addr(p: Pointer): bigint {
  return (p as unknown as bigint | null) ?? 0n;
}

function wrap(e: Engine, fn: (...a: unknown[]) => unknown, returns: ResultToken): unknown {
  if (WIDE.has(returns)) return (...a: unknown[]) => Number(fn(...a) as number | bigint);
  if (returns === "pointer") return (...a: unknown[]) => asPointer(fn(...a));
  if (returns === "cstring") {
    return (...a: unknown[]) => {
      const p = asPointer(fn(...a));
      return p === null ? null : e.cstring(addr(p));
    };
  }
  return fn;
}

/** Builds the adapter over one engine. */
function adapterOver(e: Engine): FfiAdapter & { readonly engine: NodeFfiEngineName } {
  return {
    runtime: "node",
    engine: e.name,
    offThread: false,
    savedErrno: e.savedErrno,
    open<T extends SymbolTable>(path: string, table: T): NativeLibrary<T> {
      // Translate the whole table first, so an unknown token throws before anything is opened.
      for (const [name, def] of Object.entries(table)) {
        for (const a of def.args) typeOf(e.types, a, name, true);
        typeOf(e.types, def.returns, name, false);
      }
      const lib = e.load(path);
      const symbols: Record<string, unknown> = {};
      for (const [name, def] of Object.entries(table)) {
        let fn: ((...a: unknown[]) => unknown) | null;
        try {
          fn = e.func(lib, name, def.args, def.returns);
        } catch (err) {
          if (!def.optional) throw err;
          fn = null;
        }
        if (fn === null) symbols[name] = null;
        else symbols[name] = def.nonblocking ? settled(wrap(e, fn, def.returns)) : wrap(e, fn, def.returns);
      }
      return { path, symbols: symbols as NativeLibrary<T>["symbols"] };
    },
    pointerOf(buf: BufferArg): Pointer {
      return asPointer(e.address(buf));
    },
    pointerFrom(address: bigint): Pointer {
      return asPointer(address);
    },
    addressOf(ptr: Pointer): bigint {
      return addr(ptr);
    },
    copyBytes(ptr: Pointer, length: number, offset = 0): Uint8Array {
      if (length === 0) return new Uint8Array(0);
      return e.bytes(addr(ptr) + BigInt(offset), length);
    },
    readCString(ptr: Pointer, offset = 0): string {
      return e.cstring(addr(ptr) + BigInt(offset));
    },
    readPointer(ptr: Pointer, offset = 0): Pointer {
      return asPointer(e.pointerAt(addr(ptr) + BigInt(offset)));
    },
    readI32(ptr: Pointer, offset = 0): number {
      return e.i32At(addr(ptr) + BigInt(offset));
    },
  };
}

function tryKoffi(): Engine | null {
  // Missing when not installed, or when no prebuilt binary fits this platform.
  const k = load<Koffi & { default?: Koffi }>("koffi");
  if (k === null) return null;
  return koffiEngine(typeof k.load === "function" ? k : k.default!);
}

function tryNodeFfi(): Engine | null {
  // Missing before Node 26.1, in builds without FFI, and under --no-experimental-ffi.
  const f = load<NodeFfi>("node:ffi");
  return f !== null && typeof f.DynamicLibrary === "function" ? nodeFfiEngine(f) : null;
}

/**
 * The Node adapter over the first engine that loads (koffi, then `node:ffi`), or `null` when neither does.
 * `TSUTIL_NODE_FFI` (`koffi`, `node:ffi` or `none`) restricts the choice.
 */
export function loadNodeAdapter(): (FfiAdapter & { readonly engine: NodeFfiEngineName }) | null {
  const proc = nodeProcess();
  if (proc === undefined) return null;
  const want = proc.env.TSUTIL_NODE_FFI;
  if (want === "none") return null;
  const any = want === undefined || want === "";
  const engine = (any || want === "koffi" ? tryKoffi() : null) ?? (any || want === "node:ffi" ? tryNodeFfi() : null);
  return engine === null ? null : adapterOver(engine);
}

/**
 * The Bun adapter: the only file that loads `bun:ffi`. It is loaded with `import.meta.require`, so Deno's type
 * checker and Node never resolve `bun:ffi`.
 *
 * @module
 */
import type { FfiAdapter, NativeLibrary } from "./backend.ts";
import { settled } from "./_settled.ts";
import type { ArgToken, BufferArg, Pointer, ResultToken, SymbolTable } from "./types.ts";

/** The part of `bun:ffi` this adapter uses (typed here so no Bun type package is needed). */
interface BunFfi {
  dlopen(path: string, symbols: Record<string, { args: string[]; returns: string }>): {
    symbols: Record<string, (...a: unknown[]) => unknown>;
  };
  ptr(buf: ArrayBufferView): number;
  toArrayBuffer(ptr: number, byteOffset?: number, byteLength?: number): ArrayBuffer;
  read: {
    i32(ptr: number, off: number): number;
    ptr(ptr: number, off: number): number;
    u8(ptr: number, off: number): number;
  };
}

/** Neutral token → `bun:ffi` type name. Frozen; every token must appear (tested). */
export const BUN_TYPES: Readonly<Record<ArgToken | ResultToken, string>> = Object.freeze({
  i8: "i8",
  u8: "u8",
  i16: "i16",
  u16: "u16",
  i32: "i32",
  u32: "u32",
  i64: "i64_fast",
  u64: "u64_fast",
  isize: "i64_fast",
  usize: "u64_fast",
  f32: "f32",
  f64: "f64",
  pointer: "ptr",
  buffer: "ptr",
  void: "void",
  cstring: "ptr",
});

const WIDE = new Set<string>(["i64", "u64", "isize", "usize"]);
let ffi: BunFfi | undefined;
function bun(): BunFfi {
  if (ffi === undefined) {
    const req = (import.meta as unknown as { require(id: string): unknown }).require;
    ffi = req("bun:ffi") as BunFfi;
  }
  return ffi;
}

const decoder = new TextDecoder();
function num(p: Pointer): number {
  return (p as unknown as number | null) ?? 0;
}
function asPointer(n: unknown): Pointer {
  return (n === 0 || n === null || n === undefined ? null : n) as unknown as Pointer;
}

function wrap(fn: (...a: unknown[]) => unknown, returns: ResultToken): unknown {
  if (WIDE.has(returns)) return (...a: unknown[]) => Number(fn(...a) as number | bigint);
  if (returns === "pointer") return (...a: unknown[]) => asPointer(fn(...a));
  if (returns === "cstring") {
    return (...a: unknown[]) => {
      const p = fn(...a) as number | null;
      return p ? bunAdapter.readCString(p as unknown as Pointer) : null;
    };
  }
  return fn;
}

/** The adapter for Bun. */
export const bunAdapter: FfiAdapter = {
  runtime: "bun",
  offThread: false,
  open<T extends SymbolTable>(path: string, table: T): NativeLibrary<T> {
    const required: Record<string, { args: string[]; returns: string }> = {};
    const optional: [string, { args: string[]; returns: string }][] = [];
    for (const [name, def] of Object.entries(table)) {
      const args = def.args.map((a) => {
        const t = BUN_TYPES[a];
        if (t === undefined || t === "void") throw new TypeError(`Unknown FFI argument type "${a}" for ${name}`);
        return t;
      });
      const returns = BUN_TYPES[def.returns];
      if (returns === undefined) throw new TypeError(`Unknown FFI result type "${def.returns}" for ${name}`);
      if (def.optional) optional.push([name, { args, returns }]);
      else required[name] = { args, returns };
    }
    // bun:ffi refuses an empty table, so a table of optional symbols only skips the combined open.
    const lib = Object.keys(required).length > 0 ? bun().dlopen(path, required) : { symbols: {} };
    const raw: Record<string, ((...a: unknown[]) => unknown) | null> = { ...lib.symbols };
    for (const [name, def] of optional) {
      // Bun fails a whole dlopen on one missing symbol: open optional ones one at a time.
      try {
        raw[name] = bun().dlopen(path, { [name]: def }).symbols[name];
      } catch {
        raw[name] = null;
      }
    }
    const symbols: Record<string, unknown> = {};
    for (const [name, def] of Object.entries(table)) {
      const f = raw[name];
      symbols[name] = f === null || f === undefined
        ? null
        : def.nonblocking
        ? settled(wrap(f, def.returns))
        : wrap(f, def.returns);
    }
    return { path, symbols: symbols as NativeLibrary<T>["symbols"] };
  },
  pointerOf(buf: BufferArg): Pointer {
    return asPointer(bun().ptr(buf));
  },
  pointerFrom(address: bigint): Pointer {
    return asPointer(Number(address));
  },
  addressOf(ptr: Pointer): bigint {
    return BigInt(num(ptr));
  },
  copyBytes(ptr: Pointer, length: number, offset = 0): Uint8Array {
    if (length === 0) return new Uint8Array(0);
    return new Uint8Array(bun().toArrayBuffer(num(ptr), offset, length).slice(0));
  },
  readCString(ptr: Pointer, offset = 0): string {
    const r = bun().read;
    const base = num(ptr);
    let n = 0;
    while (r.u8(base, offset + n) !== 0) n++;
    if (n === 0) return "";
    return decoder.decode(new Uint8Array(bun().toArrayBuffer(base, offset, n)));
  },
  readPointer(ptr: Pointer, offset = 0): Pointer {
    return asPointer(bun().read.ptr(num(ptr), offset));
  },
  readI32(ptr: Pointer, offset = 0): number {
    return bun().read.i32(num(ptr), offset);
  },
};

/**
 * The Deno adapter: the only file that touches `Deno.dlopen` and `Deno.UnsafePointer*`.
 *
 * @module
 */
import type { FfiAdapter, NativeLibrary } from "./backend.ts";
import type { ArgToken, BufferArg, Pointer, ResultToken, SymbolTable } from "./types.ts";
import { MissingPermissionError } from "../src/errors.ts";

/** Neutral token → Deno native type. Frozen; every token must appear (tested). */
export const DENO_TYPES: Readonly<Record<ArgToken | ResultToken, Deno.NativeType | "void">> = Object.freeze({
  i8: "i8",
  u8: "u8",
  i16: "i16",
  u16: "u16",
  i32: "i32",
  u32: "u32",
  i64: "i64",
  u64: "u64",
  isize: "isize",
  usize: "usize",
  f32: "f32",
  f64: "f64",
  pointer: "pointer",
  buffer: "buffer",
  void: "void",
  cstring: "pointer",
});

const WIDE = new Set<string>(["i64", "u64", "isize", "usize"]);

function isPermissionError(e: unknown): boolean {
  const errs = Deno.errors as unknown as Record<string, unknown>;
  for (const k of ["NotCapable", "PermissionDenied"]) {
    const C = errs[k];
    if (typeof C === "function" && e instanceof (C as new () => Error)) return true;
  }
  return false;
}

function translate(table: SymbolTable): Record<string, Deno.ForeignFunction> {
  const out: Record<string, Deno.ForeignFunction> = {};
  for (const [name, def] of Object.entries(table)) {
    const parameters = def.args.map((a) => {
      const t = DENO_TYPES[a];
      if (t === undefined || t === "void") throw new TypeError(`Unknown FFI argument type "${a}" for ${name}`);
      return t as Deno.NativeType;
    });
    const result = DENO_TYPES[def.returns];
    if (result === undefined) throw new TypeError(`Unknown FFI result type "${def.returns}" for ${name}`);
    out[name] = {
      parameters,
      result: result as Deno.NativeResultType,
      optional: def.optional ?? false,
      nonblocking: def.nonblocking ?? false,
    };
  }
  return out;
}

function convert(returns: ResultToken): ((r: unknown) => unknown) | null {
  if (WIDE.has(returns)) return (r) => Number(r as number | bigint);
  if (returns === "cstring") {
    return (r) => r === null ? null : Deno.UnsafePointerView.getCString(r as Deno.PointerObject);
  }
  return null;
}

/**
 * A 64-bit argument as Deno's fast call path takes it: a bigint (a number sends the call down the slow path). A
 * number that is not an integer is left for Deno to refuse as before.
 */
function big(v: unknown): unknown {
  return typeof v === "number" && Number.isInteger(v) ? BigInt(v) : v;
}

type Native = (...a: unknown[]) => unknown;

/**
 * `post(fn(...))` with the arguments whose bit is set in `m` turned into bigints, written out per arity: a
 * rest-parameter wrapper costs more than the conversion saves (measured on pread: 2.3 µs through a rest wrapper
 * with numbers, 1.5 µs so).
 */
function fixedArity(fn: Native, m: number, arity: number, post: (r: unknown) => unknown): Native {
  const w = (i: number, v: unknown): unknown => ((m >> i) & 1 ? big(v) : v);
  switch (arity) {
    case 0:
      return () => post(fn());
    case 1:
      return (a) => post(fn(w(0, a)));
    case 2:
      return (a, b) => post(fn(w(0, a), w(1, b)));
    case 3:
      return (a, b, c) => post(fn(w(0, a), w(1, b), w(2, c)));
    case 4:
      return (a, b, c, d) => post(fn(w(0, a), w(1, b), w(2, c), w(3, d)));
    case 5:
      return (a, b, c, d, e) => post(fn(w(0, a), w(1, b), w(2, c), w(3, d), w(4, e)));
    case 6:
      return (a, b, c, d, e, f) => post(fn(w(0, a), w(1, b), w(2, c), w(3, d), w(4, e), w(5, f)));
    case 7:
      return (a, b, c, d, e, f, g) => post(fn(w(0, a), w(1, b), w(2, c), w(3, d), w(4, e), w(5, f), w(6, g)));
    case 8:
      return (a, b, c, d, e, f, g, h) =>
        post(fn(w(0, a), w(1, b), w(2, c), w(3, d), w(4, e), w(5, f), w(6, g), w(7, h)));
    default:
      return (...a) => post(fn(...a.map((v, i) => w(i, v))));
  }
}

/**
 * The callable for one symbol: 64-bit integer arguments given as numbers are passed as bigints (Deno's fast call
 * path takes them only so), and 64-bit results come back as numbers (a nonblocking symbol's once its Promise
 * settles).
 */
function wrap(fn: Native, args: readonly string[], returns: ResultToken, nonblocking: boolean): unknown {
  const c = convert(returns);
  let m = 0;
  args.forEach((a, i) => {
    if (WIDE.has(a)) m |= 1 << i;
  });
  if (m === 0 && c === null) return fn;
  const post = c === null ? (r: unknown) => r : nonblocking ? (r: unknown) => (r as Promise<unknown>).then(c) : c;
  return fixedArity(fn, m, args.length, post);
}

const decoder = new TextDecoder();

/** `readI32`'s view of the pointer it read last. */
let i32View: { ptr: Pointer; view: Deno.UnsafePointerView } | undefined;

/** The adapter for Deno. */
export const denoAdapter: FfiAdapter = {
  runtime: "deno",
  offThread: true,
  open<T extends SymbolTable>(path: string, table: T): NativeLibrary<T> {
    let lib: Deno.DynamicLibrary<Record<string, Deno.ForeignFunction>>;
    const denoTable = translate(table);
    try {
      lib = Deno.dlopen(path, denoTable);
    } catch (e) {
      if (isPermissionError(e)) throw new MissingPermissionError("--allow-ffi", `open ${path}`, e);
      throw e;
    }
    const symbols: Record<string, unknown> = {};
    for (const [name, def] of Object.entries(table)) {
      const f = (lib.symbols as Record<string, unknown>)[name];
      symbols[name] = f === null || f === undefined
        ? null
        : wrap(f as (...a: unknown[]) => unknown, def.args, def.returns, def.nonblocking ?? false);
    }
    return { path, symbols: symbols as NativeLibrary<T>["symbols"] };
  },
  pointerOf(buf: BufferArg): Pointer {
    return Deno.UnsafePointer.of(buf as unknown as BufferSource) as unknown as Pointer;
  },
  pointerFrom(address: bigint): Pointer {
    return (address === 0n ? null : Deno.UnsafePointer.create(address)) as unknown as Pointer;
  },
  addressOf(ptr: Pointer): bigint {
    return ptr === null ? 0n : BigInt(Deno.UnsafePointer.value(ptr as unknown as Deno.PointerValue));
  },
  copyBytes(ptr: Pointer, length: number, offset = 0): Uint8Array {
    const out = new Uint8Array(length);
    if (length > 0) new Deno.UnsafePointerView(ptr as unknown as Deno.PointerObject).copyInto(out, offset);
    return out;
  },
  readCString(ptr: Pointer, offset = 0): string {
    const view = new Deno.UnsafePointerView(ptr as unknown as Deno.PointerObject);
    let n = 0;
    while (view.getUint8(offset + n) !== 0) n++;
    const bytes = new Uint8Array(n);
    if (n > 0) view.copyInto(bytes, offset);
    return decoder.decode(bytes);
  },
  readPointer(ptr: Pointer, offset = 0): Pointer {
    return new Deno.UnsafePointerView(ptr as unknown as Deno.PointerObject).getPointer(offset) as unknown as Pointer;
  },
  readI32(ptr: Pointer, offset = 0): number {
    // The view of the last pointer read is kept: errno is read this way right after a failed call, and allocating
    // a view then could start a garbage collection whose own system calls (futex) overwrite errno first.
    if (i32View === undefined || i32View.ptr !== ptr) {
      i32View = { ptr, view: new Deno.UnsafePointerView(ptr as unknown as Deno.PointerObject) };
    }
    return i32View.view.getInt32(offset);
  },
};

/**
 * The neutral C type vocabulary shared by every runtime adapter.
 *
 * A symbol table is declared once with these tokens (`as const satisfies SymbolTable`) and translated by
 * `ffi/deno.ts` or `ffi/bun.ts`; no backend ever sees a runtime's own FFI types.
 *
 * @module
 */

/** Scalar tokens usable as arguments and results. 64-bit integers come back as `number` (see {@linkcode Int64Result}). */
export const SCALAR_TOKENS = [
  "i8",
  "u8",
  "i16",
  "u16",
  "i32",
  "u32",
  "i64",
  "u64",
  "isize",
  "usize",
  "f32",
  "f64",
] as const;

/** A scalar C type token. */
export type ScalarToken = typeof SCALAR_TOKENS[number];

/** Every token an argument may use: scalars, an opaque `pointer`, or a caller-owned `buffer` (a typed array). */
export const ARG_TOKENS = [...SCALAR_TOKENS, "pointer", "buffer"] as const;
/** An argument token. */
export type ArgToken = typeof ARG_TOKENS[number];

/** Every token a result may use: scalars, `pointer`, `void`, or `cstring` (a `char *` decoded to a string or `null`). */
export const RESULT_TOKENS = [...SCALAR_TOKENS, "pointer", "void", "cstring"] as const;
/** A result token. */
export type ResultToken = typeof RESULT_TOKENS[number];

/** One C function: argument tokens in order, the result token, and whether the library may lack it. */
export interface SymbolDef {
  readonly args: readonly ArgToken[];
  readonly returns: ResultToken;
  /** When true, a library without this symbol still opens; the symbol is then `null`. */
  readonly optional?: boolean;
  /**
   * When true, the function returns a Promise and, where the runtime can (Deno), runs on a worker thread so a
   * blocking call (`poll`) does not freeze the event loop. Where it cannot (Bun), it runs on the calling thread and
   * the Promise is already settled: see `FfiAdapter.offThread`. errno is not readable after such a call.
   */
  readonly nonblocking?: boolean;
}

/** A library's functions, keyed by their C names. */
export type SymbolTable = Readonly<Record<string, SymbolDef>>;

/** An opaque native pointer; `null` is the C `NULL`. Backends never look inside. */
export type Pointer = { readonly __tsutilPointer: unique symbol } | null;

/** A caller-owned memory region passed where C expects a pointer to writable bytes. */
export type BufferArg =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | BigUint64Array
  | BigInt64Array
  | Float64Array;

/** The JavaScript type a 64-bit integer result arrives as: a number (exact up to 2^53). */
export type Int64Result = number;

type ArgValue<T extends ArgToken> = T extends "pointer" ? Pointer
  : T extends "buffer" ? BufferArg | null
  : T extends "i64" | "u64" | "isize" | "usize" ? number | bigint
  : number;

type ResultValue<T extends ResultToken> = T extends "pointer" ? Pointer
  : T extends "void" ? void
  : T extends "cstring" ? string | null
  : number;

type ArgValues<A extends readonly ArgToken[]> = { [K in keyof A]: A[K] extends ArgToken ? ArgValue<A[K]> : never };

/** The callable a symbol definition becomes once its library is opened (a Promise for `nonblocking` ones). */
export type NativeFunction<D extends SymbolDef> = (
  ...args: ArgValues<D["args"]>
) => D["nonblocking"] extends true ? Promise<ResultValue<D["returns"]>> : ResultValue<D["returns"]>;

/** The opened functions of a table: optional symbols may be `null`. */
export type NativeSymbols<T extends SymbolTable> = {
  readonly [K in keyof T]: T[K]["optional"] extends true ? NativeFunction<T[K]> | null : NativeFunction<T[K]>;
};

/** Where to look for one shared library: candidate paths or names tried in order, and an env override. */
export interface LibrarySpec {
  /** Short name used in messages, e.g. `"libc"`. */
  readonly name: string;
  /** File names or absolute paths tried in order. */
  readonly candidates: readonly string[];
  /** Environment variable that, when set, is tried first (e.g. `TSUTIL_LIBC`). */
  readonly envOverride?: string;
}

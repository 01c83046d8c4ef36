// The pieces of the `Deno` namespace that tsutil's sources name (ffi/deno.ts, ffi/mod.ts), declared for the npm
// build's TypeScript compiler, which has Node's types but not Deno's. Only types: nothing here exists at run time,
// and the emitted code reaches `Deno` only when ffi/mod.ts found Deno. Shapes follow lib.deno.ns.d.ts (Deno 2).
// Used by scripts/internal/build_npm.ts only; `deno check` never sees it (deno.json excludes it).

declare namespace Deno {
  type NativeNumberType = "u8" | "i8" | "u16" | "i16" | "u32" | "i32" | "f32" | "f64";
  type NativeBigIntType = "u64" | "i64" | "usize" | "isize";
  type NativeType = NativeNumberType | NativeBigIntType | "bool" | "pointer" | "buffer" | "function" | {
    struct: readonly NativeType[];
  };
  type NativeResultType = NativeType | "void";

  interface ForeignFunction {
    name?: string;
    parameters: readonly NativeType[];
    result: NativeResultType;
    nonblocking?: boolean;
    optional?: boolean;
  }
  interface ForeignStatic {
    name?: string;
    type: Exclude<NativeType, "function">;
    optional?: boolean;
  }
  type ForeignLibraryInterface = Record<string, ForeignFunction | ForeignStatic>;

  type PointerObject<T = unknown> = { [brand: symbol]: T };
  type PointerValue<T = unknown> = null | PointerObject<T>;

  interface DynamicLibrary<S extends ForeignLibraryInterface> {
    symbols: { [K in keyof S]: unknown };
    close(): void;
  }
  function dlopen<const S extends ForeignLibraryInterface>(filename: string | URL, symbols: S): DynamicLibrary<S>;

  class UnsafePointer {
    static create(value: bigint | number): PointerValue;
    static equals(a: PointerValue, b: PointerValue): boolean;
    static of(value: BufferSource | Deno.UnsafeCallback): PointerValue;
    static offset(value: PointerObject, offset: number): PointerValue;
    static value(value: PointerValue): bigint | number;
  }

  class UnsafeCallback {
    readonly pointer: PointerObject;
    close(): void;
  }

  class UnsafePointerView {
    constructor(pointer: PointerObject);
    pointer: PointerObject;
    getBool(offset?: number): boolean;
    getUint8(offset?: number): number;
    getInt8(offset?: number): number;
    getUint16(offset?: number): number;
    getInt16(offset?: number): number;
    getUint32(offset?: number): number;
    getInt32(offset?: number): number;
    getBigUint64(offset?: number): bigint;
    getBigInt64(offset?: number): bigint;
    getFloat32(offset?: number): number;
    getFloat64(offset?: number): number;
    getPointer(offset?: number): PointerValue;
    getCString(offset?: number): string;
    static getCString(pointer: PointerObject, offset?: number): string;
    getArrayBuffer(byteLength: number, offset?: number): ArrayBuffer;
    static getArrayBuffer(pointer: PointerObject, byteLength: number, offset?: number): ArrayBuffer;
    copyInto(destination: BufferSource, offset?: number): void;
    static copyInto(pointer: PointerObject, destination: BufferSource, offset?: number): void;
  }

  const permissions: {
    querySync(desc: { name: string; variable?: string }): { state: "granted" | "denied" | "prompt" };
  };
  const env: {
    get(key: string): string | undefined;
    toObject(): Record<string, string>;
  };
  const errors: {
    NotFound: ErrorConstructor;
    PermissionDenied: ErrorConstructor;
    NotCapable: ErrorConstructor;
  };
  const build: { os: string; arch: string };
  const pid: number;
  const args: string[];
}

/**
 * The struct codec: a C struct is declared once as ordered `[name, type]` fields; its layout (offsets, alignment,
 * trailing padding, size) is computed for an ABI, and values are decoded from / encoded into a `DataView` over a
 * buffer the caller owns. Runtime-neutral: it touches no FFI, so layouts of every OS are testable anywhere.
 *
 * @example Lay out and decode `struct timespec`
 * ```ts
 * import { decode, sizeOf, struct } from "./struct.ts";
 * const timespec = struct("timespec", [["tv_sec", "long"], ["tv_nsec", "long"]]);
 * const buf = new Uint8Array(sizeOf(timespec, "lp64"));
 * new DataView(buf.buffer).setBigInt64(0, 5n, true);
 * if (decode(timespec, new DataView(buf.buffer), 0, "lp64").tv_sec !== 5) throw new Error();
 * ```
 *
 * @module
 */

/** Data model: LP64 (Linux, macOS, BSD on 64-bit) or LLP64 (64-bit Windows, where `long` is 32 bits). */
export type Abi = "lp64" | "llp64";

/** Scalar field types. `long`/`ulong` follow the ABI; `pointer` decodes to a `bigint` address. */
export type ScalarType =
  | "i8"
  | "u8"
  | "char"
  | "i16"
  | "u16"
  | "i32"
  | "u32"
  | "i64"
  | "u64"
  | "f32"
  | "f64"
  | "long"
  | "ulong"
  | "size_t"
  | "ssize_t"
  | "pointer";

/** A fixed-length array field. Arrays of `char`/`u8`/`i8` decode to a `Uint8Array` copy. */
export interface ArrayType {
  readonly kind: "array";
  readonly of: FieldType;
  readonly length: number;
}

/** A struct descriptor: a name (for messages and tests) and ordered fields. */
export interface StructDef<F extends readonly Field[] = readonly Field[]> {
  readonly kind: "struct";
  readonly name: string;
  readonly fields: F;
  /** Forced alignment (e.g. `#pragma pack` or `__attribute__((aligned))`), when the C declaration sets one. */
  readonly packed?: number;
}

/** Any field type. */
export type FieldType = ScalarType | ArrayType | StructDef;
/** One field: its C name and its type. */
export type Field = readonly [string, FieldType];

/** Builds a struct descriptor from ordered fields. `packed` caps every field's alignment (as `#pragma pack(n)`). */
export function struct<const F extends readonly Field[]>(name: string, fields: F, packed?: number): StructDef<F> {
  return { kind: "struct", name, fields, packed };
}

/** Builds a fixed-length array type. */
export function array<const T extends FieldType>(of: T, length: number): { kind: "array"; of: T; length: number } {
  return { kind: "array", of, length };
}

/** The decoded JavaScript value of a field type. */
export type ValueOf<T> = T extends "pointer" ? bigint
  : T extends ScalarType ? number
  : T extends { kind: "array"; of: "char" | "u8" | "i8" } ? Uint8Array
  : T extends { kind: "array"; of: infer E } ? ValueOf<E>[]
  : T extends StructDef<infer F> ? Decoded<F>
  : never;

/** The decoded object of a struct's fields. */
export type Decoded<F extends readonly Field[]> = { -readonly [K in F[number] as K[0]]: ValueOf<K[1]> };

/** The decoded object type of a struct descriptor. */
export type StructValue<S> = S extends StructDef<infer F> ? Decoded<F> : never;

const FIXED: Record<string, number> = {
  i8: 1,
  u8: 1,
  char: 1,
  i16: 2,
  u16: 2,
  i32: 4,
  u32: 4,
  i64: 8,
  u64: 8,
  f32: 4,
  f64: 8,
  size_t: 8,
  ssize_t: 8,
  pointer: 8,
};

function scalarSize(t: ScalarType, abi: Abi): number {
  if (t === "long" || t === "ulong") return abi === "lp64" ? 8 : 4;
  return FIXED[t];
}

/** One field's computed placement. */
export interface FieldLayout {
  readonly name: string;
  readonly offset: number;
  readonly size: number;
  readonly type: FieldType;
}

/** A struct's computed layout. */
export interface Layout {
  readonly size: number;
  readonly align: number;
  readonly fields: readonly FieldLayout[];
  readonly byName: ReadonlyMap<string, FieldLayout>;
}

const cache: Record<Abi, WeakMap<StructDef, Layout>> = { lp64: new WeakMap(), llp64: new WeakMap() };

function sizeAlign(t: FieldType, abi: Abi): [number, number] {
  if (typeof t === "string") {
    const s = scalarSize(t, abi);
    return [s, s];
  }
  if (t.kind === "array") {
    const [s, a] = sizeAlign(t.of, abi);
    return [s * t.length, a];
  }
  const l = layout(t, abi);
  return [l.size, l.align];
}

/** Computes (and caches) the layout of `def` for `abi`: offsets with natural alignment and trailing padding. */
export function layout(def: StructDef, abi: Abi): Layout {
  const hit = cache[abi].get(def);
  if (hit) return hit;
  let offset = 0;
  let align = 1;
  const fields: FieldLayout[] = [];
  for (const [name, type] of def.fields) {
    const [size, a0] = sizeAlign(type, abi);
    const a = def.packed ? Math.min(a0, def.packed) : a0;
    offset = Math.ceil(offset / a) * a;
    fields.push({ name, offset, size, type });
    offset += size;
    align = Math.max(align, a);
  }
  const size = Math.ceil(offset / align) * align;
  const result: Layout = { size, align, fields, byName: new Map(fields.map((f) => [f.name, f])) };
  cache[abi].set(def, result);
  return result;
}

/** The size in bytes of `def` under `abi` (C's `sizeof`). */
export function sizeOf(def: StructDef, abi: Abi): number {
  return layout(def, abi).size;
}

/** The offset in bytes of field `name` in `def` under `abi` (C's `offsetof`). */
export function offsetOf(def: StructDef, name: string, abi: Abi): number {
  const f = layout(def, abi).byName.get(name);
  if (!f) throw new RangeError(`struct ${def.name} has no field "${name}"`);
  return f.offset;
}

function readScalar(t: ScalarType, v: DataView, o: number, abi: Abi): number | bigint {
  switch (t) {
    case "i8":
      return v.getInt8(o);
    case "u8":
    case "char":
      return v.getUint8(o);
    case "i16":
      return v.getInt16(o, true);
    case "u16":
      return v.getUint16(o, true);
    case "i32":
      return v.getInt32(o, true);
    case "u32":
      return v.getUint32(o, true);
    case "f32":
      return v.getFloat32(o, true);
    case "f64":
      return v.getFloat64(o, true);
    case "pointer":
      return v.getBigUint64(o, true);
    case "long":
      return abi === "lp64" ? Number(v.getBigInt64(o, true)) : v.getInt32(o, true);
    case "ulong":
      return abi === "lp64" ? Number(v.getBigUint64(o, true)) : v.getUint32(o, true);
    case "i64":
    case "ssize_t":
      return Number(v.getBigInt64(o, true));
    case "u64":
    case "size_t":
      return Number(v.getBigUint64(o, true));
  }
}

function writeScalar(t: ScalarType, v: DataView, o: number, abi: Abi, x: number | bigint): void {
  const n = typeof x === "bigint" ? x : BigInt(Math.trunc(x));
  switch (t) {
    case "i8":
      return v.setInt8(o, Number(x));
    case "u8":
    case "char":
      return v.setUint8(o, Number(x));
    case "i16":
      return v.setInt16(o, Number(x), true);
    case "u16":
      return v.setUint16(o, Number(x), true);
    case "i32":
      return v.setInt32(o, Number(x), true);
    case "u32":
      return v.setUint32(o, Number(x), true);
    case "f32":
      return v.setFloat32(o, Number(x), true);
    case "f64":
      return v.setFloat64(o, Number(x), true);
    case "long":
      return abi === "lp64" ? v.setBigInt64(o, n, true) : v.setInt32(o, Number(x), true);
    case "ulong":
      return abi === "lp64" ? v.setBigUint64(o, BigInt.asUintN(64, n), true) : v.setUint32(o, Number(x), true);
    case "i64":
    case "ssize_t":
      return v.setBigInt64(o, n, true);
    case "u64":
    case "size_t":
    case "pointer":
      return v.setBigUint64(o, BigInt.asUintN(64, n), true);
  }
}

function readField(t: FieldType, v: DataView, o: number, abi: Abi): unknown {
  if (typeof t === "string") return readScalar(t, v, o, abi);
  if (t.kind === "struct") return decode(t, v, o, abi);
  if (t.of === "char" || t.of === "u8" || t.of === "i8") {
    return new Uint8Array(v.buffer.slice(v.byteOffset + o, v.byteOffset + o + t.length));
  }
  const [step] = sizeAlign(t.of, abi);
  const out: unknown[] = new Array(t.length);
  for (let i = 0; i < t.length; i++) out[i] = readField(t.of, v, o + i * step, abi);
  return out;
}

function writeField(t: FieldType, v: DataView, o: number, abi: Abi, x: unknown): void {
  if (x === undefined) return;
  if (typeof t === "string") return writeScalar(t, v, o, abi, x as number | bigint);
  if (t.kind === "struct") return encode(t, x as Record<string, unknown>, v, o, abi);
  const [step] = sizeAlign(t.of, abi);
  const items = x as ArrayLike<unknown>;
  const n = Math.min(items.length, t.length);
  for (let i = 0; i < n; i++) writeField(t.of, v, o + i * step, abi, items[i]);
}

/** Decodes a `def` struct found at `view`'s byte `offset`. Throws `RangeError` if the view is too short. */
export function decode<F extends readonly Field[]>(
  def: StructDef<F>,
  view: DataView,
  offset: number,
  abi: Abi,
): Decoded<F> {
  const l = layout(def, abi);
  if (offset < 0 || offset + l.size > view.byteLength) {
    throw new RangeError(`struct ${def.name} needs ${l.size} bytes at offset ${offset}, buffer has ${view.byteLength}`);
  }
  const out: Record<string, unknown> = {};
  for (const f of l.fields) out[f.name] = readField(f.type, view, offset + f.offset, abi);
  return out as Decoded<F>;
}

/** Encodes `value` (fields may be omitted: they are left as they are) into `view` at `offset`. */
export function encode<F extends readonly Field[]>(
  def: StructDef<F>,
  value: Partial<Decoded<F>> | Record<string, unknown>,
  view: DataView,
  offset: number,
  abi: Abi,
): void {
  const l = layout(def, abi);
  if (offset < 0 || offset + l.size > view.byteLength) {
    throw new RangeError(`struct ${def.name} needs ${l.size} bytes at offset ${offset}, buffer has ${view.byteLength}`);
  }
  const rec = value as Record<string, unknown>;
  for (const f of l.fields) writeField(f.type, view, offset + f.offset, abi, rec[f.name]);
}

/** Reads one field of a struct without decoding the rest (hot paths). */
export function readFieldOf(def: StructDef, name: string, view: DataView, offset: number, abi: Abi): unknown {
  const f = layout(def, abi).byName.get(name);
  if (!f) throw new RangeError(`struct ${def.name} has no field "${name}"`);
  return readField(f.type, view, offset + f.offset, abi);
}

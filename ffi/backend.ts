/**
 * The adapter contract: what each runtime (`ffi/deno.ts`, `ffi/bun.ts`, `ffi/node.ts`) must provide.
 *
 * @module
 */
import type { BufferArg, NativeSymbols, Pointer, SymbolTable } from "./types.ts";

/** One opened shared library. */
export interface NativeLibrary<T extends SymbolTable> {
  /** The path or name it was opened from. */
  readonly path: string;
  /** The table's functions, callable with neutral values. */
  readonly symbols: NativeSymbols<T>;
}

/** A runtime's foreign function interface, behind neutral types. */
export interface FfiAdapter {
  /** Runtime name, for messages: `"deno"`, `"bun"`, `"node"`. */
  readonly runtime: string;
  /**
   * Whether symbols declared `nonblocking` really run on a worker thread (true on Deno). When false they run on the
   * calling thread and return a settled Promise, so a caller must not pass them a blocking timeout.
   */
  readonly offThread?: boolean;
  /** Opens `path` with `table`; throws if the library or a non-optional symbol is missing. */
  open<T extends SymbolTable>(path: string, table: T): NativeLibrary<T>;
  /** The address of a caller-owned buffer. The caller keeps the buffer alive while native code uses it. */
  pointerOf(buf: BufferArg): Pointer;
  /** A pointer from a raw address (as decoded from a struct field); `0n` gives `null`. */
  pointerFrom(address: bigint): Pointer;
  /** The raw address of a pointer; `null` gives `0n`. */
  addressOf(ptr: Pointer): bigint;
  /** Copies `length` bytes at `ptr + offset` into a new `Uint8Array`. */
  copyBytes(ptr: Pointer, length: number, offset?: number): Uint8Array;
  /** Reads the NUL-terminated UTF-8 string at `ptr + offset` (invalid bytes replaced). */
  readCString(ptr: Pointer, offset?: number): string;
  /** Reads a pointer-sized value at `ptr + offset`. */
  readPointer(ptr: Pointer, offset?: number): Pointer;
  /** Reads a signed 32-bit integer at `ptr + offset`. */
  readI32(ptr: Pointer, offset?: number): number;
  /**
   * errno as the runtime saved it right after its last foreign call on this thread, where it does (koffi). Reading
   * errno's memory afterwards can see a value some runtime work in between (a garbage collection's futex) left.
   */
  readonly savedErrno?: () => number;
}

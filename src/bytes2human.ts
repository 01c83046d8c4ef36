/**
 * `bytes2human()`: a byte count as a short human string (psutil 8.0 exports it publicly; earlier versions kept it
 * in `psutil._common`).
 *
 * @module
 */

const SYMBOLS = ["B", "K", "M", "G", "T", "P", "E", "Z", "Y"] as const;

/** Options for {@linkcode bytes2human}. */
export interface Bytes2HumanOptions {
  /** Digits after the decimal point. Default 1, as psutil's `"%(value).1f%(symbol)s"`. */
  decimals?: number;
  /** Text between the value and the symbol. Default `""` (`"9.8K"`); `" "` gives `"9.8 K"`. */
  separator?: string;
}

/**
 * Formats `n` bytes with binary multiples (1K = 1024) and the symbols B, K, M, G, T, P, E, Z, Y, as psutil's
 * `bytes2human` does: the largest symbol whose size `|n|` reaches, with one decimal by default. Values under 1K keep
 * the `B` symbol and the decimals (`500` → `"500.0B"`); negative values keep their sign.
 *
 * @param n A byte count (any finite number).
 * @param options Decimals and separator.
 * @returns The formatted string.
 * @throws {TypeError} when `n` is not a finite number.
 * @throws {RangeError} when `decimals` is not an integer between 0 and 20.
 * @see https://psutil.readthedocs.io/en/latest/#psutil.bytes2human
 * @example Format a few sizes
 * ```ts
 * import { bytes2human } from "../mod.ts";
 * if (bytes2human(10000) !== "9.8K") throw new Error();
 * if (bytes2human(100001221) !== "95.4M") throw new Error();
 * if (bytes2human(1024, { decimals: 0, separator: " " }) !== "1 K") throw new Error();
 * ```
 */
export function bytes2human(n: number, options: Bytes2HumanOptions = {}): string {
  if (typeof n !== "number" || !Number.isFinite(n)) {
    throw new TypeError(`bytes2human() expects a finite number of bytes, got ${String(n)}`);
  }
  const decimals = options.decimals ?? 1;
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 20) {
    throw new RangeError(`bytes2human() decimals must be an integer from 0 to 20, got ${decimals}`);
  }
  const sep = options.separator ?? "";
  for (let i = SYMBOLS.length - 1; i >= 1; i--) {
    const size = 2 ** (10 * i);
    if (Math.abs(n) >= size) return `${fixed(n / size, decimals)}${sep}${SYMBOLS[i]}`;
  }
  return `${fixed(n, decimals)}${sep}B`;
}

/** `x.toFixed(d)`, but exact ties round half to even, as Python's `%.1f` does (1280 bytes → "1.2K"). */
function fixed(x: number, d: number): string {
  const scaled = Math.abs(x) * 10 ** d;
  if (Number.isSafeInteger(scaled * 2) && !Number.isInteger(scaled)) {
    const down = Math.floor(scaled);
    const even = down % 2 === 0 ? down : down + 1;
    return (Math.sign(x) * even / 10 ** d).toFixed(d);
  }
  return x.toFixed(d);
}

/**
 * Percentages as psutil computes them: Python's `round(x, 1)` (half to even on the exact binary value) and
 * `usage_percent`.
 *
 * @module
 */

/**
 * Python's `round(x, 1)`: the decimal with one fractional digit nearest to the exact value of `x`, ties to even.
 * `Number.prototype.toFixed` breaks exact ties upwards instead; the only doubles that are exact ties at one digit
 * are odd multiples of 0.25, handled here.
 *
 * @example
 * ```ts
 * import { round1 } from "./_percent.ts";
 * if (round1(0.25) !== 0.2 || round1(0.75) !== 0.8 || round1(33.333) !== 33.3) throw new Error();
 * ```
 */
export function round1(x: number): number {
  if (!Number.isFinite(x)) return x;
  const quarters = x * 4; // exact: scaling by a power of two
  if (Number.isInteger(quarters) && quarters % 2 !== 0) {
    const lo = Math.floor(x * 10); // x * 10 is exactly lo + 0.5
    return (lo % 2 === 0 ? lo : lo + 1) / 10;
  }
  return Number(x.toFixed(1));
}

/**
 * psutil's `usage_percent(used, total, round_=1)`: `used / total * 100` rounded to one decimal, 0 when `total` is 0.
 *
 * @example
 * ```ts
 * import { usagePercent } from "./_percent.ts";
 * if (usagePercent(1, 3) !== 33.3 || usagePercent(5, 0) !== 0) throw new Error();
 * ```
 */
export function usagePercent(used: number, total: number): number {
  if (total === 0) return 0;
  return round1((used / total) * 100);
}

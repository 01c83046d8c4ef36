/**
 * Number parsing with Python's `int()` / `float()` acceptance rules, which decide what psutil takes from a kernel
 * file and what it rejects: surrounding whitespace is allowed, hex and empty strings are not.
 *
 * @module
 */

const INT = /^[+-]?\d+(?:_\d+)*$/;
const FLOAT = /^[+-]?(?:(?:\d+(?:_\d+)*)(?:\.(?:\d+(?:_\d+)*)?)?|\.\d+(?:_\d+)*)(?:[eE][+-]?\d+(?:_\d+)*)?$/;
const INFINITE = /^([+-]?)(inf|infinity)$/i;

/** Python's `int(s)` for a decimal string, or `null` where Python raises `ValueError`. */
export function pyInt(s: string): number | null {
  const t = s.trim();
  if (!INT.test(t)) return null;
  return Number(t.replaceAll("_", ""));
}

/** Python's `float(s)`, or `null` where Python raises `ValueError` (and for `nan`: tsutil never yields NaN). */
export function pyFloat(s: string): number | null {
  const t = s.trim();
  if (FLOAT.test(t)) return Number(t.replaceAll("_", ""));
  const m = INFINITE.exec(t);
  if (m === null) return null;
  return m[1] === "-" ? -Infinity : Infinity;
}

/**
 * Argument checks shared by the public functions: built-in errors for bad arguments (std's rule).
 *
 * @module
 */

/** Throws `TypeError` unless `pid` is an integer, `RangeError` if it is negative. */
export function checkPid(pid: unknown, what = "pid"): number {
  if (typeof pid !== "number" || !Number.isInteger(pid)) {
    throw new TypeError(`${what} must be an integer, got ${typeof pid === "number" ? pid : typeof pid}`);
  }
  if (pid < 0) throw new RangeError(`${what} must be a positive integer or 0, got ${pid}`);
  return pid;
}

/** Throws `TypeError` unless `s` is a non-empty string. */
export function checkPath(s: unknown, what = "path"): string {
  if (typeof s !== "string" || s === "") throw new TypeError(`${what} must be a non-empty string`);
  return s;
}

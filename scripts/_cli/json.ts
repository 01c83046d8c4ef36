/**
 * `--json` output: one JSON document on standard output, with `Map`s as objects.
 *
 * @module
 */

function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Map) return Object.fromEntries(value);
  if (typeof value === "bigint") return Number(value);
  return value;
}

/** `value` as indented JSON (Maps become objects, bigints numbers). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, replacer, 2);
}

/** Prints `value` as JSON. */
export function printJson(value: unknown): void {
  console.log(toJson(value));
}

/**
 * Counter wrap-around (psutil: `_common.wrap_numbers`): kernel counters that overflow and restart from zero keep
 * growing in tsutil's results, because the value seen before the drop is added to every later value. One cache per
 * function name, cleared with {@linkcode wrapCacheClear}.
 *
 * @module
 */

interface Entry {
  /** The raw values of the previous call, per key. */
  last: Map<string, readonly number[]>;
  /** What to add to each field of a key (psutil's `reminders`), only for keys that have wrapped. */
  reminders: Map<string, number[]>;
}

const caches = new Map<string, Entry>();

/**
 * Adjusts `input` (raw counters per key, e.g. per disk or NIC) for counters that wrapped since the previous call
 * made under `name`, and returns the adjusted copy. The first call for a name returns `input` as it is.
 *
 * A value smaller than the one seen on the previous call is taken as a wrap: the previous value is added to it and
 * to every later value of that field. A key that disappears loses its adjustments; a new key starts unadjusted.
 *
 * @example
 * ```ts
 * import { wrapCacheClear, wrapNumbers } from "./_wrap_numbers.ts";
 * wrapNumbers(new Map([["eth0", [100]]]), "demo");
 * const next = wrapNumbers(new Map([["eth0", [5]]]), "demo");
 * if (next.get("eth0")![0] !== 105) throw new Error();
 * wrapCacheClear("demo");
 * ```
 */
export function wrapNumbers(input: Map<string, readonly number[]>, name: string): Map<string, readonly number[]> {
  const entry = caches.get(name);
  if (entry === undefined) {
    caches.set(name, { last: input, reminders: new Map() });
    return input;
  }
  // Forget the adjustments of keys that are gone (a disk unplugged, a NIC removed).
  for (const key of entry.reminders.keys()) if (!input.has(key)) entry.reminders.delete(key);
  const out = new Map<string, readonly number[]>();
  for (const [key, values] of input) {
    const old = entry.last.get(key);
    if (old === undefined) {
      out.set(key, values);
      continue;
    }
    let rem = entry.reminders.get(key);
    for (let i = 0; i < values.length; i++) {
      if (values[i] < old[i]) {
        if (rem === undefined) entry.reminders.set(key, rem = new Array<number>(values.length).fill(0));
        rem[i] += old[i];
      }
    }
    out.set(key, rem === undefined ? values : values.map((v, i) => v + rem[i]));
  }
  entry.last = input;
  return out;
}

/**
 * Clears the wrap-around cache of function `name`, or every cache when `name` is omitted (psutil:
 * `wrap_numbers.cache_clear`).
 *
 * @example
 * ```ts
 * import { wrapCacheClear } from "./_wrap_numbers.ts";
 * wrapCacheClear();
 * ```
 */
export function wrapCacheClear(name?: string): void {
  if (name === undefined) caches.clear();
  else caches.delete(name);
}

/**
 * Whether a cache exists for `name` (psutil's `wrap_numbers.cache_info` reduced to what tests need).
 *
 * @example
 * ```ts
 * import { wrapCacheHas } from "./_wrap_numbers.ts";
 * if (wrapCacheHas("never-used")) throw new Error();
 * ```
 */
export function wrapCacheHas(name: string): boolean {
  return caches.has(name);
}

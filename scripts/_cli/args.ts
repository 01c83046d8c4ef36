/**
 * Argument parsing for the tools, on `node:util`'s `parseArgs` (present in Deno and Bun): typed flags, positionals,
 * `--help`, and one-line usage errors.
 *
 * @module
 */
import { parseArgs } from "node:util";

/** A wrong command line: the runner prints it on one line and exits with status 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Thrown by {@linkcode parse} for `-h`/`--help`: the runner prints `usage` and exits with status 0. */
export class HelpRequested extends Error {
  override name = "HelpRequested";
  /** The usage text to print. */
  readonly usage: string;
  /** Builds it from the usage text. */
  constructor(usage: string) {
    super("help requested");
    this.usage = usage;
  }
}

/** One option: a boolean flag, or a string/number taking a value. */
export interface OptionSpec {
  /** Kind of value. */
  type: "boolean" | "string" | "number";
  /** A one-letter alias. */
  short?: string;
}

/** What a tool accepts. */
export interface ArgSpec<O extends Record<string, OptionSpec>> {
  /** The usage text shown by `--help`. */
  usage: string;
  /** The options, by long name. */
  options: O;
  /** How many positionals are allowed: `[min, max]`. Default `[0, 0]`. */
  positionals?: [number, number];
}

/** The parsed value of each option (`undefined` when not given). */
export type ParsedOptions<O extends Record<string, OptionSpec>> = {
  [K in keyof O]: O[K]["type"] extends "boolean" ? boolean
    : O[K]["type"] extends "number" ? number | undefined
    : string | undefined;
};

/** Parsed options and positionals. */
export interface Parsed<O extends Record<string, OptionSpec>> {
  /** Option values. */
  opts: ParsedOptions<O>;
  /** Positional arguments. */
  args: string[];
}

/**
 * Parses `argv` against `spec`. Numbers must be finite; unknown options and wrong positional counts raise
 * {@linkcode UsageError}; `-h`/`--help` raises {@linkcode HelpRequested}.
 */
export function parse<O extends Record<string, OptionSpec>>(argv: string[], spec: ArgSpec<O>): Parsed<O> {
  const options: Record<string, { type: "boolean" | "string"; short?: string }> = {
    help: { type: "boolean", short: "h" },
  };
  for (const [name, o] of Object.entries(spec.options)) {
    options[name] = { type: o.type === "boolean" ? "boolean" : "string", ...(o.short ? { short: o.short } : {}) };
  }
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true }) as {
      values: Record<string, string | boolean | undefined>;
      positionals: string[];
    });
  } catch (e) {
    throw new UsageError((e as Error).message.split("\n")[0].replace(/\. To specify a positional.*$/, ""));
  }
  if (values.help) throw new HelpRequested(spec.usage);
  const opts: Record<string, unknown> = {};
  for (const [name, o] of Object.entries(spec.options)) {
    const v = values[name];
    if (o.type === "boolean") opts[name] = v === true;
    else if (o.type === "number") {
      if (v === undefined) opts[name] = undefined;
      else {
        const n = Number(v);
        if (v === "" || !Number.isFinite(n)) throw new UsageError(`option --${name} expects a number, got '${v}'`);
        opts[name] = n;
      }
    } else opts[name] = v;
  }
  const [min, max] = spec.positionals ?? [0, 0];
  if (positionals.length < min) throw new UsageError(`missing argument (usage: ${spec.usage.split("\n")[0]})`);
  if (positionals.length > max) throw new UsageError(`unexpected argument '${positionals[max]}'`);
  return { opts: opts as ParsedOptions<O>, args: positionals };
}

/** A positional that must be a pid: a non-negative integer. */
export function pidArg(text: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`'${text}' is not a pid (a non-negative integer)`);
  return Number(text);
}

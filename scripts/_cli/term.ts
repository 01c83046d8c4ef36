/**
 * The terminal the tools write to: whether it is one, its size, and whether colour is wanted.
 *
 * Everything goes through `node:process`, which Deno and Bun both provide, so no tool asks which runtime runs.
 *
 * @module
 */
import process from "node:process";

/**
 * An environment variable, or `undefined` when unset or when the runtime withholds it. Only `NO_COLOR` is read: Deno
 * grants it without `--allow-env`, and would ask (or refuse) for any other.
 */
export function env(name: "NO_COLOR"): string | undefined {
  try {
    return process.env[name];
  } catch {
    return undefined;
  }
}

/** Whether standard output is a terminal. */
export function stdoutIsTty(): boolean {
  return process.stdout.isTTY === true;
}

/** Whether standard input is a terminal (live tools read keys only then). */
export function stdinIsTty(): boolean {
  return process.stdin.isTTY === true;
}

/**
 * Whether to colour the output: only on a terminal and only when `NO_COLOR` is unset or empty
 * (https://no-color.org).
 */
export function colorWanted(): boolean {
  const noColor = env("NO_COLOR");
  return stdoutIsTty() && (noColor === undefined || noColor === "");
}

function positive(n: unknown): number | null {
  return typeof n === "number" && Number.isFinite(n) && n > 0 ? n : null;
}

/**
 * The width lines must fit in: the terminal's columns (80 when it does not say), or `null` (no limit) when output is
 * piped, so `tsutil ps | grep` sees whole command lines. (`COLUMNS` is not consulted: under Deno, reading it would
 * need `--allow-env`, or a permission prompt.)
 */
export function lineWidth(): number | null {
  return stdoutIsTty() ? positive(process.stdout.columns) ?? 80 : null;
}

/** The terminal's rows (24 when it does not say); `null` when output is not a terminal. */
export function screenHeight(): number | null {
  return stdoutIsTty() ? positive(process.stdout.rows) ?? 24 : null;
}

/** Writes `text` to standard output as is. */
export function write(text: string): void {
  process.stdout.write(text);
}

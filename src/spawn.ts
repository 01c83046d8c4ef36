/**
 * `spawn()` (psutil: `Popen`): starts a child through the runtime's own `node:child_process`, which Deno, Bun and
 * Node all provide, and returns a {@linkcode Popen}: a `Process` bound to the child (every `Process` method works,
 * signals pass the identity check) plus its pipes and its exit code.
 *
 * The runtime reaps the children it starts, so `Popen.wait()` takes the exit code from the runtime's exit event
 * rather than from `waitpid` (which would race the runtime and break it).
 *
 * @module
 */
import { type ChildProcess, spawn as nodeSpawn } from "node:child_process";
import { constants } from "node:os";
import type { Readable, Writable } from "node:stream";
import { Process } from "./process.ts";
import { TimeoutExpired, TsutilError } from "./errors.ts";

/** Where a standard stream of the child goes: a pipe to this process, this process's own stream, or nowhere. */
export type StdioMode = "pipe" | "inherit" | "ignore";

/** Options for {@linkcode spawn}. */
export interface SpawnOptions {
  /** Working directory of the child (default: this process's). */
  cwd?: string;
  /** The child's whole environment (default: this process's). */
  env?: Record<string, string>;
  /** Standard input (default `"inherit"`, as `subprocess.Popen`). */
  stdin?: StdioMode;
  /** Standard output (default `"inherit"`). */
  stdout?: StdioMode;
  /** Standard error (default `"inherit"`). */
  stderr?: StdioMode;
}

/** Options for {@linkcode Popen.wait} and {@linkcode Popen.communicate}. */
export interface PopenWaitOptions {
  /** Seconds to wait at most (`null`/absent: no limit); past it the Promise rejects with `TimeoutExpired`. */
  timeout?: number | null;
}

function exitCode(code: number | null, signal: string | null): number {
  if (code !== null) return code;
  const n = signal === null ? undefined : (constants.signals as Record<string, number>)[signal];
  return n === undefined ? -1 : -n;
}

function checkTimeout(timeout: number | null | undefined): number | null {
  if (timeout === null || timeout === undefined) return null;
  if (typeof timeout !== "number" || Number.isNaN(timeout)) {
    throw new TypeError(`timeout must be a number, got ${typeof timeout}`);
  }
  if (timeout < 0) throw new RangeError(`timeout must be positive or zero (got ${timeout})`);
  return timeout;
}

/**
 * A child started by {@linkcode spawn}: every `Process` method, plus `stdin`/`stdout`/`stderr` (node streams, when
 * piped), `returncode` and a `wait()` that resolves with the exit code (negative signal number when a signal ended
 * it, as psutil). `await using p = spawn(...)` closes the pipes and waits, like psutil's `with Popen(...)`.
 *
 * @example
 * ```ts
 * import { Popen, spawn } from "../mod.ts";
 * const p = spawn(["sh", "-c", "exit 7"]);
 * if (!(p instanceof Popen) || p.args[0] !== "sh") throw new Error();
 * if ((await p.wait()) !== 7 || p.returncode !== 7) throw new Error();
 * ```
 */
export class Popen extends Process {
  /** The command line it was started with. */
  readonly args: readonly string[];
  /** The child's standard input, when piped. */
  readonly stdin: Writable | null;
  /** The child's standard output, when piped. */
  readonly stdout: Readable | null;
  /** The child's standard error, when piped. */
  readonly stderr: Readable | null;
  /** The exit code once the child has ended and been waited for, else `null` (psutil: `returncode`). */
  returncode: number | null = null;
  readonly #exit: Promise<number>;

  /** Binds to a child the runtime has just started (use {@linkcode spawn}). */
  constructor(child: ChildProcess, args: readonly string[], exit: Promise<number>) {
    // Synchronously after the start: the runtime reaps only from its event loop, so the pid is still this child's.
    super(child.pid);
    this.args = args;
    this.stdin = child.stdin;
    this.stdout = child.stdout;
    this.stderr = child.stderr;
    this.#exit = exit.then((code) => this.returncode = code);
    this.#exit.catch(() => {}); // an "error" event after the start reaches whoever waits, not the global handler
  }

  /**
   * Waits for the child to end and resolves with its exit code (psutil: `Popen.wait`).
   *
   * @throws {RangeError} for a negative timeout. Rejects with {TimeoutExpired} after `timeout` seconds.
   */
  override async wait(options: PopenWaitOptions = {}): Promise<number> {
    const timeout = checkTimeout(options.timeout);
    if (this.returncode !== null) return this.returncode;
    if (timeout === null) return await this.#exit;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TimeoutExpired(timeout, { pid: this.pid })), timeout * 1000);
    });
    try {
      return await Promise.race([this.#exit, expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Writes `input` (if any) to the child's stdin and closes it, reads stdout and stderr to their end, waits for
   * the child, and resolves with `[stdout, stderr]` decoded as UTF-8 (`null` for a stream that is not piped)
   * (psutil delegates this to `subprocess.Popen.communicate`).
   *
   * @throws {TypeError} for input without a piped stdin. Rejects with {TimeoutExpired} after `timeout` seconds.
   */
  async communicate(
    input?: string | Uint8Array,
    options: PopenWaitOptions = {},
  ): Promise<[string | null, string | null]> {
    checkTimeout(options.timeout);
    if (input !== undefined && this.stdin === null) throw new TypeError('communicate(input) needs stdin: "pipe"');
    const collect = (s: Readable | null): Promise<string | null> => {
      if (s === null) return Promise.resolve(null);
      const chunks: Uint8Array[] = [];
      return new Promise((resolve, reject) => {
        s.on("data", (c: Uint8Array) => chunks.push(c));
        s.on("error", reject);
        s.on("close", () => resolve(new TextDecoder().decode(concat(chunks))));
      });
    };
    const out = collect(this.stdout);
    const err = collect(this.stderr);
    if (this.stdin !== null) {
      if (input !== undefined) this.stdin.write(input);
      this.stdin.end();
    }
    await this.wait(options);
    return [await out, await err];
  }

  /** Closes the pipes and waits for the child (psutil: `Popen.__exit__`). */
  async [Symbol.asyncDispose](): Promise<void> {
    this.stdout?.destroy();
    this.stderr?.destroy();
    this.stdin?.destroy();
    await this.wait();
  }
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Starts `argv` as a child process and returns it as a {@linkcode Popen} (psutil: `Popen`), whose `wait()` gives the
 * exit code and whose signals are sent to that very child (never to a later owner of its pid).
 *
 * Availability: Linux (wherever `Process` is).
 *
 * @tags allow-run, allow-ffi
 * @param argv The program and its arguments (the program is looked up in `PATH`).
 * @throws {TypeError} for an empty or non-string `argv`. {TsutilError} when the program cannot be started.
 * @example Capture the output of a child
 * ```ts
 * import { spawn } from "../mod.ts";
 * const p = spawn(["sh", "-c", "echo hi; exit 3"], { stdout: "pipe" });
 * const [out] = await p.communicate();
 * if (out !== "hi\n" || p.returncode !== 3) throw new Error();
 * ```
 */
export function spawn(argv: readonly string[], options: SpawnOptions = {}): Popen {
  if (!Array.isArray(argv) || argv.length === 0 || argv.some((a) => typeof a !== "string")) {
    throw new TypeError("argv must be a non-empty array of strings");
  }
  const child = nodeSpawn(argv[0], argv.slice(1), {
    cwd: options.cwd,
    env: options.env,
    stdio: [options.stdin ?? "inherit", options.stdout ?? "inherit", options.stderr ?? "inherit"],
  });
  let failure: Error | undefined;
  // Attached at once: the runtime emits "exit" (or "error") from its event loop, never before this returns.
  const exit = new Promise<number>((resolve, reject) => {
    child.once("exit", (code, signal) => resolve(exitCode(code, signal)));
    child.once("error", (e) => {
      failure = e;
      reject(e);
    });
  });
  if (child.pid === undefined) {
    exit.catch(() => {});
    throw new TsutilError(`Could not start "${argv[0]}" (not found, not executable, or out of resources)`, {
      cause: failure,
    });
  }
  return new Popen(child, [...argv], exit);
}

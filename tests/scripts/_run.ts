/**
 * Runs a tool of `scripts/` as a subprocess under the runtime running the tests (so `deno test` covers the tools
 * under Deno and `bun test` under Bun), with only the flags the tool documents.
 *
 * @module
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { RUNTIME } from "../../ffi/mod.ts";
import { Process } from "../../mod.ts";
import { ROOT } from "../_helpers.ts";

/** The runtime the tools run under: the test runner's own (Deno under Node, where no Bun FFI exists). */
export const TOOL_RUNTIME: "deno" | "bun" = RUNTIME === "bun" ? "bun" : "deno";

/** A finished run. */
export interface ToolRun {
  /** Exit status. */
  status: number | null;
  /** Standard output. */
  stdout: string;
  /** Standard error. */
  stderr: string;
}

/** The command line that runs `scripts/<file>` with `args` (Deno gets `flags`, `--allow-ffi` by default). */
export function toolCommand(
  file: string,
  args: string[],
  flags: string[] = ["--allow-ffi"],
  runtime: "deno" | "bun" = TOOL_RUNTIME,
): [string, string[]] {
  const script = join(ROOT, "scripts", file);
  if (runtime === "bun") return [join(ROOT, "node_modules", ".bin", "bun"), [script, ...args]];
  return [join(ROOT, "node_modules", ".bin", "deno"), ["run", "--no-prompt", ...flags, script, ...args]];
}

/** Runs `scripts/<file> args` to completion with `NO_COLOR=1` (output is a pipe: no width limit, no colour). */
export function runScript(
  file: string,
  args: string[] = [],
  opts: {
    flags?: string[];
    env?: Record<string, string | undefined>;
    timeoutMs?: number;
    runtime?: "deno" | "bun";
  } = {},
): ToolRun {
  const [cmd, argv] = toolCommand(file, args, opts.flags, opts.runtime);
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: "1", ...opts.env };
  const r = spawnSync(cmd, argv, { cwd: ROOT, env, encoding: "utf8", timeout: opts.timeoutMs ?? 60_000 });
  return { status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

/** Runs `scripts/<file> args` asynchronously (for tools that must run beside the test, like kill targets). */
export function runScriptAsync(
  file: string,
  args: string[] = [],
  opts: { flags?: string[]; env?: Record<string, string | undefined> } = {},
): Promise<ToolRun> {
  const [cmd, argv] = toolCommand(file, args, opts.flags);
  const child = spawn(cmd, argv, { cwd: ROOT, env: { ...process.env, NO_COLOR: "1", ...opts.env } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => (stdout += c));
  child.stderr.on("data", (c) => (stderr += c));
  return new Promise((resolve) => child.on("close", (status) => resolve({ status, stdout, stderr })));
}

/** `runScript` that asserts a zero exit and returns standard output. */
export function ok(file: string, args: string[] = [], opts: Parameters<typeof runScript>[2] = {}): string {
  const r = runScript(file, args, opts);
  if (r.status !== 0) {
    throw new Error(`${file} ${args.join(" ")} exited ${r.status}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  }
  return r.stdout;
}

/** The data rows of a table printed by a tool: the lines after the header line that starts with `header`. */
export function rowsAfter(out: string, header: RegExp): string[][] {
  const lines = out.split("\n");
  const i = lines.findIndex((l) => header.test(l));
  if (i < 0) throw new Error(`no header ${header} in:\n${out}`);
  return lines.slice(i + 1).filter((l) => l.trim() !== "").map((l) => l.trim().split(/\s+/));
}

/** A unique process name for this test run (so name-matching tools never touch anyone else's processes). */
export function uniqueName(tag: string): string {
  return `tsutil_${tag}_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
}

/** Spawns `sleep 60` whose first argument (what pidof and killall match) is `name`; resolves once it runs. */
export async function spawnNamed(name: string): Promise<ChildProcess> {
  const child = spawn("/bin/bash", ["-c", `exec -a ${name} sleep 60`], { stdio: "ignore" });
  // Wait until bash has exec'ed sleep under the new name.
  for (let i = 0; i < 200; i++) {
    try {
      if (new Process(child.pid!).cmdline()[0] === name) return child;
    } catch {
      // not there yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  child.kill("SIGKILL");
  throw new Error(`child ${name} did not start`);
}

/** Kills `child` (if still running) and waits for it to be reaped. */
export function reap(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

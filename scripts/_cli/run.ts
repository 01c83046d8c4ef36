/**
 * Runs a tool's `main` and turns every failure into one line on standard error and a non-zero exit status:
 * 2 for a wrong command line, 1 for anything else.
 *
 * @module
 */
import process from "node:process";
import {
  AccessDenied,
  MissingPermissionError,
  NoSuchProcess,
  TsutilError,
  UnsupportedError,
  ZombieProcess,
} from "../../mod.ts";
import { HelpRequested, UsageError } from "./args.ts";

/** A tool's entry: parses `argv` (the arguments after the tool's name) and prints. */
export type ToolMain = (argv: string[]) => void | Promise<void>;

/** An error a tool raises on purpose, printed as is (e.g. "no process with pid 42"). */
export class ToolError extends Error {
  override name = "ToolError";
}

/** The one line (without the tool prefix) that explains `e` to a user, and the exit status. */
export function describe(e: unknown): { message: string; status: number } {
  if (e instanceof UsageError) return { message: `${e.message} (try --help)`, status: 2 };
  if (e instanceof ToolError) return { message: e.message, status: 1 };
  if (e instanceof ZombieProcess) return { message: `process ${e.pid} is a zombie: ${e.message}`, status: 1 };
  if (e instanceof NoSuchProcess) {
    const gone = /not found/.test(e.message) ? `no process with pid ${e.pid}` : `process ${e.pid} has ended`;
    return { message: gone, status: 1 };
  }
  if (e instanceof AccessDenied) {
    const who = e.pid === null ? "" : ` to pid ${e.pid}`;
    const what = e.syscall ? ` (${e.syscall})` : "";
    return { message: `access denied${who}${what}: run with more privilege (as root, or as Administrator)`, status: 1 };
  }
  if (e instanceof MissingPermissionError) return { message: e.message, status: 1 };
  if (e instanceof UnsupportedError) return { message: e.message, status: 1 };
  if (e instanceof TsutilError) return { message: `${e.name}: ${e.message}`, status: 1 };
  if (e instanceof Error) {
    // The runtime's own permission errors (Deno's NotCapable / PermissionDenied) already name the flag.
    if (e.name === "NotCapable" || e.name === "PermissionDenied") return { message: e.message, status: 1 };
    return { message: `${e.name}: ${e.message}`, status: 1 };
  }
  return { message: String(e), status: 1 };
}

/**
 * Runs `main(argv)` as the tool `name`: `--help` prints the usage; an error prints
 * `tsutil <name>: <one line>` on standard error and sets the exit status.
 */
export async function runTool(name: string, main: ToolMain, argv: string[] = process.argv.slice(2)): Promise<void> {
  try {
    await main(argv);
  } catch (e) {
    if (e instanceof HelpRequested) {
      console.log(e.usage);
      return;
    }
    const { message, status } = describe(e);
    console.error(`tsutil ${name}: ${message}`);
    process.exitCode = status;
  }
}

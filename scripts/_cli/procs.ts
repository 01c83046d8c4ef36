/**
 * Process helpers shared by the process tools: a scan with attributes, the command line to show, name matching
 * (pidof, killall) and short status and terminal names.
 *
 * @module
 */
import { type Process, processIter } from "../../mod.ts";

/** A process with its prefetched attributes (`null` where access was denied). */
export interface Scanned {
  /** The live process object (kept by `processIter` between scans). */
  proc: Process;
  /** The attributes asked for, by name. */
  info: Record<string, unknown>;
}

/** Every process with `attrs` fetched in one oneshot scope each; vanished processes are skipped. */
export function scan(attrs: readonly string[]): Scanned[] {
  const out: Scanned[] = [];
  for (const proc of processIter({ attrs, adValue: null })) {
    out.push({ proc, info: (proc.info ?? {}) as Record<string, unknown> });
  }
  return out;
}

function basename(path: string): string {
  const i = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  return i >= 0 ? path.slice(i + 1) : path;
}

/** The command line to show: the arguments joined, or `[name]` for kernel threads and hidden ones. */
export function commandOf(info: Record<string, unknown>): string {
  const cmdline = info.cmdline as string[] | null | undefined;
  if (cmdline && cmdline.length > 0) return cmdline.join(" ");
  return `[${(info.name as string | null) ?? "?"}]`;
}

/**
 * Whether a process answers to `target`, as pidof(1) and killall(1) match: its name, the base name of its
 * executable, or the base name of its first argument.
 */
export function matchesName(info: Record<string, unknown>, target: string): boolean {
  if (info.name === target) return true;
  const exe = info.exe as string | null | undefined;
  if (exe && basename(exe) === target) return true;
  const cmdline = info.cmdline as string[] | null | undefined;
  return !!cmdline && cmdline.length > 0 && basename(cmdline[0]) === target;
}

/** The attributes {@linkcode matchesName} reads. */
export const NAME_ATTRS = ["pid", "name", "exe", "cmdline"] as const;

/** A terminal path without `/dev/` (`pts/0`), or `?`. */
export function ttyOf(terminal: unknown): string {
  return typeof terminal === "string" ? terminal.replace(/^\/dev\//, "") : "?";
}

/** A user name, or `?` when it could not be read. */
export function userOf(username: unknown): string {
  return typeof username === "string" ? username : "?";
}

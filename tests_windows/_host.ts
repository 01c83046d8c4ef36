/**
 * Helpers of the Wine-only suite: the Linux host's facts (passed by scripts/internal/suites/windows.mjs in
 * TSUTIL_WINE_HOST) and child processes.
 *
 * @module
 */
import { type ChildProcess, spawn } from "node:child_process";
import { type AddressInfo, createServer } from "node:net";
import { basename } from "node:path";
import process from "node:process";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";

/** What the Linux host reports, read before the suite started. */
export interface HostFacts {
  /** MemTotal, bytes. */
  memTotal: number;
  /** Boot time, seconds since the epoch (/proc/stat btime). */
  btime: number;
  /** Online CPUs. */
  cpus: number;
  /** /proc/net/dev counters per NIC. */
  nics: Record<string, { bytesRecv: number; packetsRecv: number; bytesSent: number; packetsSent: number }>;
  /** operstate per NIC. */
  up: Record<string, string>;
  /** IPv4 addresses per NIC. */
  addrs: Record<string, string[]>;
  /** statfs("/"), bytes. */
  disk: { total: number; free: number; avail: number } | null;
  /** Batteries in /sys/class/power_supply. */
  batteries: number;
}

/** The host facts; throws a clear error when the suite was not started by the runner. */
export function host(): HostFacts {
  const raw = process.env["TSUTIL_WINE_HOST"];
  if (!raw) throw new Error("TSUTIL_WINE_HOST is not set: run this suite with `npm run test:windows`");
  return JSON.parse(raw) as HostFacts;
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** A spawned child: its pid, its stdout (when piped), kill(), and a promise of its exit. */
export interface Child {
  /** Its Windows pid. */
  pid: number;
  /** Its stdout, or null when discarded. */
  stdout: Readable | null;
  /** Ends it (TerminateProcess); false when it is already gone. */
  kill(): boolean;
  /** Resolves when it has exited. */
  status: Promise<void>;
}

function start(cmd: string, args: string[], env: Record<string, string>, pipe: boolean): Child {
  const c: ChildProcess = spawn(cmd, args, {
    env: { ...process.env, ...env },
    stdio: ["ignore", pipe ? "pipe" : "ignore", "ignore"],
  });
  const status = new Promise<void>((r) => c.once("exit", () => r()));
  if (c.pid === undefined) throw new Error(`${cmd} did not start`);
  return { pid: c.pid, stdout: c.stdout, kill: () => c.kill(), status };
}

/** Starts `cmd.exe /c ping -n <n> 127.0.0.1`: a child that lives about `n` seconds. */
export function spawnPing(n = 30): Child {
  return start("cmd.exe", ["/c", `ping -n ${n} 127.0.0.1`], {}, false);
}

/** Starts a second copy of this runtime (deno.exe or bun.exe) running tests_windows/_ticker.mjs, stdout piped. */
export function spawnRuntime(env: Record<string, string> = {}): Child {
  const ticker = fileURLToPath(new URL("./_ticker.mjs", import.meta.url));
  // `<runtime> run <file>` means the same to deno and to bun.
  return start(process.execPath, ["run", ticker], env, true);
}

/** The file name of this runtime's executable, lower case (`deno.exe` or `bun.exe`). */
export function runtimeExe(): string {
  return basename(process.execPath.replaceAll("\\", "/")).toLowerCase();
}

/** Starts a TCP listener on 127.0.0.1 with a free port; resolves to its port and a close function. */
export async function listen(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = createServer();
  await new Promise<void>((r, j) => {
    server.once("error", j);
    server.listen(0, "127.0.0.1", () => r());
  });
  const port = (server.address() as AddressInfo).port;
  return { port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Polls `cond` every 50 ms until it is true or `ms` have passed. */
export async function waitFor(cond: () => boolean, ms = 10000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await sleep(50);
  }
  return cond();
}

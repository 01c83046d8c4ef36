/**
 * Helpers of the Wine-only suite: the Linux host's facts (passed by scripts/internal/suites/windows.mjs in
 * TSUTIL_WINE_HOST) and child processes.
 *
 * @module
 */

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
  const raw = Deno.env.get("TSUTIL_WINE_HOST");
  if (!raw) throw new Error("TSUTIL_WINE_HOST is not set: run this suite with `npm run test:windows`");
  return JSON.parse(raw) as HostFacts;
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Starts `cmd.exe /c ping -n <n> 127.0.0.1`: a child that lives about `n` seconds. */
export function spawnPing(n = 30): Deno.ChildProcess {
  return new Deno.Command("cmd.exe", { args: ["/c", `ping -n ${n} 127.0.0.1`], stdout: "null", stderr: "null" })
    .spawn();
}

/** Starts a second deno.exe running `code` (with `-A`), stdout piped. */
export function spawnDeno(code: string, env: Record<string, string> = {}): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["eval", code],
    env,
    stdout: "piped",
    stderr: "null",
    stdin: "null",
  }).spawn();
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

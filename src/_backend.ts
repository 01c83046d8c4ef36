/**
 * Picks the OS backend once. This is the only place in tsutil that asks which OS runs.
 *
 * @module
 */
import type { PlatformBackend } from "../platforms/backend.ts";
import { createLinuxBackend, type LinuxRoots } from "../platforms/linux/mod.ts";
import { createDarwinBackend } from "../platforms/darwin/mod.ts";
import { createWindowsBackend } from "../platforms/windows/mod.ts";
import { createFreebsdBackend } from "../platforms/freebsd/mod.ts";
import { createUnsupportedBackend } from "../platforms/unsupported.ts";
import { UnsupportedError } from "./errors.ts";

function detectOs(): string {
  const g = globalThis as { Deno?: { build: { os: string } }; process?: { platform: string } };
  const os = g.Deno?.build.os ?? g.process?.platform ?? "unknown";
  return os === "win32" ? "windows" : os;
}

/** The normalised OS name: `linux`, `darwin`, `windows`, `freebsd`, or another runtime-reported name. */
export const OS: string = detectOs();

function create(os: string, roots?: LinuxRoots): PlatformBackend {
  switch (os) {
    case "linux":
    case "android":
      return createLinuxBackend(roots);
    case "darwin":
      return createDarwinBackend();
    case "windows":
      return createWindowsBackend();
    case "freebsd":
      return createFreebsdBackend();
    default:
      return createUnsupportedBackend(os);
  }
}

let current: PlatformBackend | undefined;

/** The backend for this OS (created on first use). */
export function backend(): PlatformBackend {
  return current ??= create(OS);
}

/** Replaces the backend (tests feed fixture-backed backends through this); `undefined` restores the default. */
export function setBackend(b: PlatformBackend | undefined): void {
  current = b;
}

/** Options for {@linkcode configure}. */
export interface ConfigureOptions {
  /** Where procfs is mounted (psutil's `PROCFS_PATH`); Linux only. Default `/proc`. */
  procfsRoot?: string;
  /** Where sysfs is mounted; Linux only. Default `/sys`. */
  sysfsRoot?: string;
  /** The utmp file `users()` reads; Linux only. Default `/var/run/utmp`. */
  utmpPath?: string;
}

/**
 * Points the Linux backend at other procfs/sysfs roots, as psutil's `PROCFS_PATH` does: for an agent in a container
 * reading the host's `/proc` mounted at `/host/proc`.
 *
 * @example
 * ```ts
 * import { configure } from "./_backend.ts";
 * configure({ procfsRoot: "/proc" });
 * ```
 */
export function configure(options: ConfigureOptions): void {
  current = create(OS, { procfs: options.procfsRoot, sysfs: options.sysfsRoot, utmp: options.utmpPath });
}

/**
 * The backend member `name`, bound, or `UnsupportedError(name, os)` when this platform lacks it.
 */
export function need<K extends keyof PlatformBackend>(
  name: K,
  publicName: string = name,
): NonNullable<PlatformBackend[K]> {
  const b = backend();
  const m = b[name];
  if (typeof m !== "function") throw new UnsupportedError(publicName, b.os);
  return (m as (...a: unknown[]) => unknown).bind(b) as NonNullable<PlatformBackend[K]>;
}

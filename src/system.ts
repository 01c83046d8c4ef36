/**
 * System-wide facts: boot time and logged-in users.
 *
 * @module
 */
import { need } from "./_backend.ts";
import type { User } from "./types.ts";

/**
 * The system boot time, in seconds since the epoch (psutil: `boot_time`).
 *
 * Availability: Linux.
 *
 * @tags allow-ffi
 * @returns Seconds since 1970-01-01 UTC.
 * @throws {UnsupportedError} on platforms without a backend member.
 * @example
 * ```ts
 * import { bootTime } from "../mod.ts";
 * const t = bootTime();
 * if (!(t > 0 && t * 1000 < Date.now())) throw new Error("bad boot time");
 * ```
 */
export function bootTime(): number {
  return need("bootTime")();
}

/**
 * The users logged in now (psutil: `users`): `name`, `terminal` (`null` when none), `host` (`""` for a local login,
 * `localhost` for an X display), `started` (login time, seconds since the epoch) and `pid` (of the login
 * process). On Linux from the `USER_PROCESS` records of the utmp file (`/var/run/utmp`, see `configure`); an empty
 * array where there is no utmp file, as in most containers.
 *
 * Availability: Linux.
 *
 * @tags allow-ffi
 * @example
 * ```ts
 * import { users } from "../mod.ts";
 * for (const u of users()) {
 *   if (!(u.name.length > 0 && u.started > 0)) throw new Error();
 * }
 * ```
 */
export function users(): User[] {
  return need("users")();
}

/**
 * Windows services (psutil: `win_service_iter`, `win_service_get`, `WindowsService`). On other platforms the
 * backend has no service members, so both functions raise `UnsupportedError`.
 *
 * @module
 */
import { need } from "./_backend.ts";
import { AccessDenied, NoSuchProcess, TsutilError } from "./errors.ts";
import type { WinServiceConfig, WinServiceStatus } from "../platforms/backend.ts";

/**
 * The named Windows service does not exist (psutil raises `NoSuchProcess` with `pid=None`; this subclass keeps
 * that `catch` working and adds the service name; `pid` is -1).
 *
 * @example
 * ```ts
 * import { NoSuchService } from "./win_services.ts";
 * const e = new NoSuchService("nosuch");
 * if (e.service !== "nosuch") throw new Error();
 * ```
 */
export class NoSuchService extends NoSuchProcess {
  /** The error class's name, `"NoSuchService"`. */
  override name = "NoSuchService";
  /** The service name asked for. */
  readonly service: string;
  /** Builds the error for `service`. */
  constructor(service: string, cause?: unknown) {
    super({ pid: -1, msg: `Service "${service}" does not exist`, cause });
    this.service = service;
    this.message = `Service "${service}" does not exist`;
  }
}

/** Every field of a service (psutil: `WindowsService.as_dict()`). */
export interface WindowsServiceInfo {
  /** Service name (the key for `winServiceGet`). */
  name: string;
  /** Display name. */
  displayName: string;
  /** Binary path with arguments. */
  binpath: string;
  /** Account it runs as. */
  username: string;
  /** `automatic`, `manual`, `disabled` (or `unknown`). */
  startType: string;
  /** Pid of its process, `null` when it does not run. */
  pid: number | null;
  /** `running`, `paused`, `start_pending`, `pause_pending`, `continue_pending`, `stop_pending`, `stopped`. */
  status: string;
  /** Long description, `""` when none. */
  description: string;
}

function translate<T>(service: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    const code = e instanceof TsutilError ? e.code : undefined;
    if (code === "ERROR_SERVICE_DOES_NOT_EXIST" || code === "ERROR_INVALID_NAME") throw new NoSuchService(service, e);
    if (code === "ERROR_ACCESS_DENIED" || code === "ERROR_PRIVILEGE_NOT_HELD") {
      throw new AccessDenied({
        name: service,
        msg: `Service "${service}" is not querable (not enough privileges)`,
        code,
        cause: e,
      });
    }
    throw e;
  }
}

/**
 * An installed Windows service (psutil: `WindowsService`). Each method queries the service control manager anew,
 * except `displayName()`, cached when the object was made.
 *
 * Availability: Windows.
 *
 * @example
 * ```ts
 * import { UnsupportedError, winServiceIter } from "../mod.ts";
 * try {
 *   for (const s of winServiceIter()) if (typeof s.name() !== "string") throw new Error();
 * } catch (e) {
 *   if (!(e instanceof UnsupportedError)) throw e; // not Windows
 * }
 * ```
 */
export class WindowsService {
  #name: string;
  #displayName: string;

  /** Wraps service `name`; use {@linkcode winServiceGet} to check it exists. */
  constructor(name: string, displayName: string) {
    this.#name = name;
    this.#displayName = displayName;
  }

  #config(): WinServiceConfig {
    return translate(this.#name, () => need("winServiceConfig", "WindowsService")(this.#name));
  }

  #status(): WinServiceStatus {
    return translate(this.#name, () => need("winServiceStatus", "WindowsService")(this.#name));
  }

  /** The service name (the key `winServiceGet` takes). */
  name(): string {
    return this.#name;
  }

  /** The display name (cached). */
  displayName(): string {
    return this.#displayName;
  }

  /** The binary path, with its arguments. */
  binpath(): string {
    return this.#config().binpath;
  }

  /** The account the service runs as. */
  username(): string {
    return this.#config().username;
  }

  /** `automatic`, `manual` or `disabled`. */
  startType(): string {
    return this.#config().startType;
  }

  /** Pid of the service's process, `null` when it does not run. */
  pid(): number | null {
    return this.#status().pid;
  }

  /** The service state (`running`, `stopped`, ...). */
  status(): string {
    return this.#status().status;
  }

  /** The long description, `""` when none. */
  description(): string {
    return translate(this.#name, () => need("winServiceDescription", "WindowsService")(this.#name));
  }

  /** Every field in one object (psutil: `as_dict`). */
  asDict(): WindowsServiceInfo {
    const c = this.#config();
    const s = this.#status();
    return {
      name: this.#name,
      displayName: this.#displayName,
      binpath: c.binpath,
      username: c.username,
      startType: c.startType,
      pid: s.pid,
      status: s.status,
      description: this.description(),
    };
  }

  /** `WindowsService(name="...", displayName="...")`. */
  toString(): string {
    return `WindowsService(name="${this.#name}", displayName="${this.#displayName}")`;
  }
}

/**
 * Every installed Win32 service, as {@linkcode WindowsService} objects (psutil: `win_service_iter`).
 *
 * Availability: Windows.
 *
 * @tags allow-ffi
 * @throws {UnsupportedError} on other platforms.
 * @example
 * ```ts
 * import { UnsupportedError, winServiceIter } from "../mod.ts";
 * try {
 *   const names = [...winServiceIter()].map((s) => s.name());
 *   if (!Array.isArray(names)) throw new Error();
 * } catch (e) {
 *   if (!(e instanceof UnsupportedError)) throw e;
 * }
 * ```
 */
export function winServiceIter(): IterableIterator<WindowsService> {
  const list = need("winServiceList", "winServiceIter")();
  return list.map(([name, display]) => new WindowsService(name, display))[Symbol.iterator]();
}

/**
 * The service called `name` (psutil: `win_service_get`).
 *
 * Availability: Windows.
 *
 * @tags allow-ffi
 * @throws {NoSuchService} (a `NoSuchProcess`) when no service has that name.
 * @throws {AccessDenied} when the service may not be queried.
 * @throws {UnsupportedError} on other platforms.
 * @example
 * ```ts
 * import { NoSuchService, UnsupportedError, winServiceGet } from "../mod.ts";
 * try {
 *   winServiceGet("no such service, surely");
 *   throw new Error("expected an error");
 * } catch (e) {
 *   if (!(e instanceof NoSuchService || e instanceof UnsupportedError)) throw e;
 * }
 * ```
 */
export function winServiceGet(name: string): WindowsService {
  if (typeof name !== "string" || name === "") throw new TypeError("name must be a non-empty string");
  const config = translate(name, () => need("winServiceConfig", "winServiceGet")(name));
  return new WindowsService(name, config.displayName);
}

/**
 * The windows backend. Not yet written: every member is absent, so each call raises
 * `UnsupportedError(fn, "windows")` rather than a made-up value.
 *
 * @module
 */
import type { PlatformBackend } from "../backend.ts";
import { createUnsupportedBackend } from "../unsupported.ts";

/** Creates the windows backend (every member absent for now). */
export function createWindowsBackend(): PlatformBackend {
  return createUnsupportedBackend("windows");
}

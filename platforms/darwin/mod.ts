/**
 * The darwin backend. Not yet written: every member is absent, so each call raises
 * `UnsupportedError(fn, "darwin")` rather than a made-up value.
 *
 * @module
 */
import type { PlatformBackend } from "../backend.ts";
import { createUnsupportedBackend } from "../unsupported.ts";

/** Creates the darwin backend (every member absent for now). */
export function createDarwinBackend(): PlatformBackend {
  return createUnsupportedBackend("darwin");
}

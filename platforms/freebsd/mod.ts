/**
 * The freebsd backend. Not yet written: every member is absent, so each call raises
 * `UnsupportedError(fn, "freebsd")` rather than a made-up value.
 *
 * @module
 */
import type { PlatformBackend } from "../backend.ts";
import { createUnsupportedBackend } from "../unsupported.ts";

/** Creates the freebsd backend (every member absent for now). */
export function createFreebsdBackend(): PlatformBackend {
  return createUnsupportedBackend("freebsd");
}

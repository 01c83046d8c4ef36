/**
 * The backend for an OS tsutil does not support: every member absent, so each call raises
 * `UnsupportedError(fn, os)` and importing tsutil never fails (like gopsutil's `*_fallback.go`).
 *
 * @module
 */
import type { PlatformBackend } from "./backend.ts";

/** A backend with no members for `os`. */
export function createUnsupportedBackend(os: string): PlatformBackend {
  return { os };
}

/**
 * The per-process contract. One instance is bound to one pid; every member but `pid` is optional, and `src/`
 * turns an absent member into `UnsupportedError`. Members raise `NoSuchProcess`, `ZombieProcess` and
 * `AccessDenied` (translated once, at the backend seam).
 *
 * @module
 */

/** One OS's view of one process. */
export interface ProcessBackend {
  /** The pid this backend reads. */
  readonly pid: number;
  /** Creation time, seconds since the epoch (the identity check compares it). */
  createTime?(): number;
}

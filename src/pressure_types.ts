/**
 * Result records for {@linkcode pressure}: Linux pressure stall information (PSI).
 *
 * @module
 */

/** One PSI line: the share of wall time some (or all) tasks stalled on a resource. */
export interface PressureLine {
  /** Stall share over the last 10 s, percent. */
  avg10: number;
  /** Over the last 60 s, percent. */
  avg60: number;
  /** Over the last 300 s, percent. */
  avg300: number;
  /** Total stall time since boot (or since the cgroup was created), s. */
  total: number;
}

/** The `some` and `full` lines of one resource; a line the kernel does not write is `null` (irq has no `some`). */
export interface PressureStall {
  /** At least one task stalled. */
  some: PressureLine | null;
  /** All non-idle tasks stalled at once. */
  full: PressureLine | null;
}

/** Pressure on each resource, system-wide or for one cgroup. */
export interface Pressure {
  /** CPU. */
  cpu: PressureStall;
  /** Memory. */
  memory: PressureStall;
  /** Block I/O. */
  io: PressureStall;
  /** Interrupts (kernel 6.1+ with CONFIG_IRQ_TIME_ACCOUNTING); `null` where the kernel does not report it. */
  irq: PressureStall | null;
}

/** Whose pressure to read: the system (default), a process's cgroup, or a cgroup path. */
export interface PressureTarget {
  /** Read the v2 cgroup of this process. */
  pid?: number;
  /** Read this cgroup, given as a path in the v2 hierarchy (`/system.slice/foo.service`). */
  cgroup?: string;
}

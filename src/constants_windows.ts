/**
 * Windows constants with psutil's spelling and values: process priority classes (`Process.nice()` on Windows) and
 * I/O priorities (`Process.ionice()` on Windows, psutil 5.6.2). Each family is a const object plus a type alias of
 * the same name, and each member is also exported on its own, as psutil does.
 *
 * @module
 */

/**
 * Process priority classes (psutil: `*_PRIORITY_CLASS`, the values of `GetPriorityClass`).
 *
 * @example
 * ```ts
 * import { NORMAL_PRIORITY_CLASS, PriorityClass } from "./constants_windows.ts";
 * if (PriorityClass.NORMAL !== NORMAL_PRIORITY_CLASS || NORMAL_PRIORITY_CLASS !== 0x20) throw new Error();
 * ```
 */
export const PriorityClass = Object.freeze(
  {
    IDLE: 0x40,
    BELOW_NORMAL: 0x4000,
    NORMAL: 0x20,
    ABOVE_NORMAL: 0x8000,
    HIGH: 0x80,
    REALTIME: 0x100,
  } as const,
);
/** A Windows process priority class. */
export type PriorityClass = typeof PriorityClass[keyof typeof PriorityClass];
/** `0x40` */
export const IDLE_PRIORITY_CLASS = PriorityClass.IDLE;
/** `0x4000` */
export const BELOW_NORMAL_PRIORITY_CLASS = PriorityClass.BELOW_NORMAL;
/** `0x20` */
export const NORMAL_PRIORITY_CLASS = PriorityClass.NORMAL;
/** `0x8000` */
export const ABOVE_NORMAL_PRIORITY_CLASS = PriorityClass.ABOVE_NORMAL;
/** `0x80` */
export const HIGH_PRIORITY_CLASS = PriorityClass.HIGH;
/** `0x100` */
export const REALTIME_PRIORITY_CLASS = PriorityClass.REALTIME;

/**
 * Windows I/O priorities (psutil: `IOPRIO_*` on Windows).
 *
 * @example
 * ```ts
 * import { IOPRIO_HIGH, IoPriority } from "./constants_windows.ts";
 * if (IoPriority.HIGH !== IOPRIO_HIGH || IOPRIO_HIGH !== 3) throw new Error();
 * ```
 */
export const IoPriority = Object.freeze({ VERYLOW: 0, LOW: 1, NORMAL: 2, HIGH: 3 } as const);
/** A Windows I/O priority. */
export type IoPriority = typeof IoPriority[keyof typeof IoPriority];
/** `0` */
export const IOPRIO_VERYLOW = IoPriority.VERYLOW;
/** `1` */
export const IOPRIO_LOW = IoPriority.LOW;
/** `2` */
export const IOPRIO_NORMAL = IoPriority.NORMAL;
/** `3` */
export const IOPRIO_HIGH = IoPriority.HIGH;

/**
 * Linux scheduling and limits of one process: nice (`getpriority`/`setpriority`), I/O priority (`ioprio_get`/
 * `ioprio_set` through `syscall()`, numbered per architecture), resource limits (`prlimit`) and CPU affinity
 * (`sched_getaffinity`/`sched_setaffinity`). Arguments are checked as psutil checks them (its `ValueError`s become
 * `RangeError`/`TypeError`); every setter first confirms, through the {@linkcode PidHandle}, that the pid still
 * names the pinned process.
 *
 * @module
 */
import { SystemCallError } from "../../ffi/errors.ts";
import { decode, encode, sizeOf } from "../../ffi/struct.ts";
import { UnsupportedError } from "../../src/errors.ts";
import type { ProcessIoNice } from "../../src/process_types.ts";
import { errno, lastError, libcIo, libcTable } from "./libc.ts";
import { LIBC_CONTROL } from "./symbols.ts";
import { rlimit, utsname } from "./structs.ts";
import { fromCString } from "../../ffi/cstring.ts";
import type { PidHandle } from "./process_handle.ts";

const PRIO_PROCESS = 0;
const IOPRIO_WHO_PROCESS = 1;
const IOPRIO_CLASS_SHIFT = 13;
const IOPRIO_PRIO_MASK = (1 << IOPRIO_CLASS_SHIFT) - 1;
/** `RLIMIT_NLIMITS`: resources are 0 … 15. */
const RLIMIT_NLIMITS = 16;
/** Decoded `rlim_t` values at or above 2^63 are `RLIM_INFINITY` (2^64 - 1), reported as -1 like psutil. */
const RLIM_HUGE = 2 ** 63;

/** `[ioprio_set, ioprio_get]` syscall numbers per `uname -m`. */
const IOPRIO_SYSCALLS: Readonly<Record<string, readonly [number, number]>> = {
  x86_64: [251, 252],
  // The asm-generic table.
  aarch64: [30, 31],
  riscv64: [30, 31],
  loongarch64: [30, 31],
};

let machineName: string | undefined;

/** The machine name `uname(2)` reports (`x86_64`, `aarch64`...), read once. */
export function machine(): string {
  if (machineName === undefined) {
    const buf = new Uint8Array(sizeOf(utsname, "lp64"));
    if (libcTable(LIBC_CONTROL).uname(buf) !== 0) throw lastError("uname");
    machineName = fromCString(decode(utsname, new DataView(buf.buffer), 0, "lp64").machine);
  }
  return machineName;
}

function ioprioSyscalls(): readonly [number, number] {
  const m = machine();
  const nums = IOPRIO_SYSCALLS[m];
  if (nums === undefined) throw new UnsupportedError("ionice", `linux/${m}`, "its ioprio syscall numbers are unknown");
  return nums;
}

/** Sets errno to 0 (for `getpriority`, whose -1 result is also a valid nice value). */
function clearErrno(): void {
  libcTable(LIBC_CONTROL).memset(libcIo().__errno_location(), 0, 4);
}

function checkInt(what: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isInteger(v)) {
    throw new TypeError(`${what} must be an integer, got ${String(v)}`);
  }
  return v;
}

function fail(h: PidHandle, syscall: string): Error {
  return h.translate(lastError(syscall));
}

/** The nice value (`getpriority`, errno-checked). */
export function niceGet(h: PidHandle): number {
  h.assertPositivePid("getpriority");
  clearErrno();
  const v = libcTable(LIBC_CONTROL).getpriority(PRIO_PROCESS, h.pid);
  if (v === -1 && errno() !== 0) throw fail(h, "getpriority");
  return v;
}

/** Sets the nice value (`setpriority`; the kernel clamps it to -20 … 19). */
export function niceSet(h: PidHandle, value: number): void {
  checkInt("Nice value", value);
  h.assertSame();
  if (libcTable(LIBC_CONTROL).setpriority(PRIO_PROCESS, h.pid, value) !== 0) throw fail(h, "setpriority");
}

/** The I/O scheduling class and level (`ioprio_get`). */
export function ioniceGet(h: PidHandle): ProcessIoNice {
  h.assertPositivePid("ioprio_get");
  const [, get] = ioprioSyscalls();
  const r = libcTable(LIBC_CONTROL).syscall(get, IOPRIO_WHO_PROCESS, h.pid, 0, 0);
  if (r < 0) throw fail(h, "ioprio_get");
  return { ioclass: r >> IOPRIO_CLASS_SHIFT, value: r & IOPRIO_PRIO_MASK };
}

/**
 * Sets the I/O scheduling class (`IOPRIO_CLASS_*`, 0 … 3) and level (0 … 7; classes NONE and IDLE take none),
 * with psutil's checks.
 */
export function ioniceSet(h: PidHandle, ioclass: number, value: number | null | undefined): void {
  checkInt("ioclass", ioclass);
  const level = value ?? 0;
  checkInt("value", level);
  if (ioclass < 0 || ioclass > 3) throw new RangeError(`Invalid ioclass ${ioclass}: use an IOPRIO_CLASS_* constant`);
  if (level !== 0 && (ioclass === 0 || ioclass === 3)) {
    throw new RangeError(
      `ioclass ${ioclass} (${ioclass === 0 ? "IOPRIO_CLASS_NONE" : "IOPRIO_CLASS_IDLE"}) accepts no value`,
    );
  }
  if (level < 0 || level > 7) throw new RangeError(`value ${level} not in 0-7 range`);
  const [set] = ioprioSyscalls();
  h.assertSame();
  const prio = (ioclass << IOPRIO_CLASS_SHIFT) | level;
  if (libcTable(LIBC_CONTROL).syscall(set, IOPRIO_WHO_PROCESS, h.pid, prio, 0) < 0) throw fail(h, "ioprio_set");
}

const RLIMIT_SIZE = sizeOf(rlimit, "lp64");

function checkResource(resource: number): void {
  checkInt("Resource", resource);
  if (resource < 0 || resource >= RLIMIT_NLIMITS) {
    throw new RangeError(`Invalid resource ${resource}: use an RLIMIT_* constant (0-${RLIMIT_NLIMITS - 1})`);
  }
}

function rlimValue(n: number): number {
  return n >= RLIM_HUGE ? -1 : n;
}

/** `[soft, hard]` of resource `resource` (`prlimit`), `RLIM_INFINITY` as -1. */
export function rlimitGet(h: PidHandle, resource: number): [number, number] {
  checkResource(resource);
  h.assertPositivePid("prlimit");
  const out = new Uint8Array(RLIMIT_SIZE);
  if (libcTable(LIBC_CONTROL).prlimit(h.pid, resource, null, out) !== 0) throw fail(h, "prlimit");
  const r = decode(rlimit, new DataView(out.buffer), 0, "lp64");
  return [rlimValue(r.rlim_cur), rlimValue(r.rlim_max)];
}

/** Sets `[soft, hard]` of `resource` (`prlimit`); -1 means `RLIM_INFINITY`. */
export function rlimitSet(h: PidHandle, resource: number, soft: number, hard: number): void {
  checkResource(resource);
  for (const [what, v] of [["soft limit", soft], ["hard limit", hard]] as const) {
    checkInt(`The ${what}`, v);
    if (v < -1) throw new RangeError(`The ${what} must be >= 0 or RLIM_INFINITY (-1), got ${v}`);
  }
  if ((soft === -1 ? Infinity : soft) > (hard === -1 ? Infinity : hard)) {
    throw new RangeError(`The soft limit ${soft} exceeds the hard limit ${hard}`);
  }
  h.assertPositivePid("prlimit");
  const buf = new Uint8Array(RLIMIT_SIZE);
  encode(
    rlimit,
    { rlim_cur: BigInt.asUintN(64, BigInt(soft)), rlim_max: BigInt.asUintN(64, BigInt(hard)) },
    new DataView(buf.buffer),
    0,
    "lp64",
  );
  h.assertSame();
  if (libcTable(LIBC_CONTROL).prlimit(h.pid, resource, buf, null) !== 0) {
    const e = lastError("prlimit");
    if (e.code === "EINVAL") throw new RangeError(`Invalid limits [${soft}, ${hard}] for resource ${resource}`);
    throw h.translate(e);
  }
}

/** A CPU list as psutil prints it: `[0, 1]`. */
function listText(cpus: readonly number[]): string {
  return `[${cpus.join(", ")}]`;
}

/** Smallest `cpu_set_t` tried, bytes (glibc's 1024 CPUs); doubled on EINVAL. */
const CPUSET_START = 128;
const CPUSET_MAX = 1 << 20;
let cpusetBytes = CPUSET_START;

/** The CPUs process `h` may run on (`sched_getaffinity`), ascending. */
export function cpuAffinityGet(h: PidHandle): number[] {
  h.assertPositivePid("sched_getaffinity");
  for (;;) {
    const mask = new Uint8Array(cpusetBytes);
    if (libcTable(LIBC_CONTROL).sched_getaffinity(h.pid, mask.length, mask) === 0) {
      const out: number[] = [];
      for (let i = 0; i < mask.length; i++) {
        const b = mask[i];
        if (b === 0) continue;
        for (let bit = 0; bit < 8; bit++) if (b & (1 << bit)) out.push(i * 8 + bit);
      }
      return out;
    }
    const e = lastError("sched_getaffinity");
    if (e.code === "EINVAL" && cpusetBytes < CPUSET_MAX) {
      cpusetBytes *= 2; // the kernel has more CPU ids than the mask holds
      continue;
    }
    throw h.translate(e);
  }
}

/** Every CPU the system has (the `cpuN` lines of `<procfs>/stat`, as psutil's `len(per_cpu_times())`). */
function allCpus(h: PidHandle): number[] {
  const stat = new TextDecoder().decode(h.ident.ctx.io.read(`${h.ident.ctx.procfs}/stat`));
  const n = stat.match(/^cpu\d+ /gm)?.length ?? 0;
  return Array.from({ length: n }, (_, i) => i);
}

/**
 * psutil's eligible CPUs: the `Cpus_allowed_list` range `a-b` of `<pid>/status` when it has that shape, else every
 * CPU.
 */
export function eligibleCpus(h: PidHandle): number[] {
  let status = "";
  try {
    status = new TextDecoder().decode(h.ident.ctx.io.read(`${h.ident.dir}/status`));
  } catch (e) {
    if (!(e instanceof SystemCallError)) throw e;
    throw h.translate(e.code === "ENOENT" ? new SystemCallError(e.syscall, e.errno, "ESRCH", e.path) : e);
  }
  const m = /^Cpus_allowed_list:\t(\d+)-(\d+)/m.exec(status);
  if (m) {
    const lo = Number(m[1]);
    return Array.from({ length: Number(m[2]) - lo + 1 }, (_, i) => lo + i);
  }
  return allCpus(h);
}

/**
 * Restricts process `h` to `cpus` (`sched_setaffinity`); `[]` means psutil's eligible CPUs. A CPU the kernel
 * refuses gives a `RangeError` naming the valid ones, as psutil's `ValueError`.
 */
export function cpuAffinitySet(h: PidHandle, cpus: readonly number[]): void {
  if (!Array.isArray(cpus)) throw new TypeError(`cpus must be an array of CPU numbers, got ${String(cpus)}`);
  for (const c of cpus) {
    checkInt("CPU number", c);
    if (c < 0) throw new RangeError(`Invalid CPU number ${c}; choose between ${listText(eligibleCpus(h))}`);
  }
  const list = cpus.length === 0 ? eligibleCpus(h) : [...new Set(cpus)];
  const bytes = Math.max(cpusetBytes, Math.ceil((Math.max(...list) + 1) / 64) * 8);
  if (bytes > CPUSET_MAX) {
    throw new RangeError(`Invalid CPU number ${Math.max(...list)}; choose between ${listText(eligibleCpus(h))}`);
  }
  const mask = new Uint8Array(bytes);
  for (const c of list) mask[c >> 3] |= 1 << (c & 7);
  h.assertSame();
  if (libcTable(LIBC_CONTROL).sched_setaffinity(h.pid, mask.length, mask) === 0) return;
  const e = lastError("sched_setaffinity");
  if (e.code === "EINVAL") {
    const eligible = eligibleCpus(h);
    const all = new Set(allCpus(h));
    for (const c of list) {
      if (!all.has(c)) throw new RangeError(`Invalid CPU number ${c}; choose between ${listText(eligible)}`);
      if (!eligible.includes(c)) {
        throw new RangeError(`CPU number ${c} is not eligible; choose between ${listText(eligible)}`);
      }
    }
  }
  throw h.translate(e);
}

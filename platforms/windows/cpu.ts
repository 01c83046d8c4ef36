/**
 * Windows CPU: times (GetSystemTimes, per CPU through NtQuerySystemInformation), counts, statistics, frequency.
 *
 * @module
 */
import { decode, sizeOf } from "../../ffi/struct.ts";
import type { CpuFreq, CpuStats, CpuTimes } from "../../src/types.ts";
import type { PlatformBackend } from "../backend.ts";
import {
  PROCESSOR_POWER_INFORMATION,
  SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX_HEADER,
  SYSTEM_PERFORMANCE_INFORMATION,
  SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION,
} from "./structs.ts";
import {
  alloc,
  ERROR_INSUFFICIENT_BUFFER,
  getLastError,
  hundredNsToSeconds,
  kernel32,
  lastError,
  ntdll,
  ntError,
  ntSuccess,
  powrprof,
  viewOf,
  winError,
} from "./_win32.ts";

/** `ALL_PROCESSOR_GROUPS`. */
const ALL_PROCESSOR_GROUPS = 0xffff;
/** `SystemPerformanceInformation`. */
const SystemPerformanceInformation = 2;
/** `SystemProcessorPerformanceInformation`. */
const SystemProcessorPerformanceInformation = 8;
/** `LOGICAL_PROCESSOR_RELATIONSHIP.RelationProcessorCore`. */
export const RelationProcessorCore = 0;
/** `LOGICAL_PROCESSOR_RELATIONSHIP.RelationAll`. */
const RelationAll = 0xffff;
/** `POWER_INFORMATION_LEVEL.ProcessorInformation`. */
const ProcessorInformation = 11;

const SPPI_SIZE = sizeOf(SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION, "llp64");

/** Active logical CPUs (0 when undetermined). */
function numCpus(): number {
  return kernel32().GetActiveProcessorCount(ALL_PROCESSOR_GROUPS);
}

/** Counts `RelationProcessorCore` records in a `GetLogicalProcessorInformationEx` buffer (psutil's method). */
export function countCores(bytes: Uint8Array, length: number): number {
  const view = viewOf(bytes);
  let offset = 0;
  let cores = 0;
  while (offset + 8 <= length) {
    const h = decode(SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX_HEADER, view, offset, "llp64");
    if (h.Relationship === RelationProcessorCore) cores++;
    if (h.Size === 0) break;
    offset += h.Size;
  }
  return cores;
}

/** Per-CPU times from a `SystemProcessorPerformanceInformation` buffer: system = kernel - idle, as psutil. */
export function parsePerCpuTimes(bytes: Uint8Array, count: number): CpuTimes[] {
  const view = viewOf(bytes);
  const out: CpuTimes[] = [];
  for (let i = 0; i < count && (i + 1) * SPPI_SIZE <= bytes.byteLength; i++) {
    const s = decode(SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION, view, i * SPPI_SIZE, "llp64");
    const idle = hundredNsToSeconds(s.IdleTime);
    out.push({
      user: hundredNsToSeconds(s.UserTime),
      system: hundredNsToSeconds(s.KernelTime) - idle,
      idle,
      interrupt: hundredNsToSeconds(s.InterruptTime),
      dpc: hundredNsToSeconds(s.DpcTime),
    });
  }
  return out;
}

function processorPerformance(): { bytes: Uint8Array; count: number } {
  const n = numCpus();
  if (n === 0) throw lastError("GetActiveProcessorCount");
  const buf = alloc(n * SPPI_SIZE);
  const status = ntdll().NtQuerySystemInformation(SystemProcessorPerformanceInformation, buf, buf.byteLength, null);
  if (!ntSuccess(status)) throw ntError("NtQuerySystemInformation(SystemProcessorPerformanceInformation)", status);
  return { bytes: buf, count: n };
}

/** The CPU members of the Windows backend. */
export function windowsCpu(): Pick<
  PlatformBackend,
  "cpuCountLogical" | "cpuCountCores" | "cpuTimes" | "perCpuTimes" | "cpuStats" | "cpuFreq"
> {
  return {
    cpuCountLogical(): number | null {
      const n = numCpus();
      return n > 0 ? n : null;
    },
    cpuCountCores(): number | null {
      const k = kernel32();
      const len = new Uint32Array(1);
      let buf = alloc(0);
      for (let attempt = 0; attempt < 8; attempt++) {
        if (k.GetLogicalProcessorInformationEx(RelationAll, attempt === 0 ? null : buf, len)) {
          const cores = countCores(buf, len[0]);
          return cores > 0 ? cores : null;
        }
        if (getLastError() !== ERROR_INSUFFICIENT_BUFFER) return null; // psutil: None when undetermined
        buf = alloc(len[0]);
      }
      return null;
    },
    cpuTimes(): CpuTimes {
      const idle = new BigUint64Array(1);
      const kernel = new BigUint64Array(1);
      const user = new BigUint64Array(1);
      if (!kernel32().GetSystemTimes(idle, kernel, user)) throw lastError("GetSystemTimes");
      // GetSystemTimes has no interrupt/DPC times: psutil sums them from the per-CPU figures.
      const per = this.perCpuTimes!();
      const idleS = hundredNsToSeconds(idle[0]);
      return {
        user: hundredNsToSeconds(user[0]),
        system: hundredNsToSeconds(kernel[0]) - idleS,
        idle: idleS,
        interrupt: per.reduce((a, c) => a + (c.interrupt ?? 0), 0),
        dpc: per.reduce((a, c) => a + (c.dpc ?? 0), 0),
      };
    },
    perCpuTimes(): CpuTimes[] {
      const { bytes, count } = processorPerformance();
      return parsePerCpuTimes(bytes, count);
    },
    cpuStats(): CpuStats {
      // The kernel's struct is longer than the documented prefix: give it room and decode the prefix.
      const buf = alloc(Math.max(1024, sizeOf(SYSTEM_PERFORMANCE_INFORMATION, "llp64")));
      const status = ntdll().NtQuerySystemInformation(SystemPerformanceInformation, buf, buf.byteLength, null);
      if (!ntSuccess(status)) throw ntError("NtQuerySystemInformation(SystemPerformanceInformation)", status);
      const spi = decode(SYSTEM_PERFORMANCE_INFORMATION, viewOf(buf), 0, "llp64");
      const { bytes, count } = processorPerformance();
      let interrupts = 0;
      const view = viewOf(bytes);
      for (let i = 0; i < count; i++) {
        interrupts += decode(SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION, view, i * SPPI_SIZE, "llp64").InterruptCount;
      }
      return { ctxSwitches: spi.ContextSwitches, interrupts, softInterrupts: 0, syscalls: spi.SystemCalls };
    },
    cpuFreq(): CpuFreq[] {
      const n = numCpus();
      if (n === 0) throw lastError("GetActiveProcessorCount");
      const size = sizeOf(PROCESSOR_POWER_INFORMATION, "llp64");
      const buf = alloc(n * size);
      const status = powrprof().CallNtPowerInformation(ProcessorInformation, null, 0, buf, buf.byteLength);
      if (status !== 0) throw winError("CallNtPowerInformation", ntdll().RtlNtStatusToDosError(status));
      const ppi = decode(PROCESSOR_POWER_INFORMATION, viewOf(buf), 0, "llp64");
      // Windows has no per-CPU frequency API that psutil uses: one entry, min unknown (0), as psutil.
      return [{ current: ppi.CurrentMhz, min: 0, max: ppi.MaxMhz }];
    },
  };
}

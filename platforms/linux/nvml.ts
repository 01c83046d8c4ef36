/**
 * NVIDIA GPUs through NVML: opens libnvidia-ml once, initialises it once, and reads each device's name, bus id,
 * utilisation, memory, temperature, power, clocks and running processes. No library, or no driver, gives no GPUs.
 * The decoders are pure functions over caller-owned bytes, tested on byte fixtures.
 *
 * @module
 */
import type { Gpu, GpuProcess } from "../../src/gpu_types.ts";
import { MissingPermissionError } from "../../src/errors.ts";
import { type NativeLibrary, openLibrary, type Pointer, requireAdapter } from "../../ffi/mod.ts";
import { decode, type Field, sizeOf, type StructDef } from "../../ffi/struct.ts";
import { fromCString } from "../../ffi/cstring.ts";
import {
  NVML,
  NVML_CLOCK_GRAPHICS,
  NVML_CLOCK_MEM,
  NVML_DEVICE_NAME_V2_BUFFER_SIZE,
  NVML_ERROR_INSUFFICIENT_SIZE,
  NVML_SUCCESS,
  NVML_TABLE,
  NVML_TEMPERATURE_GPU,
} from "./nvml_symbols.ts";
import {
  nvmlMemory_t,
  nvmlMemory_v2,
  nvmlMemory_v2_t,
  nvmlPciInfo_t,
  nvmlProcessInfo_v1_t,
  nvmlProcessInfo_v2_t,
  nvmlProcessUtilizationSample_t,
  nvmlUtilization_t,
} from "./nvml_structs.ts";

type Nvml = NativeLibrary<typeof NVML_TABLE>["symbols"];

/** NVML's "not available" for a u64 (`NVML_VALUE_NOT_AVAILABLE` cast to unsigned long long), after conversion. */
const NOT_AVAILABLE_U64 = 2 ** 64 - 2 ** 12;

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

/** Normalises an NVML bus id (`00000000:01:00.0`) to sysfs's form (`0000:01:00.0`), lower case. */
export function normaliseBusId(s: string): string | null {
  const m = /^([0-9a-f]+):([0-9a-f]{2}):([0-9a-f]{2})\.([0-7])$/i.exec(s.trim());
  if (!m) return null;
  const domain = parseInt(m[1], 16).toString(16).padStart(4, "0");
  return `${domain}:${m[2]}:${m[3]}.${m[4]}`.toLowerCase();
}

/** Decodes `nvmlPciInfo_t` to the normalised bus id and the PCI device id. */
export function decodePciInfo(bytes: Uint8Array): { busId: string | null; pciDeviceId: number } {
  const d = decode(nvmlPciInfo_t, view(bytes), 0, "lp64");
  return { busId: normaliseBusId(fromCString(d.busId)), pciDeviceId: d.pciDeviceId };
}

/** Decodes `nvmlMemory_t` or `nvmlMemory_v2_t` (bytes). */
export function decodeMemory(bytes: Uint8Array, version: 1 | 2): { total: number; used: number; free: number } {
  const d = version === 2
    ? decode(nvmlMemory_v2_t, view(bytes), 0, "lp64")
    : decode(nvmlMemory_t, view(bytes), 0, "lp64");
  return { total: d.total, used: d.used, free: d.free };
}

/** Decodes `nvmlUtilization_t` (percent). */
export function decodeUtilization(bytes: Uint8Array): { gpu: number; memory: number } {
  return decode(nvmlUtilization_t, view(bytes), 0, "lp64");
}

/** Decodes `count` process infos of the given layout: pid and used GPU memory (`null` when NVML cannot tell). */
export function decodeProcessInfos(
  bytes: Uint8Array,
  count: number,
  layout: typeof nvmlProcessInfo_v1_t | typeof nvmlProcessInfo_v2_t,
): { pid: number; usedGpuMemory: number | null }[] {
  const size = sizeOf(layout as StructDef<readonly Field[]>, "lp64");
  const v = view(bytes);
  const out: { pid: number; usedGpuMemory: number | null }[] = [];
  for (let i = 0; i < count; i++) {
    const d = decode(layout as typeof nvmlProcessInfo_v1_t, v, i * size, "lp64");
    out.push({ pid: d.pid, usedGpuMemory: d.usedGpuMemory >= NOT_AVAILABLE_U64 ? null : d.usedGpuMemory });
  }
  return out;
}

/** Decodes `count` process utilisation samples, keeping the newest per pid. */
export function decodeProcessSamples(
  bytes: Uint8Array,
  count: number,
): Map<number, { sm: number; mem: number; enc: number; dec: number }> {
  const size = sizeOf(nvmlProcessUtilizationSample_t, "lp64");
  const v = view(bytes);
  const newest = new Map<number, { t: number; sm: number; mem: number; enc: number; dec: number }>();
  for (let i = 0; i < count; i++) {
    const d = decode(nvmlProcessUtilizationSample_t, v, i * size, "lp64");
    const prev = newest.get(d.pid);
    if (prev && prev.t >= d.timeStamp) continue;
    newest.set(d.pid, { t: d.timeStamp, sm: d.smUtil, mem: d.memUtil, enc: d.encUtil, dec: d.decUtil });
  }
  return new Map([...newest].map(([pid, { sm, mem, enc, dec }]) => [pid, { sm, mem, enc, dec }]));
}

let lib: Nvml | null | undefined;

/** NVML opened and initialised, or `null` when the library or the driver is missing. Tried once. */
function nvml(): Nvml | null {
  if (lib !== undefined) return lib;
  try {
    const n = openLibrary(NVML, NVML_TABLE).symbols;
    lib = n.nvmlInit_v2() === NVML_SUCCESS ? n : null;
  } catch (e) {
    if (e instanceof MissingPermissionError) throw e; // not a missing GPU: the caller must add --allow-ffi
    lib = null; // LibraryNotFoundError: no NVIDIA driver installed
  }
  return lib;
}

function u32(call: (out: Uint32Array) => number): number | null {
  const out = new Uint32Array(1);
  return call(out) === NVML_SUCCESS ? out[0] : null;
}

type ProcFn = (dev: Pointer, count: Uint32Array, buf: Uint8Array | null) => number;

/** Runs a running-processes call with the newest layout the library exports; grows the buffer as NVML asks. */
function runningProcesses(
  n: Nvml,
  dev: Pointer,
  kind: "Compute" | "Graphics",
): { pid: number; usedGpuMemory: number | null }[] {
  const v3 = n[`nvmlDeviceGet${kind}RunningProcesses_v3`];
  const v2 = n[`nvmlDeviceGet${kind}RunningProcesses_v2`];
  const v1 = n[`nvmlDeviceGet${kind}RunningProcesses`];
  const fn = (v3 ?? v2 ?? v1) as ProcFn | null;
  if (fn === null) return [];
  const layout = v3 !== null || v2 !== null ? nvmlProcessInfo_v2_t : nvmlProcessInfo_v1_t;
  const count = new Uint32Array(1);
  let rc = fn(dev, count, null);
  for (let tries = 0; rc === NVML_ERROR_INSUFFICIENT_SIZE && tries < 4; tries++) {
    const cap = count[0] + 8;
    const buf = new Uint8Array(cap * sizeOf(layout, "lp64"));
    count[0] = cap;
    rc = fn(dev, count, buf);
    if (rc === NVML_SUCCESS) return decodeProcessInfos(buf, count[0], layout);
  }
  return [];
}

function processSamples(n: Nvml, dev: Pointer): ReturnType<typeof decodeProcessSamples> {
  const fn = n.nvmlDeviceGetProcessUtilization;
  if (fn === null) return new Map();
  const count = new Uint32Array(1);
  const rc = fn(dev, null, count, 0);
  if (rc !== NVML_ERROR_INSUFFICIENT_SIZE && rc !== NVML_SUCCESS) return new Map();
  if (count[0] === 0) return new Map();
  const buf = new Uint8Array((count[0] + 8) * sizeOf(nvmlProcessUtilizationSample_t, "lp64"));
  count[0] += 8;
  return fn(dev, buf, count, 0) === NVML_SUCCESS ? decodeProcessSamples(buf, count[0]) : new Map();
}

function readDevice(n: Nvml, index: number, dev: Pointer): Gpu {
  const name = new Uint8Array(NVML_DEVICE_NAME_V2_BUFFER_SIZE);
  const gotName = n.nvmlDeviceGetName?.(dev, name, name.length) === NVML_SUCCESS;
  const pci = new Uint8Array(sizeOf(nvmlPciInfo_t, "lp64"));
  const pciFn = n.nvmlDeviceGetPciInfo_v3 ?? n.nvmlDeviceGetPciInfo_v2;
  const busId = pciFn?.(dev, pci) === NVML_SUCCESS ? decodePciInfo(pci).busId : null;
  const util = new Uint8Array(sizeOf(nvmlUtilization_t, "lp64"));
  const u = n.nvmlDeviceGetUtilizationRates?.(dev, util) === NVML_SUCCESS ? decodeUtilization(util) : null;
  let memory: { total: number; used: number } | null = null;
  if (n.nvmlDeviceGetMemoryInfo_v2 !== null) {
    const b = new Uint8Array(sizeOf(nvmlMemory_v2_t, "lp64"));
    view(b).setUint32(0, nvmlMemory_v2, true);
    if (n.nvmlDeviceGetMemoryInfo_v2(dev, b) === NVML_SUCCESS) memory = decodeMemory(b, 2);
  }
  if (memory === null && n.nvmlDeviceGetMemoryInfo !== null) {
    const b = new Uint8Array(sizeOf(nvmlMemory_t, "lp64"));
    if (n.nvmlDeviceGetMemoryInfo(dev, b) === NVML_SUCCESS) memory = decodeMemory(b, 1);
  }
  const temp = n.nvmlDeviceGetTemperature;
  const clock = n.nvmlDeviceGetClockInfo;
  const powerFn = n.nvmlDeviceGetPowerUsage;
  const power = powerFn === null ? null : u32((o) => powerFn(dev, o));
  const samples = processSamples(n, dev);
  const procs = new Map<number, GpuProcess>();
  for (const p of [...runningProcesses(n, dev, "Compute"), ...runningProcesses(n, dev, "Graphics")]) {
    if (procs.has(p.pid)) continue; // a process both computing and drawing is listed twice
    const s = samples.get(p.pid);
    procs.set(p.pid, {
      pid: p.pid,
      memory: p.usedGpuMemory,
      memoryRegions: {},
      engines: {},
      smUtilization: s?.sm ?? null,
      memoryUtilization: s?.mem ?? null,
      encoderUtilization: s?.enc ?? null,
      decoderUtilization: s?.dec ?? null,
    });
  }
  return {
    index,
    name: gotName ? fromCString(name) : `NVIDIA GPU ${index}`,
    vendor: "nvidia",
    driver: "nvidia",
    busId,
    utilization: u?.gpu ?? null,
    memoryUtilization: u?.memory ?? null,
    memoryUsed: memory?.used ?? null,
    memoryTotal: memory?.total ?? null,
    temperature: temp === null ? null : u32((o) => temp(dev, NVML_TEMPERATURE_GPU, o)),
    power: power === null ? null : power / 1000,
    clockGraphics: clock === null ? null : u32((o) => clock(dev, NVML_CLOCK_GRAPHICS, o)),
    clockMemory: clock === null ? null : u32((o) => clock(dev, NVML_CLOCK_MEM, o)),
    processes: [...procs.values()],
  };
}

/** Every NVIDIA GPU NVML reports; empty without the library or the driver. */
export function nvmlGpus(): Gpu[] {
  const n = nvml();
  if (n === null) return [];
  const count = u32((o) => n.nvmlDeviceGetCount_v2(o));
  if (count === null) return [];
  const a = requireAdapter("NVML");
  const out: Gpu[] = [];
  const handle = new BigUint64Array(1);
  for (let i = 0; i < count; i++) {
    if (n.nvmlDeviceGetHandleByIndex_v2(i, handle) !== NVML_SUCCESS) continue; // e.g. a GPU lost off the bus
    out.push(readDevice(n, out.length, a.pointerFrom(handle[0])));
  }
  return out;
}

/**
 * AMD and Intel GPUs (and any DRM device) through sysfs: `<sysfs>/class/drm/cardN/device` (PCI ids, uevent,
 * amdgpu's gpu_busy_percent and mem_info_vram_*, hwmon), i915's and xe's frequency files; and per-process use from
 * the DRM keys of `/proc/<pid>/fdinfo/<fd>` (the kernel's Documentation/gpu/drm-usage-stats.rst).
 *
 * @module
 */
import { catOrNull } from "./_cat.ts";
import type { Gpu, GpuEngineUse, GpuProcess } from "../../src/gpu_types.ts";
import { SystemCallError } from "../../ffi/errors.ts";
import type { LinuxContext } from "./context.ts";
import { MalformedFileError, num } from "./procfs/_parse.ts";

/** PCI vendor ids tsutil names. */
export const PCI_VENDORS: Readonly<Record<string, string>> = {
  "0x10de": "nvidia",
  "0x1002": "amd",
  "0x8086": "intel",
};

const VENDOR_LABEL: Readonly<Record<string, string>> = { nvidia: "NVIDIA", amd: "AMD", intel: "Intel" };

/** One DRM client as its fdinfo describes it. */
export interface DrmClient {
  /** `drm-driver`. */
  driver: string;
  /** `drm-pdev`, lower case, or `null`. */
  pdev: string | null;
  /** `drm-client-id`, or `null`. */
  clientId: string | null;
  /** Engines. */
  engines: Record<string, GpuEngineUse>;
  /** Resident bytes per memory region. */
  memoryRegions: Record<string, number>;
}

const UNITS: Record<string, number> = { "": 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 };

/** Parses the DRM keys of one fdinfo file; `null` when it is not a DRM client (no `drm-driver`). */
export function parseDrmFdinfo(s: string, file: string): DrmClient | null {
  const kv = new Map<string, string>();
  for (const line of s.split("\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    kv.set(line.slice(0, colon), line.slice(colon + 1).trim());
  }
  const driver = kv.get("drm-driver");
  if (driver === undefined) return null;
  const engines: Record<string, GpuEngineUse> = {};
  const engine = (name: string): GpuEngineUse =>
    engines[name] ??= { busyTime: null, cycles: null, totalCycles: null, capacity: 1 };
  const resident: Record<string, number> = {};
  const legacy: Record<string, number> = {};
  const total: Record<string, number> = {};
  const bytes = (key: string, v: string): number => {
    const [n, unit = ""] = v.split(/\s+/);
    const mult = UNITS[unit];
    if (mult === undefined) throw new MalformedFileError(file, `${key} has unit "${unit}"`);
    return num(n, file, key) * mult;
  };
  for (const [key, v] of kv) {
    if (!key.startsWith("drm-")) continue;
    const k = key.slice(4);
    let m: RegExpExecArray | null;
    if ((m = /^engine-capacity-(.+)$/.exec(k))) engine(m[1]).capacity = num(v, file, key);
    else if ((m = /^engine-(.+)$/.exec(k))) {
      const [n, unit] = v.split(/\s+/);
      if (unit !== "ns") throw new MalformedFileError(file, `${key} is not in ns`);
      engine(m[1]).busyTime = num(n, file, key) / 1e9;
    } else if ((m = /^total-cycles-(.+)$/.exec(k))) engine(m[1]).totalCycles = num(v, file, key);
    else if ((m = /^cycles-(.+)$/.exec(k))) engine(m[1]).cycles = num(v, file, key);
    else if ((m = /^resident-(.+)$/.exec(k))) resident[m[1]] = bytes(key, v);
    else if ((m = /^memory-(.+)$/.exec(k))) legacy[m[1]] = bytes(key, v);
    else if ((m = /^total-(.+)$/.exec(k))) total[m[1]] = bytes(key, v);
  }
  // resident is what the process holds; older drivers write only drm-memory-<region>, a few only drm-total-
  const memoryRegions = Object.keys(resident).length ? resident : Object.keys(legacy).length ? legacy : total;
  return {
    driver,
    pdev: kv.get("drm-pdev")?.toLowerCase() ?? null,
    clientId: kv.get("drm-client-id") ?? null,
    engines,
    memoryRegions,
  };
}

function listOrEmpty(ctx: LinuxContext, path: string): string[] {
  try {
    return ctx.io.listDir(path);
  } catch (e) {
    if (e instanceof SystemCallError) return [];
    throw e;
  }
}

/** The DRM clients of `pid` (one per client id: several fds of one client count once). */
export function drmClientsOf(ctx: LinuxContext, pid: number | "self"): DrmClient[] {
  const base = `${ctx.procfs}/${pid}`;
  const seen = new Set<string>();
  const out: DrmClient[] = [];
  for (const fd of listOrEmpty(ctx, `${base}/fd`)) {
    let target: string;
    try {
      target = ctx.io.readlink(`${base}/fd/${fd}`);
    } catch (e) {
      if (e instanceof SystemCallError) continue; // closed meanwhile, or no permission
      throw e;
    }
    if (!target.startsWith("/dev/dri/")) continue;
    const file = `${base}/fdinfo/${fd}`;
    const s = catOrNull(ctx, file);
    if (s === null) continue;
    const c = parseDrmFdinfo(s, file);
    if (c === null) continue;
    const key = `${c.pdev}|${c.clientId ?? `fd${fd}`}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(c);
  }
  return out;
}

/** A `GpuProcess` row from a DRM client. */
export function drmProcess(pid: number, c: DrmClient): GpuProcess {
  const regions = Object.values(c.memoryRegions);
  return {
    pid,
    memory: regions.length ? regions.reduce((a, b) => a + b, 0) : null,
    memoryRegions: c.memoryRegions,
    engines: c.engines,
    smUtilization: null,
    memoryUtilization: null,
    encoderUtilization: null,
    decoderUtilization: null,
  };
}

function numberAt(ctx: LinuxContext, file: string, scale = 1): number | null {
  const s = catOrNull(ctx, file);
  if (s === null || s.trim() === "") return null;
  return num(s.trim(), file, "value") * scale;
}

/** The first hwmon directory of a device, or `null`. */
function hwmonOf(ctx: LinuxContext, dev: string): string | null {
  const names = listOrEmpty(ctx, `${dev}/hwmon`).filter((n) => n.startsWith("hwmon")).sort();
  return names.length ? `${dev}/hwmon/${names[0]}` : null;
}

function firstNumber(ctx: LinuxContext, files: string[], scale = 1): number | null {
  for (const f of files) {
    const v = numberAt(ctx, f, scale);
    if (v !== null) return v;
  }
  return null;
}

/** The DRM cards under `<sysfs>/class/drm` (cardN, not their connectors), one per PCI device. */
export function drmGpus(ctx: LinuxContext): Gpu[] {
  const root = `${ctx.sysfs}/class/drm`;
  const cards = listOrEmpty(ctx, root).filter((n) => /^card\d+$/.test(n))
    .sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
  const out: Gpu[] = [];
  const buses = new Set<string>();
  for (const card of cards) {
    const dev = `${root}/${card}/device`;
    const vendorId = catOrNull(ctx, `${dev}/vendor`)?.trim().toLowerCase();
    if (vendorId === undefined) continue; // not a PCI device (virtual or platform display)
    const deviceId = catOrNull(ctx, `${dev}/device`)?.trim().toLowerCase() ?? "0x0000";
    const uevent = new Map<string, string>();
    for (const line of (catOrNull(ctx, `${dev}/uevent`) ?? "").split("\n")) {
      const eq = line.indexOf("=");
      if (eq > 0) uevent.set(line.slice(0, eq), line.slice(eq + 1));
    }
    const busId = uevent.get("PCI_SLOT_NAME")?.toLowerCase() ?? null;
    if (busId !== null) {
      if (buses.has(busId)) continue;
      buses.add(busId);
    }
    const driver = uevent.get("DRIVER") ?? null;
    const vendor = PCI_VENDORS[vendorId] ?? vendorId;
    const ids = `${vendorId.slice(2).padStart(4, "0")}:${deviceId.slice(2).padStart(4, "0")}`;
    const product = catOrNull(ctx, `${dev}/product_name`)?.trim();
    const hw = hwmonOf(ctx, dev);
    const gt = `${dev}/tile0/gt0/freq0`; // xe
    out.push({
      index: 0,
      name: product ? product : `${VENDOR_LABEL[vendor] ?? vendor} [${ids}]`,
      vendor,
      driver,
      busId,
      utilization: numberAt(ctx, `${dev}/gpu_busy_percent`),
      memoryUtilization: numberAt(ctx, `${dev}/mem_busy_percent`),
      memoryUsed: numberAt(ctx, `${dev}/mem_info_vram_used`),
      memoryTotal: numberAt(ctx, `${dev}/mem_info_vram_total`),
      temperature: hw === null ? null : firstNumber(ctx, [`${hw}/temp1_input`, `${hw}/temp2_input`], 1 / 1000),
      power: hw === null ? null : firstNumber(ctx, [`${hw}/power1_average`, `${hw}/power1_input`], 1 / 1e6),
      clockGraphics: firstNumber(ctx, [`${root}/${card}/gt_act_freq_mhz`, `${gt}/act_freq`, `${gt}/cur_freq`]) ??
        (hw === null ? null : firstNumber(ctx, [`${hw}/freq1_input`], 1 / 1e6)),
      clockMemory: hw === null ? null : firstNumber(ctx, [`${hw}/freq2_input`], 1 / 1e6),
      processes: [],
    });
  }
  return out;
}

/** Every pid's DRM clients (each process's fds scanned once). */
export function allDrmClients(ctx: LinuxContext): Map<number, DrmClient[]> {
  const out = new Map<number, DrmClient[]>();
  for (const name of listOrEmpty(ctx, ctx.procfs)) {
    if (!/^\d+$/.test(name)) continue;
    const clients = drmClientsOf(ctx, Number(name));
    if (clients.length) out.set(Number(name), clients);
  }
  return out;
}

/**
 * Linux GPUs: NVIDIA through NVML, every other DRM device through sysfs, and per-process use joined from NVML's
 * process lists and the DRM fdinfo keys.
 *
 * @module
 */
import type { Gpu, ProcessGpuUsage } from "../../src/gpu_types.ts";
import type { PlatformBackend } from "../backend.ts";
import { NoSuchProcess } from "../../src/errors.ts";
import type { LinuxContext } from "./context.ts";
import { allDrmClients, type DrmClient, drmClientsOf, drmGpus, drmProcess } from "./gpu_drm.ts";
import { nvmlGpus } from "./nvml.ts";

/** Which GPU a DRM client belongs to: by `drm-pdev`, else the only GPU of its driver. */
function owner(gpus: Gpu[], c: DrmClient): Gpu | undefined {
  if (c.pdev !== null) return gpus.find((g) => g.busId === c.pdev);
  const same = gpus.filter((g) => g.driver === c.driver);
  return same.length === 1 ? same[0] : undefined;
}

/** NVML's GPUs (only on the live system, where the library can see them), then the other DRM cards. */
export function readGpus(ctx: LinuxContext, nvml: () => Gpu[] = nvmlGpus): Gpu[] {
  const nv = ctx.live ? nvml() : [];
  const seen = new Set(nv.map((g) => g.busId));
  const drm = drmGpus(ctx).filter((g) => g.busId === null || !seen.has(g.busId));
  const all = [...nv, ...drm];
  all.forEach((g, i) => (g.index = i));
  if (drm.length) {
    for (const [pid, clients] of allDrmClients(ctx)) {
      for (const c of clients) owner(drm, c)?.processes.push(drmProcess(pid, c));
    }
  }
  return all;
}

/** `pid`'s use of each GPU: its rows in NVML's process lists and its DRM clients. */
export function readProcessGpuUsage(
  ctx: LinuxContext,
  pid: number | undefined,
  nvml: () => Gpu[] = nvmlGpus,
): ProcessGpuUsage[] {
  if (pid !== undefined && !ctx.io.exists(`${ctx.procfs}/${pid}`)) throw new NoSuchProcess({ pid });
  const out: ProcessGpuUsage[] = [];
  const nv = ctx.live ? nvml() : [];
  const target = pid ?? Number(ctx.io.readlink(`${ctx.procfs}/self`));
  for (const g of nv) {
    for (const p of g.processes) {
      if (p.pid === target) out.push({ ...p, busId: g.busId, vendor: g.vendor, driver: g.driver });
    }
  }
  const clients = drmClientsOf(ctx, pid ?? "self");
  if (clients.length) {
    const drm = drmGpus(ctx);
    for (const c of clients) {
      const g = owner(drm, c);
      if (g && g.driver === "nvidia") continue; // NVML's row already covers it
      out.push({
        ...drmProcess(target, c),
        busId: c.pdev ?? g?.busId ?? null,
        vendor: g?.vendor ?? c.driver,
        driver: c.driver,
      });
    }
  }
  return out;
}

/** The GPU members of the Linux backend. */
export function linuxGpu(ctx: LinuxContext): Pick<PlatformBackend, "gpus" | "processGpuUsage"> {
  return {
    gpus: (): Gpu[] => readGpus(ctx),
    processGpuUsage: (pid?: number): ProcessGpuUsage[] => readProcessGpuUsage(ctx, pid),
  };
}

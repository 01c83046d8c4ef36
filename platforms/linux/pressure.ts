/**
 * Linux pressure stall information: /proc/pressure/{cpu,memory,io,irq} system-wide, `<cgroup>/*.pressure` for a
 * v2 cgroup. A kernel without PSI (no CONFIG_PSI, or booted with psi=0) raises `UnsupportedError`, never zeros.
 *
 * @module
 */
import type { Pressure, PressureLine, PressureStall, PressureTarget } from "../../src/pressure_types.ts";
import { TsutilError, UnsupportedError } from "../../src/errors.ts";
import { SystemCallError } from "../../ffi/errors.ts";
import type { PlatformBackend } from "../backend.ts";
import type { LinuxContext } from "./context.ts";
import { locateCgroups, relativeTo } from "./cgroup_locate.ts";
import { type CgroupMount, parseCgroupMounts } from "./cgroup_parse.ts";
import { MalformedFileError, num, text } from "./procfs/_parse.ts";

/** Parses one PSI file: `some avg10=0.00 avg60=0.00 avg300=0.00 total=0` and/or a `full …` line (total in µs). */
export function parsePressure(s: string, file: string): PressureStall {
  const out: PressureStall = { some: null, full: null };
  for (const line of s.split("\n")) {
    if (line === "") continue;
    const parts = line.trim().split(/\s+/);
    const kind = parts[0];
    if (kind !== "some" && kind !== "full") throw new MalformedFileError(file, `line starts with "${kind}"`);
    const kv = new Map<string, string>();
    for (const p of parts.slice(1)) {
      const eq = p.indexOf("=");
      if (eq > 0) kv.set(p.slice(0, eq), p.slice(eq + 1));
    }
    const entry: PressureLine = {
      avg10: num(kv.get("avg10"), file, `${kind} avg10`),
      avg60: num(kv.get("avg60"), file, `${kind} avg60`),
      avg300: num(kv.get("avg300"), file, `${kind} avg300`),
      total: num(kv.get("total"), file, `${kind} total`) / 1e6,
    };
    out[kind] = entry;
  }
  if (out.some === null && out.full === null) throw new MalformedFileError(file, "no some/full line");
  return out;
}

const NO_PSI = new Set(["ENOENT", "EOPNOTSUPP", "ENOTSUP"]);

function readStall(ctx: LinuxContext, file: string, optional: boolean, where: string): PressureStall | null {
  let s: string;
  try {
    s = text(ctx.io.read(file));
  } catch (e) {
    if (e instanceof SystemCallError && NO_PSI.has(e.code)) {
      if (optional) return null;
      throw new UnsupportedError(
        "pressure",
        "linux",
        `${where} has no pressure stall information (${file}: ${e.code})`,
      );
    }
    throw e;
  }
  return parsePressure(s, file);
}

/** The directory of the v2 cgroup named by `target`. */
function cgroupDir(ctx: LinuxContext, target: PressureTarget): string {
  if (target.cgroup !== undefined) {
    const self = `${ctx.procfs}/self/mountinfo`;
    let mounts: CgroupMount[];
    try {
      mounts = parseCgroupMounts(text(ctx.io.read(self)), self);
    } catch (e) {
      if (!(e instanceof SystemCallError)) throw e;
      mounts = [];
    }
    const m = mounts.find((x) => x.version === 2);
    if (!m) {
      throw new UnsupportedError("pressure", "linux", "per-cgroup pressure needs the cgroup v2 hierarchy mounted");
    }
    const mp = m.mountpoint === "/sys" || m.mountpoint.startsWith("/sys/")
      ? ctx.sysfs + m.mountpoint.slice(4)
      : m.mountpoint;
    const rel = relativeTo(target.cgroup.startsWith("/") ? target.cgroup : `/${target.cgroup}`, m.root);
    const dir = rel === "/" ? mp : mp + rel;
    if (!ctx.io.exists(dir)) throw new TsutilError(`No cgroup "${target.cgroup}" in the v2 hierarchy (${dir})`);
    return dir;
  }
  const p = locateCgroups(ctx, target.pid);
  if (p === null || p.v2 === null) {
    throw new UnsupportedError("pressure", "linux", "per-cgroup pressure needs the process in a cgroup v2 hierarchy");
  }
  return p.v2.directory;
}

/** Reads pressure for `target`: the system when it names no pid or cgroup. */
export function readPressure(ctx: LinuxContext, target: PressureTarget): Pressure {
  const system = target.pid === undefined && target.cgroup === undefined;
  const dir = system ? `${ctx.procfs}/pressure` : cgroupDir(ctx, target);
  const file = (r: string): string => system ? `${dir}/${r}` : `${dir}/${r}.pressure`;
  const where = system ? "this kernel" : `the cgroup at ${dir}`;
  return {
    cpu: readStall(ctx, file("cpu"), false, where)!,
    memory: readStall(ctx, file("memory"), false, where)!,
    io: readStall(ctx, file("io"), false, where)!,
    irq: readStall(ctx, file("irq"), true, where),
  };
}

/** The pressure member of the Linux backend. */
export function linuxPressure(ctx: LinuxContext): Pick<PlatformBackend, "pressure"> {
  return { pressure: (target: PressureTarget): Pressure => readPressure(ctx, target) };
}

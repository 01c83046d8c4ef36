/**
 * Finds a process's cgroups: its paths from /proc/<pid>/cgroup, the hierarchies' mounts from mountinfo, and so
 * the directory of each controller (v2 unified, v1, or both: hybrid). Shared by the cgroup and pressure readers.
 *
 * @module
 */
import { catOrNull } from "./_cat.ts";
import type { CgroupController, CgroupMode } from "../../src/cgroup_types.ts";
import { NoSuchProcess } from "../../src/errors.ts";
import { SystemCallError } from "../../ffi/errors.ts";
import type { LinuxContext } from "./context.ts";
import { type CgroupMount, parseCgroupMounts, parseProcCgroup } from "./cgroup_parse.ts";
import { text } from "./procfs/_parse.ts";

/** A process's cgroup placement. */
export interface CgroupPlacement {
  /** Layout. */
  mode: CgroupMode;
  /** The v2 hierarchy, when the process has a `0::` line and cgroup2 is mounted. */
  v2: CgroupController | null;
  /** Every controller, by name (v1 names as mounted; v2 controllers from the root's cgroup.controllers). */
  controllers: Record<string, CgroupController>;
  /** The mount root of each controller's hierarchy (to stop walking up there). */
  roots: Record<string, string>;
}

/** The procfs directory name of `pid`: the number, or `self`. */
export function pidDir(pid: number | undefined): string {
  return pid === undefined ? "self" : String(pid);
}

/** Maps a mountpoint in the host's view onto the configured sysfs root (for fixtures and `/host/sys` mounts). */
function rebase(ctx: LinuxContext, mountpoint: string): string {
  if (mountpoint === "/sys") return ctx.sysfs;
  if (mountpoint.startsWith("/sys/")) return ctx.sysfs + mountpoint.slice(4);
  return mountpoint;
}

/** `path` relative to the mount's `root`, as an absolute-looking path (`/` at the mount root). */
export function relativeTo(path: string, root: string): string {
  if (root === "/" || root === "") return path;
  if (path === root) return "/";
  if (path.startsWith(root + "/")) return path.slice(root.length);
  return path; // cgroup namespaces show paths relative to the namespace root already
}

function join(dir: string, rel: string): string {
  return rel === "/" ? dir : dir.replace(/\/+$/, "") + rel;
}

function readMounts(ctx: LinuxContext, pid: number | undefined): CgroupMount[] {
  const self = `${ctx.procfs}/self/mountinfo`;
  const s = catOrNull(ctx, self) ?? catOrNull(ctx, `${ctx.procfs}/${pidDir(pid)}/mountinfo`);
  return s === null ? [] : parseCgroupMounts(s, self);
}

/**
 * Where `pid`'s (default: the caller's) cgroups are, or `null` when the kernel has no cgroups or no cgroup
 * filesystem is mounted.
 *
 * @throws {NoSuchProcess} when `pid` does not exist.
 */
export function locateCgroups(ctx: LinuxContext, pid: number | undefined): CgroupPlacement | null {
  const file = `${ctx.procfs}/${pidDir(pid)}/cgroup`;
  let s: string;
  try {
    s = text(ctx.io.read(file));
  } catch (e) {
    if (e instanceof SystemCallError && (e.code === "ENOENT" || e.code === "ESRCH")) {
      if (pid !== undefined && !ctx.io.exists(`${ctx.procfs}/${pid}`)) throw new NoSuchProcess({ pid, cause: e });
      return null; // the process exists: the kernel was built without cgroups
    }
    throw e;
  }
  const lines = parseProcCgroup(s, file);
  const mounts = readMounts(ctx, pid);
  const controllers: Record<string, CgroupController> = {};
  const roots: Record<string, string> = {};
  let v1 = false;
  for (const line of lines) {
    if (line.id === 0 || line.controllers.length === 0) continue;
    for (const name of line.controllers) {
      const m = mounts.find((x) => x.version === 1 && x.controllers.includes(name));
      if (!m) continue;
      const mountpoint = rebase(ctx, m.mountpoint);
      controllers[name] = {
        version: 1,
        path: line.path,
        mountpoint,
        directory: join(mountpoint, relativeTo(line.path, m.root)),
      };
      roots[name] = m.root;
      v1 = true;
    }
  }
  let v2: CgroupController | null = null;
  const unified = lines.find((l) => l.id === 0 && l.controllers.length === 0);
  const m2 = mounts.find((x) => x.version === 2);
  if (unified && m2) {
    const mountpoint = rebase(ctx, m2.mountpoint);
    v2 = { version: 2, path: unified.path, mountpoint, directory: join(mountpoint, relativeTo(unified.path, m2.root)) };
    const available = catOrNull(ctx, `${mountpoint}/cgroup.controllers`) ?? "";
    for (const name of available.trim().split(/\s+/)) {
      if (name === "" || controllers[name]) continue; // bound to a v1 hierarchy: v1 wins (hybrid)
      controllers[name] = v2;
      roots[name] = m2.root;
    }
  }
  if (!v1 && v2 === null) return null;
  const mode: CgroupMode = v1 && v2 ? "hybrid" : v1 ? "v1" : "v2";
  return { mode, v2, controllers, roots };
}

/**
 * The directories from a controller's cgroup up to its hierarchy's mount root, leaf first, with their cgroup paths.
 */
export function levelsOf(c: CgroupController, root: string): { path: string; directory: string }[] {
  const out: { path: string; directory: string }[] = [];
  let rel = relativeTo(c.path, root);
  for (;;) {
    const full = root === "/" || root === "" ? rel : rel === "/" ? root : root + rel;
    out.push({ path: full, directory: join(c.mountpoint, rel) });
    if (rel === "/" || rel === "") break;
    const cut = rel.lastIndexOf("/");
    rel = cut <= 0 ? "/" : rel.slice(0, cut);
  }
  return out;
}

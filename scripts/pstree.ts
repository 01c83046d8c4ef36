/**
 * `tsutil pstree`: processes as a tree of parents and children, like pstree(1) (psutil's scripts/pstree.py).
 *
 * ```sh
 * deno run --allow-ffi scripts/pstree.ts [PID] [--json]
 * ```
 *
 * @module
 */
import { parse, pidArg } from "./_cli/args.ts";
import { paint } from "./_cli/color.ts";
import { printJson } from "./_cli/json.ts";
import { printLines } from "./_cli/output.ts";
import { scan } from "./_cli/procs.ts";
import { runTool, ToolError } from "./_cli/run.ts";

/** `--help` text. */
export const USAGE = `usage: tsutil pstree [PID] [--json]
Processes as a tree: each process under its parent, as name(pid). With PID, only that process's subtree.
      --json   print the tree as nested { pid, name, children } objects`;

/** A node of the tree. */
export interface TreeNode {
  /** Process id. */
  pid: number;
  /** Process name (`?` when unreadable). */
  name: string;
  /** Child processes, by pid. */
  children: TreeNode[];
}

/** Builds the forest from `(pid, ppid, name)` triples: roots are processes whose parent is not listed. */
export function buildTree(procs: { pid: number; ppid: number | null; name: string }[]): TreeNode[] {
  const nodes = new Map<number, TreeNode>();
  for (const p of procs) nodes.set(p.pid, { pid: p.pid, name: p.name, children: [] });
  const roots: TreeNode[] = [];
  for (const p of [...procs].sort((a, b) => a.pid - b.pid)) {
    const node = nodes.get(p.pid)!;
    const parent = p.ppid !== null && p.ppid !== p.pid ? nodes.get(p.ppid) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** The lines of a forest, drawn with ASCII branches (`|-`, `` `- ``) as `pstree -A` does. */
export function render(roots: TreeNode[]): string[] {
  const out: string[] = [];
  const walk = (node: TreeNode, prefix: string, branch: string, childPrefix: string): void => {
    out.push(`${prefix}${branch}${paint(node.name, "bold")}(${node.pid})`);
    node.children.forEach((c, i) => {
      const last = i === node.children.length - 1;
      walk(c, prefix + childPrefix, last ? "`- " : "|- ", last ? "   " : "|  ");
    });
  };
  for (const r of roots) walk(r, "", "", "");
  return out;
}

/** Runs `tsutil pstree`. */
export function main(argv: string[]): void {
  const { opts, args } = parse(argv, { usage: USAGE, options: { json: { type: "boolean" } }, positionals: [0, 1] });
  const procs = scan(["pid", "ppid", "name"]).map(({ info }) => ({
    pid: info.pid as number,
    ppid: info.ppid as number | null,
    name: (info.name as string | null) ?? "?",
  }));
  let roots = buildTree(procs);
  if (args.length === 1) {
    const pid = pidArg(args[0]);
    const find = (list: TreeNode[]): TreeNode | undefined => {
      for (const n of list) {
        if (n.pid === pid) return n;
        const hit = find(n.children);
        if (hit) return hit;
      }
      return undefined;
    };
    const node = find(roots);
    if (!node) throw new ToolError(`no process with pid ${pid}`);
    roots = [node];
  }
  if (opts.json) printJson(roots);
  else printLines(render(roots));
}

if (import.meta.main) await runTool("pstree", main);

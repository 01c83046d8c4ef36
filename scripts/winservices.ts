/**
 * `tsutil winservices`: the Windows services with their state, start type and process (psutil's
 * scripts/winservices.py). On other platforms it says there are none and exits 1.
 *
 * ```sh
 * deno run --allow-ffi scripts/winservices.ts [NAME] [--json]
 * ```
 *
 * @module
 */
import {
  UnsupportedError,
  type WindowsService,
  type WindowsServiceInfo,
  winServiceGet,
  winServiceIter,
} from "../mod.ts";
import { parse } from "./_cli/args.ts";
import { paint } from "./_cli/color.ts";
import { printJson } from "./_cli/json.ts";
import { printLines } from "./_cli/output.ts";
import { runTool, ToolError } from "./_cli/run.ts";
import { keyValues, table } from "./_cli/table.ts";
import { lineWidth } from "./_cli/term.ts";

/** `--help` text. */
export const USAGE = `usage: tsutil winservices [NAME] [--json]
Windows services: name, status, start type, pid and display name; with NAME, every field of that service.
Windows only: elsewhere it says so and exits 1.
      --json   print the services' asDict() as JSON`;

/** The services table. */
export function render(list: WindowsServiceInfo[], width: number | null): string[] {
  return table(
    [
      { header: "NAME" },
      { header: "STATUS", style: (t) => (t === "running" ? "green" : t === "stopped" ? null : "yellow") },
      { header: "START" },
      { header: "PID", align: "right" },
      { header: "DISPLAY NAME", flex: true },
    ],
    list.map((s) => [s.name, s.status, s.startType, s.pid === null ? "-" : String(s.pid), s.displayName]),
    { width, gap: 2 },
  );
}

/** One service's fields. */
export function renderOne(s: WindowsServiceInfo): string[] {
  return [
    paint(`${s.name} (${s.displayName})`, "bold"),
    ...keyValues([
      ["status", s.status],
      ["start", s.startType],
      ["pid", s.pid === null ? "-" : String(s.pid)],
      ["username", s.username || "-"],
      ["binpath", s.binpath || "-"],
      ["description", s.description || "-"],
    ], null).map((l) => `    ${l}`),
  ];
}

function services(): WindowsService[] {
  try {
    return [...winServiceIter()];
  } catch (e) {
    if (e instanceof UnsupportedError) {
      throw new ToolError(
        `Windows services are not on this platform (${e.platform}): winServiceIter() is Windows only`,
      );
    }
    throw e;
  }
}

/** Runs `tsutil winservices`. */
export function main(argv: string[]): void {
  const { opts, args } = parse(argv, { usage: USAGE, options: { json: { type: "boolean" } }, positionals: [0, 1] });
  if (args.length === 1) {
    services(); // the platform check, with its clear message
    const one = winServiceGet(args[0]).asDict();
    if (opts.json) printJson(one);
    else printLines(renderOne(one));
    return;
  }
  const list = services().map((s) => s.asDict());
  if (opts.json) printJson(list);
  else printLines(render(list, lineWidth()));
}

if (import.meta.main) await runTool("winservices", main);

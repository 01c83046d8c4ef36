import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import * as tsutil from "../../mod.ts";
import { ROOT } from "../_helpers.ts";
import { runScript, TOOL_RUNTIME } from "./_run.ts";
import { render, renderOne } from "../../scripts/winservices.ts";
import { setColor } from "../../scripts/_cli/color.ts";

setColor(false);

function unsupportedHere(): tsutil.UnsupportedError | null {
  try {
    [...tsutil.winServiceIter()];
    return null;
  } catch (e) {
    if (e instanceof tsutil.UnsupportedError) return e;
    throw e;
  }
}

test("winservices says Windows services are not on this platform, where winServiceIter() is unsupported", () => {
  const e = unsupportedHere();
  const r = runScript("winservices.ts", []);
  if (e === null) {
    assert.equal(r.status, 0);
    return;
  }
  assert.equal(r.status, 1);
  assert.equal(r.stdout, "");
  assert.equal(
    r.stderr,
    `tsutil winservices: Windows services are not on this platform (${e.platform}): winServiceIter() is Windows only\n`,
  );
  assert.equal(runScript("winservices.ts", ["RpcSs", "--json"]).status, 1);
});

const SAMPLE: tsutil.WindowsServiceInfo[] = [
  {
    name: "RpcSs",
    displayName: "Remote Procedure Call (RPC)",
    binpath: "C:\\windows\\system32\\rpcss.exe",
    username: "LocalSystem",
    startType: "manual",
    pid: 224,
    status: "running",
    description: "",
  },
  {
    name: "Spooler",
    displayName: "Print Spooler",
    binpath: "C:\\windows\\system32\\spoolsv.exe",
    username: "LocalSystem",
    startType: "manual",
    pid: null,
    status: "stopped",
    description: "Queues print jobs",
  },
];

test("winservices lays out name, status, start type, pid and display name", () => {
  assert.deepEqual(render(SAMPLE, null), [
    "NAME     STATUS   START   PID  DISPLAY NAME",
    "RpcSs    running  manual  224  Remote Procedure Call (RPC)",
    "Spooler  stopped  manual    -  Print Spooler",
  ]);
  assert.deepEqual(renderOne(SAMPLE[1]), [
    "Spooler (Print Spooler)",
    "    status       stopped",
    "    start        manual",
    "    pid          -",
    "    username     LocalSystem",
    "    binpath      C:\\windows\\system32\\spoolsv.exe",
    "    description  Queues print jobs",
  ]);
});

const WINE = join(ROOT, "scripts", "internal", "wine_deno.sh");
// The Windows build of Deno runs the tool the same way whichever runner runs this file, so only the Deno suite
// pays for starting Wine.
const wineSkip: string | false = TOOL_RUNTIME !== "deno"
  ? "run once, by the Deno suite (the tool runs under Windows Deno either way)"
  : unsupportedHere() === null
  ? "this is Windows: the tools run natively"
  : spawnSync(WINE, ["--check"], { cwd: ROOT, timeout: 120_000 }).status !== 0
  ? "Wine cannot run the Windows build of Deno here"
  : false;

test(
  "winservices --json under Windows Deno (Wine) lists the services with asDict()'s fields",
  { skip: wineSkip, timeout: 300_000 },
  () => {
    const r = spawnSync(WINE, ["run", "--allow-ffi", "scripts/winservices.ts", "--json"], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 240_000,
      env: { ...process.env, NO_COLOR: "1" },
    });
    assert.equal(r.status, 0, r.stderr);
    const list = JSON.parse(r.stdout) as tsutil.WindowsServiceInfo[];
    assert.ok(list.length > 0);
    for (const s of list) {
      assert.deepEqual(Object.keys(s), [
        "name",
        "displayName",
        "binpath",
        "username",
        "startType",
        "pid",
        "status",
        "description",
      ]);
    }
    assert.equal(new Set(list.map((s) => s.name)).size, list.length);
  },
);

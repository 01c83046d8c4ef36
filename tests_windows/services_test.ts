// Windows services through advapi32 under Wine (Wine's services.exe registers a few, e.g. RpcSs and PlugPlay).
import { test } from "node:test";
import assert from "node:assert/strict";
import { NoSuchProcess, NoSuchService, winServiceGet, winServiceIter } from "../mod.ts";

test("winServiceIter() lists services with names and display names", () => {
  const all = [...winServiceIter()];
  assert.ok(all.length > 0);
  for (const s of all) assert.ok(s.name() !== "" && typeof s.displayName() === "string");
  assert.equal(new Set(all.map((s) => s.name())).size, all.length);
});

test("winServiceGet() gives psutil's WindowsService fields", () => {
  const first = [...winServiceIter()][0];
  const s = winServiceGet(first.name());
  assert.equal(s.displayName(), first.displayName());
  const d = s.asDict();
  assert.deepEqual(Object.keys(d), [
    "name",
    "displayName",
    "binpath",
    "username",
    "startType",
    "pid",
    "status",
    "description",
  ]);
  assert.ok(["automatic", "manual", "disabled", "unknown"].includes(d.startType));
  assert.ok(
    ["running", "paused", "start_pending", "pause_pending", "continue_pending", "stop_pending", "stopped"]
      .includes(d.status),
  );
  assert.ok(d.pid === null || (Number.isInteger(d.pid) && d.pid > 0));
  if (d.status === "running") assert.ok(d.pid === null || d.pid > 0);
  assert.equal(typeof d.description, "string");
  assert.ok(d.binpath.length > 0);
});

test("winServiceGet() of an unknown name raises NoSuchService (a NoSuchProcess) naming it", () => {
  assert.throws(() => winServiceGet("tsutil-no-such-service"), (e: unknown) => {
    return e instanceof NoSuchService && e instanceof NoSuchProcess && e.service === "tsutil-no-such-service" &&
      e.message.includes("tsutil-no-such-service");
  });
  assert.throws(() => winServiceGet(""), TypeError);
});

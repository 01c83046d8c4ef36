import { test } from "node:test";
import assert from "node:assert/strict";
import * as tsutil from "../../mod.ts";
import { ok, reap, runScript, spawnNamed, uniqueName } from "./_run.ts";

test("killall signals only the processes with that name, and exits 1 when none", { timeout: 60_000 }, async () => {
  const name = uniqueName("kill");
  const bystander = await spawnNamed(uniqueName("bystander"));
  try {
    const victim = await spawnNamed(name);
    const exited = new Promise<string | null>((r) => victim.once("exit", (_c, sig) => r(sig)));
    const out = JSON.parse(ok("killall.ts", [name, "--json"]));
    assert.deepEqual(out, { signalled: [victim.pid], failed: [] });
    assert.equal(await exited, "SIGTERM");
    const again = await spawnNamed(name);
    const killed = new Promise<string | null>((r) => again.once("exit", (_c, sig) => r(sig)));
    assert.equal(ok("killall.ts", [name, "-s", "KILL"]), "");
    assert.equal(await killed, "SIGKILL");
    const none = runScript("killall.ts", [name]);
    assert.equal(none.status, 1);
    assert.equal(none.stderr, `tsutil killall: ${name}: no process found\n`);
    assert.equal(runScript("killall.ts", [name, "-s", "NOPE"]).status, 2);
    assert.ok(new tsutil.Process(bystander.pid!).isRunning(), "killall touched another process");
  } finally {
    await reap(bystander);
  }
});

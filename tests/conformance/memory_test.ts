import { test } from "node:test";
import assert from "node:assert/strict";
import { createLinuxBackend } from "../../platforms/linux/mod.ts";
import * as tsutil from "../../mod.ts";
import { fixture, near, psutil, retry, skipWithoutPsutil } from "../_helpers.ts";

const skip = skipWithoutPsutil();

function camel(s: string): string {
  return s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

const MiB = 2 ** 20;

test("virtualMemory() has psutil's fields in order; total exact, moving values within 256 MiB", { skip }, async () => {
  await retry(() => {
    const py = psutil<Record<string, number>>(`print(json.dumps(psutil.virtual_memory()._asdict()))`);
    const ours = tsutil.virtualMemory();
    assert.deepEqual(Object.keys(ours), Object.keys(py).map(camel));
    assert.equal(ours.total, py.total);
    // Other test runs share this machine: memory moves between the two reads.
    for (const k of ["available", "used", "free", "active", "inactive", "buffers", "cached", "shared", "slab"]) {
      const v = (ours as unknown as Record<string, number>)[k];
      assert.ok(near(v, py[k], { abs: 256 * MiB }), `${k}: ${v} vs ${py[k]}`);
    }
    assert.ok(near(ours.percent, py.percent, { abs: 1.5 }), `percent: ${ours.percent} vs ${py.percent}`);
  });
});

test("swapMemory() equals psutil's (fields, order and values)", { skip }, async () => {
  await retry(() => {
    const py = psutil<Record<string, number>>(`print(json.dumps(psutil.swap_memory()._asdict()))`);
    const ours = tsutil.swapMemory();
    assert.deepEqual(Object.keys(ours), Object.keys(py).map(camel));
    assert.equal(ours.total, py.total);
    assert.ok(near(ours.used, py.used, { abs: 64 * MiB }));
    assert.ok(near(ours.sin, py.sin, { abs: 64 * MiB }) && near(ours.sout, py.sout, { abs: 64 * MiB }));
  });
});

test("virtualMemory() and swapMemory() equal psutil's exactly on fixture trees (psutil.PROCFS_PATH)", { skip }, () => {
  for (
    const c of [
      "no_memavailable",
      "no_memavailable_no_zoneinfo",
      "meminfo_kernel_2_6_18",
      "meminfo_lxc",
      "vmstat_no_pswp",
    ]
  ) {
    const py = psutil<{ vm: Record<string, number>; swap: Record<string, number> }>(
      `import warnings\nwarnings.simplefilter("ignore")\npsutil.PROCFS_PATH = ${
        JSON.stringify(fixture(`linux/${c}/proc`))
      }\nprint(json.dumps({"vm": psutil.virtual_memory()._asdict(), "swap": psutil.swap_memory()._asdict()}))`,
    );
    const b = createLinuxBackend({ procfs: fixture(`linux/${c}/proc`), sysfs: fixture(`linux/${c}/sys`) });
    const camelize = (o: Record<string, number>): Record<string, number> =>
      Object.fromEntries(Object.entries(o).map(([k, v]) => [camel(k), v]));
    assert.deepEqual(b.virtualMemory!(), camelize(py.vm), c);
    assert.deepEqual(b.swapMemory!(), camelize(py.swap), c);
  }
});

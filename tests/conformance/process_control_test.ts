import { test } from "node:test";
import assert from "node:assert/strict";
import { psutil, skipWithoutPsutil } from "../_helpers.ts";
import { child, control } from "../live/_control_helpers.ts";

const skip = skipWithoutPsutil();

test(
  "nice, ionice, every rlimit and cpu affinity read as psutil reads them (pid 1 and a child)",
  { skip },
  async () => {
    const k = child(["sleep", "30"]);
    const h = control(k.pid);
    try {
      h.niceSet(3);
      h.ioniceSet(2, 4);
      h.rlimitSet(7, 64, 512);
      h.rlimitSet(4, -1, -1);
      for (const pid of [1, k.pid]) {
        const c = control(pid);
        const want = psutil<{ nice: number; ionice: number[]; rlimits: number[][]; affinity: number[] }>(`
p = psutil.Process(${pid})
print(json.dumps({"nice": p.nice(), "ionice": list(p.ionice()), "affinity": p.cpu_affinity(),
                  "rlimits": [list(p.rlimit(r)) for r in range(16)]}))`);
        assert.equal(c.niceGet(), want.nice, `nice of ${pid}`);
        const io = c.ioniceGet();
        assert.deepEqual([io.ioclass, io.value], want.ionice, `ionice of ${pid}`);
        assert.deepEqual(c.cpuAffinityGet(), want.affinity, `affinity of ${pid}`);
        for (let r = 0; r < 16; r++) assert.deepEqual(c.rlimitGet(r), want.rlimits[r], `rlimit ${r} of ${pid}`);
        c.close();
      }
    } finally {
      h.kill();
      h.close();
      await k.exit;
    }
  },
);

test("what psutil sets, tsutil reads", { skip }, async () => {
  const k = child(["sleep", "30"]);
  const h = control(k.pid);
  try {
    psutil(`
p = psutil.Process(${k.pid})
p.nice(9); p.ionice(psutil.IOPRIO_CLASS_BE, 2); p.rlimit(psutil.RLIMIT_NOFILE, (33, 44)); p.cpu_affinity([0])
print("null")`);
    assert.equal(h.niceGet(), 9);
    assert.deepEqual(h.ioniceGet(), { ioclass: 2, value: 2 });
    assert.deepEqual(h.rlimitGet(7), [33, 44]);
    assert.deepEqual(h.cpuAffinityGet(), [0]);
  } finally {
    h.kill();
    h.close();
    await k.exit;
  }
});

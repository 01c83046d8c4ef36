import { test } from "node:test";
import assert from "node:assert/strict";
import { createLinuxBackend } from "../../platforms/linux/mod.ts";
import { setBackend } from "../../src/_backend.ts";
import { fixture } from "../_helpers.ts";
import { diskIoCounters, netConnections, netIoCounters } from "../../mod.ts";
import { wrapCacheClear, wrapNumbers } from "../../src/_wrap_numbers.ts";

function use(snapshot: string): void {
  setBackend(
    createLinuxBackend({
      procfs: fixture(`linux/counter_wrap/${snapshot}/proc`),
      sysfs: fixture(`linux/counter_wrap/${snapshot}/sys`),
    }),
  );
}

test("wrapNumbers adds the last value seen before a drop to every later value, per key and field", () => {
  const name = "test.wrap";
  wrapCacheClear(name);
  assert.deepEqual(wrapNumbers(new Map([["a", [10, 100]]]), name).get("a"), [10, 100]);
  assert.deepEqual(wrapNumbers(new Map([["a", [5, 150]]]), name).get("a"), [15, 150]);
  assert.deepEqual(wrapNumbers(new Map([["a", [7, 160]]]), name).get("a"), [17, 160]);
  assert.deepEqual(wrapNumbers(new Map([["a", [2, 170]]]), name).get("a"), [2 + 7 + 10, 170], "wraps accumulate");
  // A key that disappears loses its adjustment; when it comes back it starts afresh.
  wrapNumbers(new Map([["b", [1, 1]]]), name);
  assert.deepEqual(wrapNumbers(new Map([["a", [3, 1]], ["b", [2, 2]]]), name).get("a"), [3, 1]);
  wrapCacheClear(name);
  assert.deepEqual(wrapNumbers(new Map([["a", [1, 1]]]), name).get("a"), [1, 1], "cleared: first call again");
  wrapCacheClear(name);
});

test("diskIoCounters() keeps growing across a counter wrap (nowrap) until cacheClear()", () => {
  try {
    diskIoCounters.cacheClear();
    use("before");
    assert.equal(diskIoCounters()!.readCount, 4294967000);
    use("after");
    assert.equal(diskIoCounters()!.readCount, 4294967000 + 100);
    assert.equal(diskIoCounters({ perdisk: true }).sda.readCount, 4294967000 + 100);
    use("later");
    assert.equal(diskIoCounters()!.readCount, 4294967000 + 200);
    assert.equal(diskIoCounters({ nowrap: false })!.readCount, 200, "nowrap: false gives the raw value");
    diskIoCounters.cacheClear();
    assert.equal(diskIoCounters()!.readCount, 200);
  } finally {
    diskIoCounters.cacheClear();
    setBackend(undefined);
  }
});

test("netIoCounters() keeps growing across a counter wrap; NICs that vanish drop out of the sum", () => {
  try {
    netIoCounters.cacheClear();
    use("before");
    const t0 = netIoCounters()!;
    assert.equal(t0.bytesRecv, 4294967000 + 1000);
    use("after");
    const perNic = netIoCounters({ pernic: true });
    assert.equal(perNic.eth0.bytesRecv, 4294967000 + 500);
    assert.equal(perNic.lo.bytesRecv, 1100);
    use("later");
    const t2 = netIoCounters()!;
    assert.equal(t2.bytesRecv, 4294967000 + 900, "lo is gone: only eth0, still adjusted");
    assert.equal(t2.packetsSent, 52);
    netIoCounters.cacheClear();
    assert.equal(netIoCounters()!.bytesRecv, 900);
  } finally {
    netIoCounters.cacheClear();
    setBackend(undefined);
  }
});

test("diskIoCounters and netIoCounters keep separate wrap caches", () => {
  try {
    diskIoCounters.cacheClear();
    netIoCounters.cacheClear();
    use("before");
    diskIoCounters();
    netIoCounters();
    netIoCounters.cacheClear();
    use("after");
    assert.equal(diskIoCounters()!.readCount, 4294967100, "disk cache survived the net cache_clear");
    assert.equal(netIoCounters({ pernic: true }).eth0.bytesRecv, 500);
  } finally {
    diskIoCounters.cacheClear();
    netIoCounters.cacheClear();
    setBackend(undefined);
  }
});

test("argument checks: unknown kind is a TypeError naming the valid kinds; flags must be booleans", () => {
  assert.throws(() => netConnections("tcp5" as "tcp"), (e: unknown) => {
    return e instanceof TypeError && /"tcp5"/.test(e.message) && /"inet6"/.test(e.message) && /"all"/.test(e.message);
  });
  assert.throws(() => diskIoCounters({ perdisk: 1 as unknown as boolean }), TypeError);
  assert.throws(() => netIoCounters({ nowrap: "no" as unknown as boolean }), TypeError);
});

test("empty tables: no disk gives null (or {} per disk), as psutil gives None", () => {
  try {
    setBackend({ os: "linux", diskIoCounters: () => new Map(), netIoCounters: () => new Map() });
    assert.equal(diskIoCounters(), null);
    assert.deepEqual(diskIoCounters({ perdisk: true }), {});
    assert.equal(netIoCounters(), null);
    assert.deepEqual(netIoCounters({ pernic: true }), {});
  } finally {
    setBackend(undefined);
  }
});

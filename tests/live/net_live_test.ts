import { test } from "node:test";
import assert from "node:assert/strict";
import * as net from "node:net";
import * as dgram from "node:dgram";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tsutil from "../../mod.ts";
import { backend } from "../../src/_backend.ts";

function listen(server: net.Server, ...args: unknown[]): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    (server.listen as (...a: unknown[]) => void)(...args, () => resolve());
  });
}

function close(server: net.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

test("a TCP server this test listens on shows up with our pid, LISTEN and its port", async () => {
  const server = net.createServer();
  await listen(server, 0, "127.0.0.1");
  try {
    const port = (server.address() as net.AddressInfo).port;
    const mine = tsutil.netConnections("tcp4").filter((c) =>
      c.laddr !== null && typeof c.laddr === "object" && c.laddr.port === port
    );
    assert.equal(mine.length, 1);
    assert.equal(mine[0].pid, process.pid);
    assert.equal(mine[0].status, tsutil.CONN_LISTEN);
    assert.deepEqual(mine[0].laddr, { ip: "127.0.0.1", port });
    assert.equal(mine[0].raddr, null);
    assert.equal(mine[0].family, tsutil.AF_INET);
    assert.equal(mine[0].type, tsutil.SOCK_STREAM);
    assert.ok(mine[0].fd >= 0);
    // The per-process form (what Process.netConnections calls) finds it too, and only our sockets.
    const own = backend().netConnections!("inet", process.pid);
    assert.ok(own.some((c) => c.fd === mine[0].fd && c.status === "LISTEN"));
    assert.ok(own.every((c) => c.pid === process.pid));
  } finally {
    await close(server);
  }
});

test("an established TCP connection shows both ends, each with its addresses swapped", async () => {
  const server = net.createServer((s) => s.on("error", () => {}));
  await listen(server, 0, "127.0.0.1");
  const port = (server.address() as net.AddressInfo).port;
  const client = net.connect(port, "127.0.0.1");
  await new Promise<void>((r) => client.once("connect", () => r()));
  try {
    const local = client.localPort!;
    const conns = tsutil.netConnections("tcp");
    const out = conns.find((c) =>
      c.status === "ESTABLISHED" && typeof c.raddr === "object" && c.raddr?.port === port &&
      typeof c.laddr === "object" && c.laddr?.port === local
    );
    const back = conns.find((c) =>
      c.status === "ESTABLISHED" && typeof c.laddr === "object" && c.laddr?.port === port &&
      typeof c.raddr === "object" && c.raddr?.port === local
    );
    assert.ok(out, "client side");
    assert.ok(back, "server side");
    assert.equal(out.pid, process.pid);
    assert.equal(back.pid, process.pid);
  } finally {
    client.destroy();
    await close(server);
  }
});

test("a bound UDP socket shows up as SOCK_DGRAM with status NONE and no remote address", async () => {
  const sock = dgram.createSocket("udp4");
  await new Promise<void>((r) => sock.bind(0, "127.0.0.1", () => r()));
  try {
    const port = sock.address().port;
    const mine = tsutil.netConnections("udp").filter((c) =>
      c.laddr !== null && typeof c.laddr === "object" && c.laddr.port === port
    );
    assert.equal(mine.length, 1);
    assert.deepEqual(
      { ...mine[0], fd: 0 },
      { fd: 0, family: 2, type: 2, laddr: { ip: "127.0.0.1", port }, raddr: null, status: "NONE", pid: process.pid },
    );
  } finally {
    await new Promise<void>((r) => sock.close(() => r()));
  }
});

test("a UNIX socket server shows up with its path as laddr", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tsutil-unix-"));
  const path = join(dir, "server sock"); // a space: the kernel writes it as is
  const server = net.createServer();
  await listen(server, path);
  try {
    const mine = tsutil.netConnections("unix").filter((c) => c.laddr === path);
    assert.equal(mine.length, 1);
    assert.equal(mine[0].pid, process.pid);
    assert.equal(mine[0].family, tsutil.AF_UNIX);
    assert.equal(mine[0].type, tsutil.SOCK_STREAM);
    assert.equal(mine[0].raddr, "");
    assert.equal(mine[0].status, tsutil.CONN_NONE);
    assert.ok(tsutil.netConnections("all").some((c) => c.laddr === path));
    assert.ok(!tsutil.netConnections("inet").some((c) => c.laddr === path));
  } finally {
    await close(server);
    rmSync(dir, { recursive: true, force: true });
  }
});

test("netIfAddrs has the loopback addresses; netIfStats has lo up and running", () => {
  const lo = tsutil.netIfAddrs().lo;
  assert.ok(lo.some((a) => a.family === tsutil.AF_INET && a.address === "127.0.0.1" && a.netmask === "255.0.0.0"));
  assert.ok(lo.some((a) => a.family === tsutil.AF_LINK && a.address === "00:00:00:00:00:00"));
  const s = tsutil.netIfStats().lo;
  assert.equal(s.isup, true);
  assert.ok(s.flags.split(",").includes("loopback"));
});

test("disk functions on this machine: / is mounted, the counters only grow", () => {
  assert.ok(tsutil.diskPartitions({ all: true }).some((p) => p.mountpoint === "/"));
  const a = tsutil.diskIoCounters();
  const b = tsutil.diskIoCounters();
  if (a !== null && b !== null) assert.ok(b.readCount >= a.readCount && b.writeBytes >= a.writeBytes);
  const n1 = tsutil.netIoCounters()!;
  const n2 = tsutil.netIoCounters()!;
  assert.ok(n2.bytesRecv >= n1.bytesRecv);
});

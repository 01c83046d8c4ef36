import { test } from "node:test";
import assert from "node:assert/strict";
import * as net from "node:net";
import * as dgram from "node:dgram";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tsutil from "../../mod.ts";
import { backend } from "../../src/_backend.ts";
import { linuxContext } from "../../platforms/linux/context.ts";
import { netConnections as netConnectionsOf } from "../../platforms/linux/net_connections.ts";
import { waitFor } from "../_helpers.ts";

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

/** Every TCP connection of ours or on our ports, as comparable keys, through `ctx`'s way of reading the tables. */
function tcpKeys(procfs: string | undefined, ports: Set<number>): string[] {
  const ctx = linuxContext(procfs === undefined ? {} : { procfs });
  return netConnectionsOf(ctx, "tcp")
    .filter((c) =>
      c.pid === process.pid ||
      [c.laddr, c.raddr].some((a) => a !== null && typeof a === "object" && ports.has(a.port))
    )
    .map((c) => JSON.stringify(c))
    .sort();
}

test("TCP through sock_diag netlink equals TCP through /proc/net/tcp{,6}: listeners, v4, v6, v4-mapped, TIME_WAIT, CLOSE_WAIT", async () => {
  // Half-open allowed: a peer's FIN leaves the server side in CLOSE_WAIT until it ends too.
  const v4 = net.createServer({ allowHalfOpen: true }, (s) => held.push(s));
  const v6 = net.createServer((s) => held.push(s));
  const dual = net.createServer((s) => held.push(s));
  const held: net.Socket[] = [];
  const connect = (port: number, host: string): Promise<net.Socket> =>
    new Promise((resolve, reject) => {
      const c = net.connect(port, host, () => resolve(c));
      c.once("error", reject);
    });
  await listen(v4, 0, "127.0.0.1");
  await listen(v6, 0, "::1");
  await listen(dual, { port: 0, host: "::", ipv6Only: false });
  const port = (s: net.Server): number => (s.address() as net.AddressInfo).port;
  const clients: net.Socket[] = [];
  try {
    clients.push(await connect(port(v4), "127.0.0.1"), await connect(port(v6), "::1"));
    clients.push(await connect(port(dual), "127.0.0.1")); // an IPv4 peer on an IPv6 socket: ::ffff:127.0.0.1
    // We close first: our side goes to TIME_WAIT once the server side closes too.
    const tw = await connect(port(v4), "127.0.0.1");
    await waitFor(() => held.length >= 4);
    const twPeer = held[held.length - 1];
    await new Promise<void>((r) => tw.end(r));
    twPeer.end();
    // The server's peer closes: its side stays in CLOSE_WAIT while ours (FIN_WAIT2) waits.
    const cw = await connect(port(v4), "127.0.0.1");
    await waitFor(() => held.length >= 5);
    const cwPeer = held[held.length - 1];
    cw.end();
    const ports = new Set([port(v4), port(v6), port(dual)]);
    const statuses = await waitFor(() => {
      const s = new Set(
        tsutil.netConnections("tcp").filter((c) =>
          [c.laddr, c.raddr].some((a) => a !== null && typeof a === "object" && ports.has(a.port))
        ).map((c) => c.status),
      );
      return s.has("TIME_WAIT") && s.has("CLOSE_WAIT") ? s : null;
    });
    for (const s of ["LISTEN", "ESTABLISHED", "TIME_WAIT", "CLOSE_WAIT"]) assert.ok(statuses.has(s), s);
    // "/proc/." reads the live files under a root that does not count as the live one: the file path.
    const viaNetlink = tcpKeys(undefined, ports);
    const viaFiles = tcpKeys("/proc/.", ports);
    assert.deepEqual(viaNetlink, viaFiles);
    assert.ok(viaNetlink.some((k) => k.includes("::ffff:127.0.0.1")), "the v4-mapped connection is there");
    cwPeer.destroy();
  } finally {
    for (const c of [...clients, ...held]) c.destroy();
    await Promise.all([close(v4), close(v6), close(dual)]);
  }
});

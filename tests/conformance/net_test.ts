import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as tsutil from "../../mod.ts";
import type { NetConnection } from "../../mod.ts";
import { createLinuxBackend } from "../../platforms/linux/mod.ts";
import { formatIpv6 } from "../../platforms/linux/net_ntop.ts";
import { fixture, near, psutil, PYTHON, ROOT, skipWithoutPsutil } from "../_helpers.ts";
import { RUNTIME } from "../../ffi/mod.ts";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const skip = skipWithoutPsutil();

type PyAddr = [string, number] | [] | string;
type PyConn = [number, number, number, PyAddr, PyAddr, string, number | null];

const PY_CONNS = `
def a(x):
    return list(x) if isinstance(x, tuple) else x
print(json.dumps([[c.fd, int(c.family), int(c.type), a(c.laddr), a(c.raddr), c.status, c.pid]
                  for c in psutil.net_connections(sys.argv[1] if len(sys.argv) > 1 else "all")]))`;

function pyKey(c: PyConn, withFd = true): string {
  const addr = (x: PyAddr): string => typeof x === "string" ? x : x.length === 0 ? "-" : `${x[0]}#${x[1]}`;
  return [withFd ? c[0] : "", c[1], c[2], addr(c[3]), addr(c[4]), c[5], c[6]].join("|");
}

function ourKey(c: NetConnection, withFd = true): string {
  const addr = (x: NetConnection["laddr"]): string =>
    x === null ? "-" : typeof x === "string" ? x : `${x.ip}#${x.port}`;
  return [withFd ? c.fd : "", c.family, c.type, addr(c.laddr), addr(c.raddr), c.status, c.pid].join("|");
}

function pyConns(kind = "all", procfs?: string): PyConn[] {
  const setRoot = procfs ? `psutil.PROCFS_PATH = ${JSON.stringify(procfs)}\n` : "";
  const r = spawnSync(PYTHON, ["-c", `import json, sys, psutil\n${setRoot}${PY_CONNS}`, kind], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as PyConn[];
}

test("netConnections('all') on the fixture tree equals psutil's with PROCFS_PATH on it", { skip }, () => {
  const root = fixture("linux/net_tables/proc");
  const ours = createLinuxBackend({ procfs: root, sysfs: fixture("linux/net_tables/sys") }).netConnections!("all");
  // psutil 5.9 drops a UNIX path containing a space (it splits the line on blanks); tsutil keeps it.
  const adjusted = ours.map((c) => c.laddr === "/tmp/with space.sock" ? { ...c, laddr: "" } : c);
  assert.deepEqual(new Set(adjusted.map((c) => ourKey(c))), new Set(pyConns("all", root).map((c) => pyKey(c))));
});

test("netConnections(kind) matches psutil on this machine (sockets stable across both reads)", { skip }, async () => {
  // A listening socket of our own, so that the comparison always has an owned entry.
  const net = await import("node:net");
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  try {
    for (const kind of ["all", "tcp", "udp", "unix", "inet6"] as const) {
      const py1 = new Set(pyConns(kind).map((c) => pyKey(c, false)));
      const ours1 = new Set(tsutil.netConnections(kind).map((c) => ourKey(c, false)));
      const py2 = new Set(pyConns(kind).map((c) => pyKey(c, false)));
      const ours2 = new Set(tsutil.netConnections(kind).map((c) => ourKey(c, false)));
      // Sockets that exist throughout (psutil saw them before and after us) must be in ours, and vice versa.
      // The fd is left out: it is the same socket, but the child's stdio pipes come and go between reads.
      // Our own UNIX sockets are left out too: the runtime's spawnSync plumbing to the psutil child (socketpairs)
      // exists exactly while psutil looks, and never while we do.
      const plumbing = (k: string): boolean => k.startsWith("|1|") && k.endsWith(`|${process.pid}`);
      const stablePy = [...py1].filter((k) => py2.has(k) && !plumbing(k));
      const stableOurs = [...ours1].filter((k) => ours2.has(k));
      for (const k of stablePy) assert.ok(ours1.has(k) || ours2.has(k), `${kind}: psutil has ${k}, tsutil does not`);
      for (const k of stableOurs) assert.ok(py1.has(k) || py2.has(k), `${kind}: tsutil has ${k}, psutil does not`);
    }
    const port = (server.address() as { port: number }).port;
    const py = pyConns("tcp4").filter((c) => Array.isArray(c[3]) && c[3][1] === port);
    assert.equal(py.length, 1);
    assert.equal(py[0][6], process.pid, "psutil credits our listening socket to us too");
  } finally {
    await new Promise((r) => server.close(r));
  }
});

test("netIfAddrs() equals psutil.net_if_addrs() exactly (NIC order, entry order, every field)", { skip }, () => {
  const py = psutil<Record<string, [number, string, string | null, string | null, string | null][]>>(
    `print(json.dumps({k: [[int(a.family), a.address, a.netmask, a.broadcast, a.ptp] for a in v]
                       for k, v in psutil.net_if_addrs().items()}))`,
  );
  const ours = tsutil.netIfAddrs();
  assert.deepEqual(Object.keys(ours), Object.keys(py));
  for (const [nic, list] of Object.entries(ours)) {
    assert.deepEqual(list.map((a) => [a.family, a.address, a.netmask, a.broadcast, a.ptp]), py[nic], nic);
  }
  assert.ok(Object.values(ours).flat().some((a) => a.family === tsutil.AF_LINK));
});

// Interfaces this machine lacks, made in a network namespace of their own: an IPv4 alias with a label and no
// broadcast, point-to-point IPv4 and IPv6 peers, a tun device (no hardware address), a bridge, link-local IPv6.
const NETNS_SETUP = `set -e
ip link set lo up
ip link add v0 type veth peer name v1
ip link set v0 up; ip link set v1 up
ip addr add 10.9.0.1/24 brd + dev v0
ip addr add 10.9.1.1/24 dev v0 label v0:al
ip addr add 10.8.0.1 peer 10.8.0.2 dev v0
ip -6 addr add 2001:db8::1/64 dev v0
ip -6 addr add fd00::5 peer fd00::6 dev v1
ip tuntap add t0 mode tun
ip link set t0 up
ip addr add 10.7.0.1 peer 10.7.0.2/32 dev t0
ip -6 addr add fe80::77/64 dev t0
ip link add b0 type bridge
ip addr add 192.168.77.1/16 dev b0
sleep 0.3`;

test("netIfAddrs() equals psutil in a network namespace with aliases, peers, tun, bridge and link-local IPv6", {
  skip: skip || (process.getuid?.() === 0 ? false : "needs root to create a network namespace (unshare -n)"),
}, () => {
  // Under Node this file runs compiled from the npm build: the probe is the compiled one beside it.
  const probe = RUNTIME === "node"
    ? fileURLToPath(new URL("./_netns_probe.js", import.meta.url))
    : join(ROOT, "tests/conformance/_netns_probe.ts");
  const ours = RUNTIME === "deno" ? [process.execPath, "run", "--allow-ffi", probe] : [process.execPath, probe];
  const quote = (a: string): string => `'${a.replaceAll("'", "'\\''")}'`;
  const py = `import json, psutil
print(json.dumps([[k, [[int(a.family), a.address, a.netmask, a.broadcast, a.ptp] for a in v]]
                  for k, v in psutil.net_if_addrs().items()]))`;
  const r = spawnSync("unshare", [
    "-n",
    "bash",
    "-c",
    `${NETNS_SETUP}\n${ours.map(quote).join(" ")}\n${PYTHON} -c ${quote(py)}`,
  ], {
    encoding: "utf8",
  });
  assert.equal(r.status, 0, r.stderr);
  const [tsutilLine, psutilLine] = r.stdout.trim().split("\n");
  const got = JSON.parse(tsutilLine);
  assert.deepEqual(got, JSON.parse(psutilLine));
  const names = got.map((row: [string]) => row[0]);
  for (const nic of ["lo", "v0", "v0:al", "v1", "t0", "b0"]) assert.ok(names.includes(nic), nic);
});

test("netIfStats() equals psutil.net_if_stats() exactly", { skip }, () => {
  const py = psutil<Record<string, [boolean, number, number, number, string]>>(
    `print(json.dumps({k: [s.isup, int(s.duplex), s.speed, s.mtu, s.flags] for k, s in psutil.net_if_stats().items()}))`,
  );
  const ours = tsutil.netIfStats();
  assert.deepEqual(Object.keys(ours), Object.keys(py));
  for (const [nic, s] of Object.entries(ours)) assert.deepEqual([s.isup, s.duplex, s.speed, s.mtu, s.flags], py[nic]);
});

test("netIfStats() from sysfs (non-live roots) agrees with psutil's ioctls on this machine", { skip }, () => {
  const py = psutil<Record<string, [boolean, number, number, number, string]>>(
    `print(json.dumps({k: [s.isup, int(s.duplex), s.speed, s.mtu, s.flags] for k, s in psutil.net_if_stats().items()}))`,
  );
  // "/proc/." and "/sys/." are the live files under roots that do not count as the live ones.
  const viaSysfs = createLinuxBackend({ procfs: "/proc/.", sysfs: "/sys/." }).netIfStats!();
  for (const [nic, s] of viaSysfs) assert.deepEqual([s.isup, s.duplex, s.speed, s.mtu, s.flags], py[nic], nic);
  assert.deepEqual([...viaSysfs.keys()], Object.keys(py));
});

test("netIoCounters(pernic) matches psutil within what moved between the two reads", { skip }, () => {
  const ours0 = tsutil.netIoCounters({ pernic: true, nowrap: false });
  const py = psutil<Record<string, number[]>>(
    `print(json.dumps({k: list(v) for k, v in psutil.net_io_counters(pernic=True).items()}))`,
  );
  const ours1 = tsutil.netIoCounters({ pernic: true, nowrap: false });
  assert.deepEqual(Object.keys(ours1), Object.keys(py));
  const fields = ["bytesSent", "bytesRecv", "packetsSent", "packetsRecv", "errin", "errout", "dropin", "dropout"];
  for (const [nic, c] of Object.entries(ours1)) {
    fields.forEach((f, i) => {
      const v = (c as unknown as Record<string, number>)[f];
      const v0 = (ours0[nic] as unknown as Record<string, number>)[f];
      assert.ok(v0 <= py[nic][i] && py[nic][i] <= v, `${nic}.${f}: ${v0} <= ${py[nic][i]} <= ${v}`);
    });
  }
  const total = tsutil.netIoCounters()!;
  assert.ok(near(total.bytesRecv, Object.values(py).reduce((s, v) => s + v[1], 0), { rel: 0.05, abs: 1 << 20 }));
});

test("formatIpv6 equals Python's socket.inet_ntop on 3000 zero-heavy random addresses", { skip }, () => {
  const rnd = (): number => {
    const r = Math.random();
    return r < 0.45 ? 0 : r < 0.55 ? 0xffff : r < 0.6 ? 1 : Math.floor(Math.random() * 0x10000);
  };
  const addrs: Uint8Array[] = [];
  for (let i = 0; i < 3000; i++) {
    const b = new Uint8Array(16);
    for (let w = 0; w < 8; w++) {
      const v = rnd();
      b[2 * w] = v >> 8;
      b[2 * w + 1] = v & 0xff;
    }
    if (i % 10 === 0) b.fill(0, 0, 10); // IPv4-mapped and -compatible shapes
    addrs.push(b);
  }
  const hex = addrs.map((b) => [...b].map((x) => x.toString(16).padStart(2, "0")).join(""));
  const r = spawnSync(
    PYTHON,
    [
      "-c",
      "import json,sys,socket\nprint(json.dumps([socket.inet_ntop(socket.AF_INET6, bytes.fromhex(h)) for h in json.load(sys.stdin)]))",
    ],
    { input: JSON.stringify(hex), encoding: "utf8" },
  );
  const py = JSON.parse(r.stdout) as string[];
  addrs.forEach((b, i) => assert.equal(formatIpv6(b), py[i], hex[i]));
});

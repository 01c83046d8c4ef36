import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:net";
import * as tsutil from "../../mod.ts";
import { ok, runScript } from "./_run.ts";

test("disk_usage --json lists diskPartitions() with diskUsage() of each mount point", () => {
  const out = JSON.parse(ok("disk_usage.ts", ["--json"]));
  const parts = tsutil.diskPartitions();
  assert.deepEqual(out.map((m: { mountpoint: string }) => m.mountpoint), parts.map((p) => p.mountpoint));
  const root = out.find((m: { mountpoint: string }) => m.mountpoint === "/");
  if (root) assert.equal(root.usage.total, tsutil.diskUsage("/").total);
  const all = JSON.parse(ok("disk_usage.ts", ["--json", "--all"]));
  assert.equal(all.length, tsutil.diskPartitions({ all: true }).length);
});

test("disk_usage prints df-style rows with human sizes", () => {
  const lines = ok("disk_usage.ts").trimEnd().split("\n");
  assert.match(lines[0], /^Device\s+Total\s+Used\s+Free\s+Use\s+Type\s+Mount$/);
  const parts = tsutil.diskPartitions();
  assert.equal(lines.length, 1 + parts.length);
  const rootPart = parts.find((p) => p.mountpoint === "/");
  if (rootPart) {
    const row = lines.find((l) => l.endsWith(" /"))!;
    const u = tsutil.diskUsage("/");
    assert.deepEqual(row.trim().split(/\s+/).slice(0, 2), [rootPart.device, tsutil.bytes2human(u.total)]);
    assert.match(row, /\s\d+(\.\d)?%\s/);
  }
});

test("who prints users(): one row per session, or says nobody is logged in", () => {
  const list = tsutil.users();
  assert.deepEqual(JSON.parse(ok("who.ts", ["--json"])), list);
  const out = ok("who.ts");
  if (list.length === 0) assert.equal(out, "no users logged in\n");
  else {
    assert.match(out, /^USER\s+TTY\s+LOGIN/);
    for (const u of list) assert.ok(out.includes(u.name));
  }
});

function listen(): Promise<Server> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => resolve(s));
  });
}

test("netstat shows this process's listening socket with its pid and program name", async () => {
  const server = await listen();
  try {
    const port = (server.address() as { port: number }).port;
    const name = new tsutil.Process(process.pid).name();
    const out = ok("netstat.ts", ["--kind", "tcp4"]);
    assert.match(out, /^Proto\s+Local address\s+Remote address\s+Status\s+PID\s+Program name$/m);
    const row = out.split("\n").find((l) => l.includes(`127.0.0.1:${port} `));
    assert.ok(row, `no row for 127.0.0.1:${port} in\n${out}`);
    assert.deepEqual(row.trim().split(/\s+/), ["tcp", `127.0.0.1:${port}`, "-", "LISTEN", String(process.pid), name]);
    const json = JSON.parse(ok("netstat.ts", ["--json", "--kind", "tcp"])) as tsutil.NetConnection[];
    const mine = json.find((c) => typeof c.laddr === "object" && c.laddr?.port === port);
    assert.ok(mine);
    assert.equal(mine.pid, process.pid);
    assert.equal(mine.status, tsutil.CONN_LISTEN);
  } finally {
    server.close();
  }
  assert.equal(runScript("netstat.ts", ["--kind", "bogus"]).status, 2);
});

test("ifconfig shows every NIC of netIfStats()/netIfAddrs() with its addresses and counters", () => {
  const json = JSON.parse(ok("ifconfig.ts", ["--json"]));
  const names = [...new Set([...Object.keys(tsutil.netIfStats()), ...Object.keys(tsutil.netIfAddrs())])].sort();
  assert.deepEqual(Object.keys(json), names);
  const out = ok("ifconfig.ts");
  for (const n of names) assert.match(out, new RegExp(`^${n}$`, "m"));
  const lo = tsutil.netIfAddrs().lo;
  if (lo?.some((a) => a.address === "127.0.0.1")) assert.match(out, /^\s+IPv4\s+127\.0\.0\.1, netmask 255\.0\.0\.0$/m);
  assert.match(out, /^\s+incoming\s+bytes=\S+, pkts=\d+, errs=\d+, drops=\d+$/m);
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { createLinuxBackend } from "../../platforms/linux/mod.ts";
import { fixture } from "../_helpers.ts";
import { TsutilError } from "../../mod.ts";
import type { NetConnection } from "../../mod.ts";
import { formatIpv4, formatIpv6 } from "../../platforms/linux/net_ntop.ts";
import { parseNetDev } from "../../platforms/linux/procfs/net_dev.ts";
import { parseUnixTable, type UnixSocket } from "../../platforms/linux/procfs/net_unix.ts";
import { parseInetTable } from "../../platforms/linux/procfs/net_inet.ts";
import { flagNames, ioctlFlags } from "../../platforms/linux/net_if_stats.ts";
import { formatMac } from "../../platforms/linux/net_if_addrs.ts";

const b = createLinuxBackend({
  procfs: fixture("linux/net_tables/proc"),
  sysfs: fixture("linux/net_tables/sys"),
});
const enc = new TextEncoder();

function v6(hex: string): string {
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return formatIpv6(bytes);
}

test("formatIpv6 writes what inet_ntop writes", () => {
  assert.equal(v6("00000000000000000000000000000000"), "::");
  assert.equal(v6("00000000000000000000000000000001"), "::1");
  assert.equal(v6("00000000000000000000ffff7f000001"), "::ffff:127.0.0.1");
  assert.equal(v6("00000000000000000000000001020304"), "::1.2.3.4");
  assert.equal(v6("20010db8000000000000000000000001"), "2001:db8::1");
  assert.equal(v6("20010db8000000010000000000000001"), "2001:db8:0:1::1");
  assert.equal(v6("20010db8000000000001000000000000"), "2001:db8:0:0:1::", "the longer run wins");
  assert.equal(v6("20010db8000100000000000100000000"), "2001:db8:1::1:0:0", "first of two equal runs");
  assert.equal(v6("20010db8000100010001000100010001"), "2001:db8:1:1:1:1:1:1");
  assert.equal(v6("20010000000100010001000100010001"), "2001:0:1:1:1:1:1:1", "a single zero group is not compressed");
  assert.equal(v6("fe800000000000000000000000000000"), "fe80::");
  assert.equal(v6("00000000000000000000000000000002"), "::2");
  assert.equal(formatIpv4(new Uint8Array([10, 0, 0, 255])), "10.0.0.255");
});

test("parseNetDev maps the 16 columns to psutil's fields, names split at the last colon", () => {
  const hdr = "Inter-|\n face |\n";
  const m = parseNetDev(`${hdr}  eth0:1: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n`, "p");
  assert.deepEqual(m.get("eth0:1"), {
    bytesSent: 9,
    bytesRecv: 1,
    packetsSent: 10,
    packetsRecv: 2,
    errin: 3,
    errout: 11,
    dropin: 4,
    dropout: 12,
  });
  assert.throws(() => parseNetDev(`${hdr}  eth0: 1 2 3\n`, "/x/net/dev"), (e: unknown) => e instanceof TsutilError);
});

test("netIoCounters() reads every NIC of the fixture in file order", () => {
  const m = b.netIoCounters!();
  assert.deepEqual([...m.keys()], ["lo", "eth0", "ifb0", "tun0", "gone0"]);
  assert.equal(m.get("eth0")!.dropout, 4);
});

function find(list: NetConnection[], pred: (c: NetConnection) => boolean): NetConnection[] {
  return list.filter(pred);
}

test("netConnections('tcp4') decodes every TCP state, addresses and owners", () => {
  const tcp = b.netConnections!("tcp4");
  const statuses = new Set(tcp.map((c) => c.status));
  for (
    const s of [
      "ESTABLISHED",
      "SYN_SENT",
      "SYN_RECV",
      "FIN_WAIT1",
      "FIN_WAIT2",
      "TIME_WAIT",
      "CLOSE",
      "CLOSE_WAIT",
      "LAST_ACK",
      "LISTEN",
      "CLOSING",
    ]
  ) assert.ok(statuses.has(s), s);
  // Shared by pids 100 and 200: credited to the highest pid, as psutil does.
  assert.deepEqual(find(tcp, (c) => c.status === "LISTEN"), [
    { fd: 7, family: 2, type: 1, laddr: { ip: "127.0.0.1", port: 8080 }, raddr: null, status: "LISTEN", pid: 200 },
  ]);
  assert.deepEqual(find(tcp, (c) => c.status === "ESTABLISHED"), [
    {
      fd: 10,
      family: 2,
      type: 1,
      laddr: { ip: "10.0.0.5", port: 22 },
      raddr: { ip: "10.0.0.1", port: 54321 },
      status: "ESTABLISHED",
      pid: 100,
    },
  ]);
  // Two identical unowned TIME_WAIT lines (inode 0) are reported once, as psutil's set does.
  assert.equal(find(tcp, (c) => c.status === "TIME_WAIT").length, 1);
  assert.deepEqual(find(tcp, (c) => c.status === "SYN_RECV")[0].pid, null);
  assert.equal(find(tcp, (c) => c.status === "SYN_RECV")[0].fd, -1);
});

test("netConnections('inet6') decodes IPv4-mapped, loopback, global and link-local IPv6 addresses", () => {
  const c = b.netConnections!("tcp6");
  const ips = c.map((x) => [x.laddr && typeof x.laddr === "object" ? x.laddr.ip : null, x.status]);
  assert.deepEqual(ips, [
    ["::", "LISTEN"],
    ["::ffff:127.0.0.1", "ESTABLISHED"],
    ["::1", "ESTABLISHED"],
    ["2001:db8::1", "ESTABLISHED"],
    ["fe80::20c:4eff:fe1b:cb88", "LISTEN"],
  ]);
  const mapped = c[1];
  assert.deepEqual(mapped.raddr, { ip: "::ffff:127.0.0.1", port: 50000 });
  assert.equal(mapped.pid, 50);
  assert.equal(mapped.fd, 3);
  assert.deepEqual(c[3].raddr, { ip: "2001:db8::ffff", port: 53248 });
  assert.equal(c[0].family, 10);
});

test("netConnections('udp') reports status NONE, null raddr when unconnected, null laddr when unbound", () => {
  const udp = b.netConnections!("udp");
  assert.equal(udp.length, 4);
  for (const c of udp) assert.equal(c.status, "NONE");
  assert.ok(udp.every((c) => c.type === 2));
  const dns = udp.find((c) => c.laddr !== null && typeof c.laddr === "object" && c.laddr.port === 53)!;
  assert.deepEqual(dns.laddr, { ip: "127.0.0.53", port: 53 });
  assert.equal(dns.raddr, null);
  const connected = udp.find((c) => c.pid === 50 && c.family === 2)!;
  assert.deepEqual(connected.raddr, { ip: "10.0.0.8", port: 53 });
  assert.ok(udp.some((c) => c.laddr === null && c.raddr === null));
  assert.ok(udp.some((c) => c.family === 10 && c.fd === 5 && c.pid === 50));
});

test("netConnections('unix') lists every fd of the owning pid, abstract names, paths with spaces", () => {
  const unix = b.netConnections!("unix");
  const test5001 = find(unix, (c) => c.laddr === "/run/test.sock").map((c) => [c.pid, c.fd]).sort();
  assert.deepEqual(test5001, [[200, 8], [200, 9]]);
  assert.deepEqual(find(unix, (c) => c.laddr === "@abstract-name")[0], {
    fd: 6,
    family: 1,
    type: 2,
    laddr: "@abstract-name",
    raddr: "",
    status: "NONE",
    pid: 50,
  });
  // Two unbound, unowned stream sockets are one entry (psutil returns a set).
  assert.equal(find(unix, (c) => c.laddr === "").length, 1);
  assert.equal(find(unix, (c) => c.laddr === "/tmp/with space.sock")[0].type, 5);
});

test("netConnections(kind) reads only the kind's tables; 'all' is their union", () => {
  const all = b.netConnections!("all");
  const count = (k: Parameters<NonNullable<typeof b.netConnections>>[0]): number => b.netConnections!(k).length;
  assert.equal(count("inet"), count("tcp") + count("udp"));
  assert.equal(count("inet4"), count("tcp4") + count("udp4"));
  assert.equal(count("inet6"), count("tcp6") + count("udp6"));
  assert.equal(all.length, count("inet") + count("unix"));
  assert.ok(b.netConnections!("tcp4").every((c) => c.family === 2 && c.type === 1));
});

test("netConnections(kind, pid) scans only that pid's fds and drops unowned sockets", () => {
  const mine = b.netConnections!("all", 50);
  assert.deepEqual(mine.map((c) => c.fd).sort(), [3, 4, 5, 6]);
  assert.ok(mine.every((c) => c.pid === 50));
  assert.deepEqual(b.netConnections!("all", 100).map((c) => c.fd).sort(), [10, 3, 4]);
  assert.throws(
    () => b.netConnections!("all", 300),
    (e: unknown) => e instanceof TsutilError && /ENOENT/.test(String(e)),
  );
});

test("parseInetTable rejects malformed lines with MalformedFileError", () => {
  const bad = enc.encode("header\n   0: 0100007F:1F90 00000000:0000 0A 0 0 0 0 0 notanumber\n");
  assert.throws(() => parseInetTable(bad, false, "/p/net/tcp", () => {}), (e: unknown) => e instanceof TsutilError);
  const short = enc.encode("header\n   0: 0100007F:1F90\n");
  assert.throws(() => parseInetTable(short, false, "/p/net/tcp", () => {}), /fields/);
});

test("parseUnixTable skips the continuation of a name with a newline (psutil #766)", () => {
  const got: UnixSocket[] = [];
  parseUnixTable(
    enc.encode("Num RefCount\n0: 00000002 0 0 0001 01 7 /a\nb\n0: 00000002 0 0 0002 01 8\n"),
    "p",
    (s) => got.push(s),
  );
  assert.deepEqual(got, [{ type: 1, inode: 7, path: "/a" }, { type: 2, inode: 8, path: "" }]);
});

test("netIfStats() from sysfs: flags as SIOCGIFFLAGS shows them, speed and duplex, NICs without sysfs skipped", () => {
  const m = b.netIfStats!();
  assert.deepEqual(Object.fromEntries(m), {
    lo: { isup: true, duplex: 0, speed: 0, mtu: 65536, flags: "up,loopback,running" },
    eth0: { isup: true, duplex: 2, speed: 1000, mtu: 1500, flags: "up,broadcast,running,multicast" },
    ifb0: { isup: false, duplex: 0, speed: 0, mtu: 1500, flags: "broadcast,noarp" },
    tun0: { isup: true, duplex: 1, speed: 10, mtu: 1400, flags: "up,pointopoint,running,noarp,multicast" },
  });
});

test("ioctlFlags recomputes IFF_RUNNING from operstate; flagNames keeps psutil's order", () => {
  assert.equal(ioctlFlags(0x1043, "down"), 0x1003);
  assert.equal(ioctlFlags(0x1003, "up"), 0x1043);
  assert.equal(ioctlFlags(0x1002, "up"), 0x1002, "not up: not running");
  assert.equal(ioctlFlags(0x11003, "dormant"), 0x1003, "above 16 bits dropped");
  assert.equal(flagNames(0xffff).split(",").length, 16);
  assert.equal(flagNames(0x0), "");
});

test("formatMac pads short hardware addresses to six groups as psutil does", () => {
  assert.equal(formatMac(new Uint8Array([0x02, 0xfc, 0, 0, 0, 1]), 0, 6), "02:fc:00:00:00:01");
  assert.equal(formatMac(new Uint8Array([0xab, 0xcd]), 0, 2), "ab:cd:00:00:00:00");
  assert.equal(formatMac(new Uint8Array(20).fill(0xee), 0, 20).split(":").length, 20);
});

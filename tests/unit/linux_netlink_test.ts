import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeDiagMessages, type TcpSocket } from "../../platforms/linux/net_inet_diag.ts";
import { decodeRtnetlink } from "../../platforms/linux/net_if_addrs.ts";
import type { NicAddress } from "../../mod.ts";

/** Builds netlink messages byte by byte, as the kernel lays them out (little-endian host, 4-byte alignment). */
class Msgs {
  readonly b = new Uint8Array(4096);
  readonly v = new DataView(this.b.buffer);
  n = 0;
  #start = 0;

  begin(type: number, seq: number, flags = 0x2 /* NLM_F_MULTI */): this {
    this.#start = this.n;
    this.v.setUint16(this.n + 4, type, true);
    this.v.setUint16(this.n + 6, flags, true);
    this.v.setUint32(this.n + 8, seq, true);
    this.n += 16;
    return this;
  }
  u8(...xs: number[]): this {
    for (const x of xs) this.b[this.n++] = x;
    return this;
  }
  u16be(x: number): this {
    this.v.setUint16(this.n, x, false);
    this.n += 2;
    return this;
  }
  u32(x: number): this {
    this.v.setUint32(this.n, x, true);
    this.n += 4;
    return this;
  }
  zeros(k: number): this {
    this.n += k;
    return this;
  }
  attr(type: number, data: number[] | string): this {
    const bytes = typeof data === "string" ? [...new TextEncoder().encode(data), 0] : data;
    this.v.setUint16(this.n, 4 + bytes.length, true);
    this.v.setUint16(this.n + 2, type, true);
    this.n += 4;
    this.u8(...bytes);
    this.n = (this.n + 3) & ~3;
    return this;
  }
  end(): this {
    this.v.setUint32(this.#start, this.n - this.#start, true);
    this.n = (this.n + 3) & ~3;
    return this;
  }
  done(seq: number): this {
    return this.begin(3, seq).u32(0).end();
  }
}

/** One inet_diag_msg: family, state, ports, 16-byte addresses (network order), inode. */
function diag(
  m: Msgs,
  seq: number,
  family: number,
  state: number,
  sport: number,
  dport: number,
  src: number[],
  dst: number[],
  inode: number,
): void {
  m.begin(18, seq).u8(family, state, 0, 0).u16be(sport).u16be(dport);
  m.u8(...src, ...new Array(16 - src.length).fill(0)).u8(...dst, ...new Array(16 - dst.length).fill(0));
  m.zeros(4 + 8).u32(0).u32(0).u32(0).u32(1000).u32(inode).end();
}

test("sock_diag answers decode to the sockets /proc/net/tcp would show: addresses, ports, state, inode", () => {
  const m = new Msgs();
  diag(m, 7, 2, 10, 8080, 0, [127, 0, 0, 1], [0, 0, 0, 0], 4242); // LISTEN, no peer
  diag(m, 7, 10, 1, 443, 51000, [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], [
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0xff,
    0xff,
    10,
    0,
    0,
    9,
  ], 4343);
  diag(m, 6, 2, 1, 1, 2, [1, 2, 3, 4], [5, 6, 7, 8], 1); // an answer to an older request: ignored
  diag(m, 7, 2, 6, 40000, 8080, [127, 0, 0, 1], [127, 0, 0, 1], 0); // TIME_WAIT: inode 0
  m.done(7);
  const out: TcpSocket[] = [];
  assert.equal(decodeDiagMessages(m.b, m.n, 7, out), "done");
  assert.deepEqual(out, [
    { family: 2, laddr: { ip: "127.0.0.1", port: 8080 }, raddr: null, state: 10, inode: 4242 },
    {
      family: 10,
      laddr: { ip: "2001:db8::1", port: 443 },
      raddr: { ip: "::ffff:10.0.0.9", port: 51000 },
      state: 1,
      inode: 4343,
    },
    {
      family: 2,
      laddr: { ip: "127.0.0.1", port: 40000 },
      raddr: { ip: "127.0.0.1", port: 8080 },
      state: 6,
      inode: 0,
    },
  ]);
});

test("sock_diag: a dump split over reads says 'more'; NLMSG_ERROR or a truncated message says 'error'", () => {
  const m = new Msgs();
  diag(m, 1, 2, 10, 22, 0, [0, 0, 0, 0], [0, 0, 0, 0], 9);
  assert.equal(decodeDiagMessages(m.b, m.n, 1, []), "more");
  const e = new Msgs().begin(2, 1).u32(-2 >>> 0).zeros(16).end();
  assert.equal(decodeDiagMessages(e.b, e.n, 1, []), "error");
  assert.equal(decodeDiagMessages(m.b, m.n - 8, 1, []), "error");
});

const IFF_UP = 0x1, IFF_BROADCAST = 0x2, IFF_LOOPBACK = 0x8, IFF_POINTOPOINT = 0x10;

function link(m: Msgs, seq: number, index: number, flags: number, name: string, hw?: number[], brd?: number[]): void {
  m.begin(16, seq).u8(0, 0).u8(1, 0).u32(index).u32(flags).u32(0);
  m.attr(3, name);
  if (hw) m.attr(1, hw);
  if (brd) m.attr(2, brd);
  m.end();
}

function addr(
  m: Msgs,
  seq: number,
  family: number,
  prefix: number,
  index: number,
  attrs: [number, number[] | string][],
): void {
  m.begin(20, seq).u8(family, prefix, 0, 0).u32(index);
  for (const [t, d] of attrs) m.attr(t, d);
  m.end();
}

const IFA_ADDRESS = 1, IFA_LOCAL = 2, IFA_LABEL = 3, IFA_BROADCAST = 4;

test("rtnetlink links and addresses fold into getifaddrs' entries as psutil reads them", () => {
  const links = new Map<number, { name: string; flags: number }>();
  const out: { name: string; addr: NicAddress }[] = [];
  const l = new Msgs();
  link(l, 1, 1, IFF_UP | IFF_LOOPBACK, "lo", [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]);
  link(l, 1, 2, IFF_UP | IFF_BROADCAST, "eth0", [2, 0xfc, 0, 0, 0, 1], [255, 255, 255, 255, 255, 255]);
  link(l, 1, 3, IFF_UP | IFF_POINTOPOINT, "tun0"); // no hardware address: no AF_PACKET entry
  l.done(1);
  assert.equal(decodeRtnetlink(l.b, l.n, 1, links, out), "done");
  const a = new Msgs();
  // The usual IPv4 address: IFA_ADDRESS and IFA_LOCAL alike, then the broadcast.
  addr(a, 2, 2, 24, 2, [[IFA_ADDRESS, [10, 0, 0, 5]], [IFA_LOCAL, [10, 0, 0, 5]], [IFA_BROADCAST, [10, 0, 0, 255]], [
    IFA_LABEL,
    "eth0",
  ]]);
  // An alias with a label and no broadcast: getifaddrs leaves the address itself in the broadcast slot.
  addr(a, 2, 2, 16, 2, [[IFA_ADDRESS, [10, 1, 0, 1]], [IFA_LOCAL, [10, 1, 0, 1]], [IFA_LABEL, "eth0:al"]]);
  // Point-to-point: IFA_ADDRESS is the peer.
  addr(a, 2, 2, 32, 3, [[IFA_ADDRESS, [10, 7, 0, 2]], [IFA_LOCAL, [10, 7, 0, 1]]]);
  // IPv6 link-local: scoped with the interface name.
  addr(a, 2, 10, 64, 2, [[IFA_ADDRESS, [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7]]]);
  // An address of a link the link dump did not have: skipped, as getifaddrs cannot name it.
  addr(a, 2, 2, 8, 99, [[IFA_ADDRESS, [1, 1, 1, 1]]]);
  a.done(2);
  assert.equal(decodeRtnetlink(a.b, a.n, 2, links, out), "done");
  assert.deepEqual(out, [
    { name: "lo", addr: { family: 17, address: "00:00:00:00:00:00", netmask: null, broadcast: null, ptp: null } },
    {
      name: "eth0",
      addr: { family: 17, address: "02:fc:00:00:00:01", netmask: null, broadcast: "ff:ff:ff:ff:ff:ff", ptp: null },
    },
    {
      name: "eth0",
      addr: { family: 2, address: "10.0.0.5", netmask: "255.255.255.0", broadcast: "10.0.0.255", ptp: null },
    },
    {
      name: "eth0:al",
      addr: { family: 2, address: "10.1.0.1", netmask: "255.255.0.0", broadcast: "10.1.0.1", ptp: null },
    },
    {
      name: "tun0",
      addr: { family: 2, address: "10.7.0.1", netmask: "255.255.255.255", broadcast: null, ptp: "10.7.0.2" },
    },
    {
      name: "eth0",
      addr: { family: 10, address: "fe80::7%eth0", netmask: "ffff:ffff:ffff:ffff::", broadcast: null, ptp: null },
    },
  ]);
});

test("rtnetlink: a dump flagged NLM_F_DUMP_INTR is reported as interrupted (the caller starts over)", () => {
  const m = new Msgs();
  m.begin(16, 5, 0x2 | 0x10).u8(0, 0).u8(1, 0).u32(1).u32(IFF_UP).u32(0).attr(3, "lo").end();
  m.done(5);
  assert.equal(decodeRtnetlink(m.b, m.n, 5, new Map(), []), "interrupted");
});

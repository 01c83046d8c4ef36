import { test } from "node:test";
import assert from "node:assert/strict";
import { decode, offsetOf, sizeOf } from "../../ffi/struct.ts";
import * as S from "../../platforms/linux/structs.ts";

// Sizes and offsets from the Linux UAPI headers (linux/if.h, linux/ethtool.h) on x86_64/aarch64.
test("struct ifreq views are 40 bytes with the union at offset 16", () => {
  for (const def of [S.ifreq_flags, S.ifreq_mtu, S.ifreq_data]) assert.equal(sizeOf(def, "lp64"), 40, def.name);
  assert.equal(offsetOf(S.ifreq_flags, "ifr_flags", "lp64"), 16);
  assert.equal(offsetOf(S.ifreq_mtu, "ifr_mtu", "lp64"), 16);
  assert.equal(offsetOf(S.ifreq_data, "ifr_data", "lp64"), 16);
});

test("struct ethtool_cmd is 44 bytes; speed, duplex and speed_hi where the header puts them", () => {
  assert.equal(sizeOf(S.ethtool_cmd, "lp64"), 44);
  assert.equal(offsetOf(S.ethtool_cmd, "speed", "lp64"), 12);
  assert.equal(offsetOf(S.ethtool_cmd, "duplex", "lp64"), 14);
  assert.equal(offsetOf(S.ethtool_cmd, "speed_hi", "lp64"), 28);
  assert.equal(offsetOf(S.ethtool_cmd, "lp_advertising", "lp64"), 32);
});

test("ethtool_cmd decodes a 25 Gbit/s full-duplex answer from bytes", () => {
  const b = new Uint8Array(44);
  const v = new DataView(b.buffer);
  v.setUint16(12, 25000 & 0xffff, true);
  v.setUint16(28, 25000 >>> 16, true);
  b[14] = 1; // DUPLEX_FULL
  const c = decode(S.ethtool_cmd, v, 0, "lp64");
  assert.equal((c.speed_hi << 16) | c.speed, 25000);
  assert.equal(c.duplex, 1);
});

test("netlink headers and the sock_diag and rtnetlink messages have the UAPI sizes and offsets", () => {
  // sizeof/offsetof from linux/netlink.h, linux/inet_diag.h, linux/rtnetlink.h, linux/if_addr.h (gcc, x86_64).
  assert.equal(sizeOf(S.nlmsghdr, "lp64"), 16);
  assert.equal(sizeOf(S.inet_diag_sockid, "lp64"), 48);
  assert.equal(sizeOf(S.inet_diag_req, "lp64"), 60);
  assert.equal(offsetOf(S.inet_diag_req, "idiag_states", "lp64"), 52);
  assert.equal(offsetOf(S.inet_diag_req, "idiag_dbs", "lp64"), 56);
  assert.equal(sizeOf(S.inet_diag_msg, "lp64"), 72);
  assert.equal(offsetOf(S.inet_diag_msg, "id", "lp64"), 4);
  assert.equal(offsetOf(S.inet_diag_msg, "idiag_uid", "lp64"), 64);
  assert.equal(offsetOf(S.inet_diag_msg, "idiag_inode", "lp64"), 68);
  assert.equal(sizeOf(S.ifinfomsg, "lp64"), 16);
  assert.equal(offsetOf(S.ifinfomsg, "ifi_index", "lp64"), 4);
  assert.equal(offsetOf(S.ifinfomsg, "ifi_flags", "lp64"), 8);
  assert.equal(sizeOf(S.ifaddrmsg, "lp64"), 8);
  assert.equal(offsetOf(S.ifaddrmsg, "ifa_index", "lp64"), 4);
  assert.equal(sizeOf(S.rtattr, "lp64"), 4);
});

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

test("sockaddr and ifaddrs layouts used by netIfAddrs", () => {
  assert.equal(offsetOf(S.sockaddr_in6, "sin6_addr", "lp64"), 8);
  assert.equal(offsetOf(S.sockaddr_in6, "sin6_scope_id", "lp64"), 24);
  assert.equal(offsetOf(S.sockaddr_ll, "sll_halen", "lp64"), 11);
  assert.equal(offsetOf(S.sockaddr_ll, "sll_addr", "lp64"), 12);
  assert.equal(offsetOf(S.ifaddrs, "ifa_addr", "lp64"), 24);
  assert.equal(offsetOf(S.ifaddrs, "ifa_ifu", "lp64"), 40);
});

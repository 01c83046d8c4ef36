/**
 * IP address text, exactly as glibc's `inet_ntop` (and so Python's `socket.inet_ntop`) writes it: dotted quads
 * for IPv4; for IPv6 lower-case hex groups without leading zeros, the first longest run of two or more zero
 * groups shown as `::`, and the last 32 bits as a dotted quad for IPv4-mapped (`::ffff:1.2.3.4`) and
 * IPv4-compatible (`::1.2.3.4`) addresses.
 *
 * @module
 */

/** `a.b.c.d` from 4 bytes at `off`. */
export function formatIpv4(b: Uint8Array, off = 0): string {
  return `${b[off]}.${b[off + 1]}.${b[off + 2]}.${b[off + 3]}`;
}

/** RFC 5952-style text of the 16 bytes at `off`, the way glibc's `inet_ntop(AF_INET6)` writes it. */
export function formatIpv6(b: Uint8Array, off = 0): string {
  const words = new Array<number>(8);
  for (let i = 0; i < 8; i++) words[i] = (b[off + 2 * i] << 8) | b[off + 2 * i + 1];
  // The first longest run of zero words, kept only when it is at least two words long.
  let bestBase = -1;
  let bestLen = 0;
  let curBase = -1;
  let curLen = 0;
  for (let i = 0; i < 8; i++) {
    if (words[i] === 0) {
      if (curBase === -1) {
        curBase = i;
        curLen = 1;
      } else curLen++;
      if (curLen > bestLen) {
        bestBase = curBase;
        bestLen = curLen;
      }
    } else curBase = -1;
  }
  if (bestLen < 2) bestBase = -1;
  let out = "";
  for (let i = 0; i < 8; i++) {
    if (bestBase !== -1 && i >= bestBase && i < bestBase + bestLen) {
      if (i === bestBase) out += ":";
      continue;
    }
    if (i !== 0) out += ":";
    if (i === 6 && bestBase === 0 && (bestLen === 6 || (bestLen === 5 && words[5] === 0xffff))) {
      return out + formatIpv4(b, off + 12);
    }
    out += words[i].toString(16);
  }
  if (bestBase !== -1 && bestBase + bestLen === 8) out += ":";
  return out;
}

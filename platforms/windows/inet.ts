/**
 * Address formatting for the Windows backend (what `inet_ntop` and `RtlIpv6AddressToStringA` print): dotted IPv4,
 * RFC 5952 IPv6 (longest run of two or more zero groups as `::`, IPv4-mapped tails dotted), dashed MAC addresses,
 * IPv4 netmasks from prefix lengths.
 *
 * @module
 */

/** `a.b.c.d` from 4 bytes in network order. */
export function ipv4(bytes: ArrayLike<number>): string {
  return `${bytes[0]}.${bytes[1]}.${bytes[2]}.${bytes[3]}`;
}

/** RFC 5952 text of 16 bytes in network order. */
export function ipv6(bytes: ArrayLike<number>): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i] << 8) | bytes[i + 1]);
  // IPv4-mapped (::ffff:a.b.c.d), as inet_ntop prints it.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `::ffff:${ipv4([bytes[12], bytes[13], bytes[14], bytes[15]])}`;
  }
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestLen < 2) return hex.join(":");
  const head = hex.slice(0, bestStart).join(":");
  const tail = hex.slice(bestStart + bestLen).join(":");
  return `${head}::${tail}`;
}

/** `AA-BB-CC-DD-EE-FF` (psutil's Windows MAC format). */
export function macAddress(bytes: ArrayLike<number>, length: number): string {
  const parts: string[] = [];
  for (let i = 0; i < length; i++) parts.push(bytes[i].toString(16).toUpperCase().padStart(2, "0"));
  return parts.join("-");
}

/** The dotted IPv4 netmask of a prefix length (`ConvertLengthToIpv4Mask`); `null` above 32. */
export function ipv4Netmask(prefix: number): string | null {
  if (prefix < 0 || prefix > 32) return null;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return ipv4([mask >>> 24, (mask >>> 16) & 0xff, (mask >>> 8) & 0xff, mask & 0xff]);
}

/** A port stored in network byte order in the low 16 bits of a DWORD. */
export function networkPort(dword: number): number {
  return ((dword & 0xff) << 8) | ((dword >>> 8) & 0xff);
}

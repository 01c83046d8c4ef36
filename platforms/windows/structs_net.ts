/**
 * Windows x64 (LLP64) network struct descriptors (netioapi.h, iptypes.h, ws2def.h, ws2ipdef.h, tcpmib.h, udpmib.h),
 * using the SDK's field names. Split from `structs.ts`; sizes are pinned in `tests/structs/windows_structs_test.ts`.
 *
 * @module
 */
import { array, struct } from "../../ffi/struct.ts";
import { GUID } from "./structs.ts";

/** `MIB_IF_ROW2` (netioapi.h). */
export const MIB_IF_ROW2 = struct("MIB_IF_ROW2", [
  ["InterfaceLuid", "u64"],
  ["InterfaceIndex", "u32"],
  ["InterfaceGuid", GUID],
  ["Alias", array("u16", 257)],
  ["Description", array("u16", 257)],
  ["PhysicalAddressLength", "u32"],
  ["PhysicalAddress", array("u8", 32)],
  ["PermanentPhysicalAddress", array("u8", 32)],
  ["Mtu", "u32"],
  ["Type", "u32"],
  ["TunnelType", "u32"],
  ["MediaType", "u32"],
  ["PhysicalMediumType", "u32"],
  ["AccessType", "u32"],
  ["DirectionType", "u32"],
  ["InterfaceAndOperStatusFlags", "u8"],
  ["OperStatus", "u32"],
  ["AdminStatus", "u32"],
  ["MediaConnectState", "u32"],
  ["NetworkGuid", GUID],
  ["ConnectionType", "u32"],
  ["TransmitLinkSpeed", "u64"],
  ["ReceiveLinkSpeed", "u64"],
  ["InOctets", "u64"],
  ["InUcastPkts", "u64"],
  ["InNUcastPkts", "u64"],
  ["InDiscards", "u64"],
  ["InErrors", "u64"],
  ["InUnknownProtos", "u64"],
  ["InUcastOctets", "u64"],
  ["InMulticastOctets", "u64"],
  ["InBroadcastOctets", "u64"],
  ["OutOctets", "u64"],
  ["OutUcastPkts", "u64"],
  ["OutNUcastPkts", "u64"],
  ["OutDiscards", "u64"],
  ["OutErrors", "u64"],
  ["OutUcastOctets", "u64"],
  ["OutMulticastOctets", "u64"],
  ["OutBroadcastOctets", "u64"],
  ["OutQLen", "u64"],
]);

/** `SOCKET_ADDRESS` (ws2def.h). */
export const SOCKET_ADDRESS = struct("SOCKET_ADDRESS", [["lpSockaddr", "pointer"], ["iSockaddrLength", "i32"]]);

/** `IP_ADAPTER_ADDRESSES_LH` (iptypes.h). */
export const IP_ADAPTER_ADDRESSES = struct("IP_ADAPTER_ADDRESSES", [
  ["Length", "u32"],
  ["IfIndex", "u32"],
  ["Next", "pointer"],
  ["AdapterName", "pointer"],
  ["FirstUnicastAddress", "pointer"],
  ["FirstAnycastAddress", "pointer"],
  ["FirstMulticastAddress", "pointer"],
  ["FirstDnsServerAddress", "pointer"],
  ["DnsSuffix", "pointer"],
  ["Description", "pointer"],
  ["FriendlyName", "pointer"],
  ["PhysicalAddress", array("u8", 8)],
  ["PhysicalAddressLength", "u32"],
  ["Flags", "u32"],
  ["Mtu", "u32"],
  ["IfType", "u32"],
  ["OperStatus", "u32"],
  ["Ipv6IfIndex", "u32"],
  ["ZoneIndices", array("u32", 16)],
  ["FirstPrefix", "pointer"],
  ["TransmitLinkSpeed", "u64"],
  ["ReceiveLinkSpeed", "u64"],
  ["FirstWinsServerAddress", "pointer"],
  ["FirstGatewayAddress", "pointer"],
  ["Ipv4Metric", "u32"],
  ["Ipv6Metric", "u32"],
  ["Luid", "u64"],
  ["Dhcpv4Server", SOCKET_ADDRESS],
  ["CompartmentId", "u32"],
  ["NetworkGuid", GUID],
  ["ConnectionType", "u32"],
  ["TunnelType", "u32"],
  ["Dhcpv6Server", SOCKET_ADDRESS],
  ["Dhcpv6ClientDuid", array("u8", 130)],
  ["Dhcpv6ClientDuidLength", "u32"],
  ["Dhcpv6Iaid", "u32"],
  ["FirstDnsSuffix", "pointer"],
]);

/** `IP_ADAPTER_UNICAST_ADDRESS_LH` (iptypes.h). */
export const IP_ADAPTER_UNICAST_ADDRESS = struct("IP_ADAPTER_UNICAST_ADDRESS", [
  ["Length", "u32"],
  ["Flags", "u32"],
  ["Next", "pointer"],
  ["Address", SOCKET_ADDRESS],
  ["PrefixOrigin", "i32"],
  ["SuffixOrigin", "i32"],
  ["DadState", "i32"],
  ["ValidLifetime", "u32"],
  ["PreferredLifetime", "u32"],
  ["LeaseLifetime", "u32"],
  ["OnLinkPrefixLength", "u8"],
]);

/** `SOCKADDR_IN` (ws2def.h). */
export const SOCKADDR_IN = struct("SOCKADDR_IN", [
  ["sin_family", "u16"],
  ["sin_port", "u16"],
  ["sin_addr", array("u8", 4)],
  ["sin_zero", array("u8", 8)],
]);

/** `SOCKADDR_IN6` (ws2ipdef.h). */
export const SOCKADDR_IN6 = struct("SOCKADDR_IN6", [
  ["sin6_family", "u16"],
  ["sin6_port", "u16"],
  ["sin6_flowinfo", "u32"],
  ["sin6_addr", array("u8", 16)],
  ["sin6_scope_id", "u32"],
]);

/** `MIB_TCPROW_OWNER_PID` (tcpmib.h; addresses and ports in network byte order). */
export const MIB_TCPROW_OWNER_PID = struct("MIB_TCPROW_OWNER_PID", [
  ["dwState", "u32"],
  ["dwLocalAddr", array("u8", 4)],
  ["dwLocalPort", "u32"],
  ["dwRemoteAddr", array("u8", 4)],
  ["dwRemotePort", "u32"],
  ["dwOwningPid", "u32"],
]);

/** `MIB_TCP6ROW_OWNER_PID` (tcpmib.h). */
export const MIB_TCP6ROW_OWNER_PID = struct("MIB_TCP6ROW_OWNER_PID", [
  ["ucLocalAddr", array("u8", 16)],
  ["dwLocalScopeId", "u32"],
  ["dwLocalPort", "u32"],
  ["ucRemoteAddr", array("u8", 16)],
  ["dwRemoteScopeId", "u32"],
  ["dwRemotePort", "u32"],
  ["dwState", "u32"],
  ["dwOwningPid", "u32"],
]);

/** `MIB_UDPROW_OWNER_PID` (udpmib.h). */
export const MIB_UDPROW_OWNER_PID = struct("MIB_UDPROW_OWNER_PID", [
  ["dwLocalAddr", array("u8", 4)],
  ["dwLocalPort", "u32"],
  ["dwOwningPid", "u32"],
]);

/** `MIB_UDP6ROW_OWNER_PID` (udpmib.h). */
export const MIB_UDP6ROW_OWNER_PID = struct("MIB_UDP6ROW_OWNER_PID", [
  ["ucLocalAddr", array("u8", 16)],
  ["dwLocalScopeId", "u32"],
  ["dwLocalPort", "u32"],
  ["dwOwningPid", "u32"],
]);

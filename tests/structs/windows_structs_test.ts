import { test } from "node:test";
import assert from "node:assert/strict";
import { decode, encode, offsetOf, sizeOf } from "../../ffi/struct.ts";
import * as SBase from "../../platforms/windows/structs.ts";
import * as SNet from "../../platforms/windows/structs_net.ts";

const S = { ...SBase, ...SNet };

// sizeof() on x64 from the Windows SDK headers (winternl.h, psapi.h, iptypes.h, netioapi.h, tcpmib.h, winsvc.h,
// wtsapi32.h, winioctl.h, pdh.h) and, for the native structs the SDK keeps opaque, the phnt headers.
const SIZES: [string, Parameters<typeof sizeOf>[0], number][] = [
  ["GUID", S.GUID, 16],
  ["UNICODE_STRING", S.UNICODE_STRING, 16],
  ["SYSTEM_INFO", S.SYSTEM_INFO, 48],
  ["MEMORYSTATUSEX", S.MEMORYSTATUSEX, 64],
  ["SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION", S.SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION, 48],
  ["SYSTEM_PERFORMANCE_INFORMATION (prefix to SystemCalls)", S.SYSTEM_PERFORMANCE_INFORMATION, 312],
  ["SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX header", S.SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX_HEADER, 8],
  ["PROCESSOR_POWER_INFORMATION", S.PROCESSOR_POWER_INFORMATION, 24],
  ["SYSTEM_THREAD_INFORMATION", S.SYSTEM_THREAD_INFORMATION, 80],
  ["SYSTEM_PROCESS_INFORMATION", S.SYSTEM_PROCESS_INFORMATION, 256],
  ["PROCESS_BASIC_INFORMATION", S.PROCESS_BASIC_INFORMATION, 48],
  ["PEB (head)", S.PEB, 40],
  ["RTL_USER_PROCESS_PARAMETERS (head)", S.RTL_USER_PROCESS_PARAMETERS, 136],
  ["MEMORY_BASIC_INFORMATION", S.MEMORY_BASIC_INFORMATION, 48],
  ["PROCESS_MEMORY_COUNTERS_EX", S.PROCESS_MEMORY_COUNTERS_EX, 80],
  ["IO_COUNTERS", S.IO_COUNTERS, 48],
  ["THREADENTRY32", S.THREADENTRY32, 28],
  ["TOKEN_USER", S.TOKEN_USER, 16],
  ["LUID", S.LUID, 8],
  ["TOKEN_PRIVILEGES", S.TOKEN_PRIVILEGES, 16],
  ["SYSTEM_POWER_STATUS", S.SYSTEM_POWER_STATUS, 12],
  ["DISK_PERFORMANCE", S.DISK_PERFORMANCE, 88],
  ["MIB_IF_ROW2", S.MIB_IF_ROW2, 1352],
  ["SOCKET_ADDRESS", S.SOCKET_ADDRESS, 16],
  ["IP_ADAPTER_ADDRESSES_LH", S.IP_ADAPTER_ADDRESSES, 448],
  ["IP_ADAPTER_UNICAST_ADDRESS_LH", S.IP_ADAPTER_UNICAST_ADDRESS, 64],
  ["SOCKADDR_IN", S.SOCKADDR_IN, 16],
  ["SOCKADDR_IN6", S.SOCKADDR_IN6, 28],
  ["MIB_TCPROW_OWNER_PID", S.MIB_TCPROW_OWNER_PID, 24],
  ["MIB_TCP6ROW_OWNER_PID", S.MIB_TCP6ROW_OWNER_PID, 56],
  ["MIB_UDPROW_OWNER_PID", S.MIB_UDPROW_OWNER_PID, 12],
  ["MIB_UDP6ROW_OWNER_PID", S.MIB_UDP6ROW_OWNER_PID, 28],
  ["WTS_SESSION_INFOW", S.WTS_SESSION_INFOW, 24],
  ["WTS_CLIENT_ADDRESS", S.WTS_CLIENT_ADDRESS, 24],
  ["WTSINFOW", S.WTSINFOW, 216],
  ["SERVICE_STATUS_PROCESS", S.SERVICE_STATUS_PROCESS, 36],
  ["ENUM_SERVICE_STATUS_PROCESSW", S.ENUM_SERVICE_STATUS_PROCESSW, 56],
  ["QUERY_SERVICE_CONFIGW", S.QUERY_SERVICE_CONFIGW, 64],
  ["SERVICE_DESCRIPTIONW", S.SERVICE_DESCRIPTIONW, 8],
  ["PDH_FMT_COUNTERVALUE", S.PDH_FMT_COUNTERVALUE, 16],
];

for (const [name, def, size] of SIZES) {
  test(`struct ${name} is ${size} bytes on Windows x64`, () => {
    assert.equal(sizeOf(def, "llp64"), size);
  });
}

test("Windows struct offsets match the SDK's offsetof on x64", () => {
  const at = (def: Parameters<typeof offsetOf>[0], f: string): number => offsetOf(def, f, "llp64");
  assert.equal(at(S.SYSTEM_PROCESS_INFORMATION, "CreateTime"), 32);
  assert.equal(at(S.SYSTEM_PROCESS_INFORMATION, "ImageName"), 56);
  assert.equal(at(S.SYSTEM_PROCESS_INFORMATION, "UniqueProcessId"), 80);
  assert.equal(at(S.SYSTEM_PROCESS_INFORMATION, "InheritedFromUniqueProcessId"), 88);
  assert.equal(at(S.SYSTEM_PROCESS_INFORMATION, "HandleCount"), 96);
  assert.equal(at(S.SYSTEM_PROCESS_INFORMATION, "PageFaultCount"), 128);
  assert.equal(at(S.SYSTEM_PROCESS_INFORMATION, "PrivatePageCount"), 200);
  assert.equal(at(S.SYSTEM_PROCESS_INFORMATION, "OtherTransferCount"), 248);
  assert.equal(at(S.SYSTEM_THREAD_INFORMATION, "UniqueThread"), 48);
  assert.equal(at(S.SYSTEM_THREAD_INFORMATION, "ContextSwitches"), 64);
  assert.equal(at(S.SYSTEM_THREAD_INFORMATION, "WaitReason"), 72);
  assert.equal(at(S.PEB, "ProcessParameters"), 0x20);
  assert.equal(at(S.RTL_USER_PROCESS_PARAMETERS, "CurrentDirectoryDosPath"), 0x38);
  assert.equal(at(S.RTL_USER_PROCESS_PARAMETERS, "CommandLine"), 0x70);
  assert.equal(at(S.RTL_USER_PROCESS_PARAMETERS, "Environment"), 0x80);
  assert.equal(at(S.MIB_IF_ROW2, "Alias"), 28);
  assert.equal(at(S.MIB_IF_ROW2, "Mtu"), 1124);
  assert.equal(at(S.MIB_IF_ROW2, "OperStatus"), 1156);
  assert.equal(at(S.MIB_IF_ROW2, "TransmitLinkSpeed"), 1192);
  assert.equal(at(S.MIB_IF_ROW2, "InOctets"), 1208);
  assert.equal(at(S.MIB_IF_ROW2, "OutOctets"), 1280);
  assert.equal(at(S.IP_ADAPTER_ADDRESSES, "FriendlyName"), 72);
  assert.equal(at(S.IP_ADAPTER_ADDRESSES, "PhysicalAddressLength"), 88);
  assert.equal(at(S.IP_ADAPTER_ADDRESSES, "Luid"), 224);
  assert.equal(at(S.IP_ADAPTER_ADDRESSES, "Dhcpv6ClientDuid"), 296);
  assert.equal(at(S.IP_ADAPTER_UNICAST_ADDRESS, "OnLinkPrefixLength"), 56);
  assert.equal(at(S.WTSINFOW, "ConnectTime"), 176);
  assert.equal(at(S.QUERY_SERVICE_CONFIGW, "lpBinaryPathName"), 16);
  assert.equal(at(S.QUERY_SERVICE_CONFIGW, "lpDisplayName"), 56);
  assert.equal(at(S.PROCESS_MEMORY_COUNTERS_EX, "PrivateUsage"), 72);
  assert.equal(at(S.MEMORY_BASIC_INFORMATION, "RegionSize"), 24);
  assert.equal(at(S.DISK_PERFORMANCE, "QueryTime"), 56);
  assert.equal(at(S.TOKEN_PRIVILEGES, "Attributes"), 12);
});

test("PROCESS_MEMORY_COUNTERS_EX decodes from a byte fixture", () => {
  const buf = new Uint8Array(80);
  const v = new DataView(buf.buffer);
  v.setUint32(0, 80, true);
  v.setUint32(4, 1234, true); // PageFaultCount
  v.setBigUint64(16, 5n * 1024n * 1024n, true); // WorkingSetSize
  v.setBigUint64(56, 3n * 1024n * 1024n, true); // PagefileUsage
  v.setBigUint64(72, 7n * 4096n, true); // PrivateUsage
  const m = decode(S.PROCESS_MEMORY_COUNTERS_EX, v, 0, "llp64");
  assert.equal(m.cb, 80);
  assert.equal(m.PageFaultCount, 1234);
  assert.equal(m.WorkingSetSize, 5 * 1024 * 1024);
  assert.equal(m.PagefileUsage, 3 * 1024 * 1024);
  assert.equal(m.PrivateUsage, 7 * 4096);
});

test("MIB_IF_ROW2 decodes its alias and counters from a byte fixture", () => {
  const buf = new Uint8Array(1352);
  const v = new DataView(buf.buffer);
  v.setUint32(8, 7, true); // InterfaceIndex
  const alias = "eth0";
  for (let i = 0; i < alias.length; i++) v.setUint16(28 + i * 2, alias.charCodeAt(i), true);
  v.setUint32(1124, 1500, true); // Mtu
  v.setUint32(1156, 1, true); // OperStatus: up
  v.setBigUint64(1208, 123456789n, true); // InOctets
  v.setBigUint64(1280, 987654321n, true); // OutOctets
  const r = decode(S.MIB_IF_ROW2, v, 0, "llp64");
  assert.equal(r.InterfaceIndex, 7);
  assert.equal(String.fromCharCode(...r.Alias.slice(0, 4)), "eth0");
  assert.equal(r.Mtu, 1500);
  assert.equal(r.OperStatus, 1);
  assert.equal(r.InOctets, 123456789);
  assert.equal(r.OutOctets, 987654321);
});

test("TOKEN_PRIVILEGES encodes the layout AdjustTokenPrivileges reads", () => {
  const buf = new Uint8Array(16);
  const v = new DataView(buf.buffer);
  encode(S.TOKEN_PRIVILEGES, { PrivilegeCount: 1, Luid: { LowPart: 20, HighPart: 0 }, Attributes: 2 }, v, 0, "llp64");
  assert.deepEqual([v.getUint32(0, true), v.getUint32(4, true), v.getInt32(8, true), v.getUint32(12, true)], [
    1,
    20,
    0,
    2,
  ]);
});

test("SYSTEM_POWER_STATUS and WTSINFOW decode from byte fixtures", () => {
  const ps = new Uint8Array([1, 8, 77, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);
  const s = decode(S.SYSTEM_POWER_STATUS, new DataView(ps.buffer), 0, "llp64");
  assert.deepEqual([s.ACLineStatus, s.BatteryFlag, s.BatteryLifePercent, s.BatteryLifeTime], [1, 8, 77, 0xffffffff]);
  const wi = new Uint8Array(216);
  const v = new DataView(wi.buffer);
  v.setUint32(4, 3, true); // SessionId
  v.setBigInt64(176, 133000000000000000n, true); // ConnectTime
  const w = decode(S.WTSINFOW, v, 0, "llp64");
  assert.equal(w.SessionId, 3);
  assert.equal(w.ConnectTime, 133000000000000000);
});

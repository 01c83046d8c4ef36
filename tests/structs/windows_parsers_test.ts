// Pure parsers of the Windows backend, fed byte fixtures laid out with the struct descriptors: they run on any OS.
import { test } from "node:test";
import assert from "node:assert/strict";
import { encode, sizeOf } from "../../ffi/struct.ts";
import * as SBase from "../../platforms/windows/structs.ts";
import * as SNet from "../../platforms/windows/structs_net.ts";

const S = { ...SBase, ...SNet };
import {
  basenameWin,
  convertDosPath,
  cpusToMask,
  maskToCpus,
  normalizeCwd,
  parseEnvironBlock,
  protectionString,
  splitCommandLine,
} from "../../platforms/windows/process_parse.ts";
import { ipv4, ipv4Netmask, ipv6, macAddress, networkPort } from "../../platforms/windows/inet.ts";
import { parseProcessSnapshot } from "../../platforms/windows/snapshot.ts";
import { countCores, parsePerCpuTimes } from "../../platforms/windows/cpu.ts";
import { countPrivatePages, parseHandles, stripFinalPathPrefix } from "../../platforms/windows/process_resources.ts";
import { foldLoad, LOADAVG_FACTORS } from "../../platforms/windows/pdh.ts";
import { batteryFromPowerStatus } from "../../platforms/windows/system.ts";
import { kindFilter, parseAdapters, parseConnTable } from "../../platforms/windows/net.ts";
import { driveOpts, drivePartitions, splitMultiString } from "../../platforms/windows/disk.ts";

test("splitCommandLine() follows CommandLineToArgvW's quoting and backslash rules", () => {
  assert.deepEqual(splitCommandLine('"C:\\Program Files\\a.exe" x y'), ["C:\\Program Files\\a.exe", "x", "y"]);
  assert.deepEqual(splitCommandLine('cmd.exe /c "ping -n 30 127.0.0.1"'), ["cmd.exe", "/c", "ping -n 30 127.0.0.1"]);
  assert.deepEqual(splitCommandLine('a "b c" d'), ["a", "b c", "d"]);
  assert.deepEqual(splitCommandLine('a \\"b'), ["a", '"b']); // odd backslashes: literal quote
  assert.deepEqual(splitCommandLine('a \\\\"b c"'), ["a", "\\b c"]); // even: half, then a quote toggle
  assert.deepEqual(splitCommandLine("a b\\c\\\\d"), ["a", "b\\c\\\\d"]); // backslashes without a quote stay
  assert.deepEqual(splitCommandLine('a """b"""'), ["a", '"b"']);
  assert.deepEqual(splitCommandLine('a ""'), ["a", ""]);
  assert.deepEqual(splitCommandLine("a   b\t c  "), ["a", "b", "c"]);
  assert.deepEqual(splitCommandLine('C:\\dir\\"x.exe'), ['C:\\dir\\"x.exe']); // no escapes in the program name
  assert.deepEqual(splitCommandLine(""), []);
});

test("parseEnvironBlock() upper-cases names and skips the hidden =C: entries", () => {
  const block = "=C:=C:\\work\0Path=C:\\bin;D:\\bin\0foo=a=b\0empty=\0\0garbage";
  assert.deepEqual(parseEnvironBlock(block), { PATH: "C:\\bin;D:\\bin", FOO: "a=b", EMPTY: "" });
  assert.deepEqual(parseEnvironBlock(""), {});
});

test("convertDosPath() maps NT device paths to drive letters and UNC paths", () => {
  const lookup = (d: string): string => (d === "\\Device\\HarddiskVolume2" ? "C:" : "");
  assert.equal(convertDosPath("\\Device\\HarddiskVolume2\\Windows\\x.exe", lookup), "C:\\Windows\\x.exe");
  assert.equal(convertDosPath("\\??\\D:\\a\\b", lookup), "D:\\a\\b");
  assert.equal(convertDosPath("\\??\\UNC\\srv\\share\\f.txt", lookup), "\\\\srv\\share\\f.txt");
  assert.equal(convertDosPath("\\Device\\Mup\\srv\\share\\f.txt", lookup), "\\\\srv\\share\\f.txt");
  assert.equal(convertDosPath("C:\\already", lookup), "C:\\already");
  assert.equal(convertDosPath("\\Device\\Unknown\\x", lookup), "\\Device\\Unknown\\x");
});

test("normalizeCwd(), protectionString(), basenameWin() and affinity masks", () => {
  assert.equal(normalizeCwd("C:\\work\\"), "C:\\work");
  assert.equal(normalizeCwd("C:\\"), "C:\\");
  assert.equal(normalizeCwd("Z:"), "Z:\\");
  assert.equal(protectionString(0x04), "rw");
  assert.equal(protectionString(0x20 | 0x100), "xr"); // PAGE_GUARD is ignored
  assert.equal(protectionString(0x03), "?");
  assert.equal(basenameWin("C:\\windows\\system32\\cmd.exe"), "cmd.exe");
  assert.deepEqual(maskToCpus(0b1011n), [0, 1, 3]);
  assert.equal(cpusToMask([0, 1, 3]), 0b1011n);
  assert.deepEqual(maskToCpus(1n << 63n), [63]);
});

test("address formatting matches inet_ntop and psutil's Windows MAC format", () => {
  assert.equal(ipv4([127, 0, 0, 1]), "127.0.0.1");
  assert.equal(ipv6(new Uint8Array(16).fill(0).map((_, i) => (i === 15 ? 1 : 0))), "::1");
  assert.equal(ipv6(new Uint8Array(16)), "::");
  const fe80 = new Uint8Array([0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0xfc, 0, 0xff, 0xfe, 0, 0, 1]);
  assert.equal(ipv6(fe80), "fe80::fc:ff:fe00:1");
  const mapped = new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 1, 2, 3]);
  assert.equal(ipv6(mapped), "::ffff:10.1.2.3");
  const one = new Uint8Array([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]);
  assert.equal(ipv6(one), "2001:db8:0:1::1");
  assert.equal(macAddress([2, 0xfc, 0, 0, 0, 1], 6), "02-FC-00-00-00-01");
  assert.equal(ipv4Netmask(24), "255.255.255.0");
  assert.equal(ipv4Netmask(0), "0.0.0.0");
  assert.equal(ipv4Netmask(32), "255.255.255.255");
  assert.equal(ipv4Netmask(33), null);
  assert.equal(networkPort(0x5000), 80); // 80 in network order in the low 16 bits
});

/** Lays out a SystemProcessInformation buffer: two processes, names after the entries, `base` its address. */
function snapshotFixture(base: bigint): Uint8Array {
  const P = sizeOf(S.SYSTEM_PROCESS_INFORMATION, "llp64");
  const T = sizeOf(S.SYSTEM_THREAD_INFORMATION, "llp64");
  const first = P + 2 * T + 32; // entry, 2 threads, name
  const buf = new Uint8Array(first + P + T + 32);
  const v = new DataView(buf.buffer);
  const name = (at: number, s: string): void => {
    for (let i = 0; i < s.length; i++) v.setUint16(at + i * 2, s.charCodeAt(i), true);
  };
  encode(
    S.SYSTEM_PROCESS_INFORMATION,
    {
      NextEntryOffset: first,
      NumberOfThreads: 2,
      HardFaultCount: 3,
      CreateTime: 116444736000000000 + 10_000_000 * 1_000_000_000, // 1e9 s after the epoch
      UserTime: 25_000_000,
      KernelTime: 5_000_000,
      ImageName: { Length: 16, MaximumLength: 18, Buffer: base + BigInt(P + 2 * T) },
      UniqueProcessId: 1234n,
      InheritedFromUniqueProcessId: 1000n,
      HandleCount: 42,
      PageFaultCount: 10,
      WorkingSetSize: 4096 * 100,
      PagefileUsage: 4096 * 50,
      ReadOperationCount: 7,
      WriteTransferCount: 512,
    },
    v,
    0,
    "llp64",
  );
  for (let i = 0; i < 2; i++) {
    encode(
      S.SYSTEM_THREAD_INFORMATION,
      {
        KernelTime: 10_000_000,
        UserTime: 20_000_000,
        UniqueThread: BigInt(2000 + i),
        ContextSwitches: 5 + i,
        ThreadState: 5,
        WaitReason: 5,
      },
      v,
      P + i * T,
      "llp64",
    );
  }
  name(P + 2 * T, "deno.exe");
  encode(
    S.SYSTEM_PROCESS_INFORMATION,
    {
      NextEntryOffset: 0,
      NumberOfThreads: 1,
      ImageName: { Length: 14, MaximumLength: 16, Buffer: base + BigInt(first + P + T) },
      UniqueProcessId: 1240n,
      InheritedFromUniqueProcessId: 1234n,
    },
    v,
    first,
    "llp64",
  );
  encode(S.SYSTEM_THREAD_INFORMATION, { UniqueThread: 3000n, ThreadState: 2, WaitReason: 0 }, v, first + P, "llp64");
  name(first + P + T, "cmd.exe");
  return buf;
}

test("parseProcessSnapshot() decodes processes, threads and names relative to the buffer's address", () => {
  const base = 0x10000000n;
  const entries = parseProcessSnapshot(snapshotFixture(base), base);
  assert.equal(entries.length, 2);
  const [deno, cmd] = entries;
  assert.equal(deno.pid, 1234);
  assert.equal(deno.ppid, 1000);
  assert.equal(deno.name, "deno.exe");
  assert.ok(Math.abs(deno.createTime - 1e9) < 1e-3);
  assert.equal(deno.userTime, 2.5);
  assert.equal(deno.kernelTime, 0.5);
  assert.equal(deno.handleCount, 42);
  assert.equal(deno.ctxSwitches, 11);
  assert.equal(deno.suspended, true); // every thread Waiting/Suspended
  assert.deepEqual(deno.threads.map((t) => t.id), [2000, 2001]);
  assert.equal(deno.threads[0].userTime, 2);
  assert.equal(deno.pageFaults, 10);
  assert.equal(deno.hardFaults, 3);
  assert.equal(deno.workingSetSize, 409600);
  assert.equal(deno.readOperationCount, 7);
  assert.equal(deno.writeTransferCount, 512);
  assert.equal(cmd.pid, 1240);
  assert.equal(cmd.ppid, 1234);
  assert.equal(cmd.name, "cmd.exe");
  assert.equal(cmd.suspended, false);
});

test("parseProcessSnapshot() ignores a name pointing outside the buffer and stops at a truncated entry", () => {
  const base = 0x10000000n;
  const buf = snapshotFixture(base);
  assert.equal(parseProcessSnapshot(buf, base + 0x100000n)[0].name, "");
  assert.equal(parseProcessSnapshot(buf.subarray(0, 100), base).length, 0);
});

test("countCores() counts RelationProcessorCore records; parsePerCpuTimes() gives system = kernel - idle", () => {
  const buf = new Uint8Array(48 * 3);
  const v = new DataView(buf.buffer);
  // core (48 bytes), cache (48 bytes), core (48 bytes)
  for (const [i, rel] of [[0, 0], [1, 2], [2, 0]]) {
    v.setUint32(i * 48, rel, true);
    v.setUint32(i * 48 + 4, 48, true);
  }
  assert.equal(countCores(buf, buf.byteLength), 2);
  const cpu = new Uint8Array(96);
  const c = new DataView(cpu.buffer);
  encode(
    S.SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION,
    {
      IdleTime: 80_000_000,
      KernelTime: 100_000_000,
      UserTime: 30_000_000,
      DpcTime: 1_000_000,
      InterruptTime: 2_000_000,
    },
    c,
    0,
    "llp64",
  );
  const [t] = parsePerCpuTimes(cpu, 1);
  assert.deepEqual(t, { user: 3, system: 2, idle: 8, interrupt: 0.2, dpc: 0.1 });
});

test("countPrivatePages() applies psutil's rule to MEMORY_WORKING_SET_INFORMATION", () => {
  const buf = new Uint8Array(8 + 4 * 8);
  const v = new DataView(buf.buffer);
  v.setBigUint64(0, 4n, true);
  const entry = (shareCount: number, shared: number): number => (shareCount << 5) | (shared << 8) | (0x1000 << 12);
  v.setUint32(8, entry(0, 0), true); // private
  v.setUint32(16, entry(1, 1), true); // shareable, one user: counts
  v.setUint32(24, entry(3, 1), true); // shared by 3: not
  v.setUint32(32, entry(2, 0), true); // not shareable: counts
  assert.equal(countPrivatePages(buf), 3);
});

test("parseHandles() keeps one pid's entries of SYSTEM_HANDLE_INFORMATION_EX", () => {
  const buf = new Uint8Array(16 + 3 * 40);
  const v = new DataView(buf.buffer);
  v.setBigUint64(0, 3n, true);
  for (const [i, pid, handle] of [[0, 10, 4], [1, 20, 8], [2, 10, 12]]) {
    v.setBigUint64(16 + i * 40 + 8, BigInt(pid), true);
    v.setBigUint64(16 + i * 40 + 16, BigInt(handle), true);
    v.setUint32(16 + i * 40 + 24, 0x120089, true);
    v.setUint16(16 + i * 40 + 30, 37, true);
  }
  assert.deepEqual(parseHandles(buf, 10), [
    { pid: 10, handle: 4, access: 0x120089, type: 37 },
    { pid: 10, handle: 12, access: 0x120089, type: 37 },
  ]);
  assert.equal(stripFinalPathPrefix("\\\\?\\C:\\x.txt"), "C:\\x.txt");
  assert.equal(stripFinalPathPrefix("\\\\?\\UNC\\srv\\share\\x"), "\\\\srv\\share\\x");
});

test("foldLoad() decays towards the queue length with psutil's factors", () => {
  assert.ok(Math.abs(LOADAVG_FACTORS[0] - 0.9200444146293232) < 1e-12);
  assert.ok(Math.abs(LOADAVG_FACTORS[1] - 0.9834714538216174) < 1e-12);
  assert.ok(Math.abs(LOADAVG_FACTORS[2] - 0.9944598480048967) < 1e-12);
  let avg: [number, number, number] = [0, 0, 0];
  for (let i = 0; i < 12; i++) avg = foldLoad(avg, 2); // one minute at a queue of 2
  assert.ok(Math.abs(avg[0] - 2 * (1 - Math.exp(-1))) < 1e-9);
  assert.ok(avg[0] > avg[1] && avg[1] > avg[2] && avg[2] > 0);
});

test("batteryFromPowerStatus() reads SYSTEM_POWER_STATUS as psutil", () => {
  assert.equal(batteryFromPowerStatus(1, 128, 255, 0xffffffff), null); // no system battery
  assert.deepEqual(batteryFromPowerStatus(1, 8, 50, 0xffffffff), { percent: 50, secsleft: -2, powerPlugged: true });
  assert.deepEqual(batteryFromPowerStatus(0, 0, 40, 3600), { percent: 40, secsleft: 3600, powerPlugged: false });
  assert.deepEqual(batteryFromPowerStatus(0, 0, 40, 0xffffffff), { percent: 40, secsleft: -1, powerPlugged: false });
});

test("parseAdapters() walks the adapter and unicast lists inside the buffer", () => {
  const base = 0x20000000n;
  const A = sizeOf(S.IP_ADAPTER_ADDRESSES, "llp64");
  const U = sizeOf(S.IP_ADAPTER_UNICAST_ADDRESS, "llp64");
  const buf = new Uint8Array(A + U + 16 + 32);
  const v = new DataView(buf.buffer);
  encode(
    S.IP_ADAPTER_ADDRESSES,
    {
      IfIndex: 3,
      Next: 0n,
      FirstUnicastAddress: base + BigInt(A),
      FriendlyName: base + BigInt(A + U + 16),
      PhysicalAddress: new Uint8Array([2, 0xfc, 0, 0, 0, 1, 0, 0]),
      PhysicalAddressLength: 6,
    },
    v,
    0,
    "llp64",
  );
  encode(
    S.IP_ADAPTER_UNICAST_ADDRESS,
    {
      Next: 0n,
      Address: { lpSockaddr: base + BigInt(A + U), iSockaddrLength: 16 },
      OnLinkPrefixLength: 24,
    },
    v,
    A,
    "llp64",
  );
  encode(S.SOCKADDR_IN, { sin_family: 2, sin_addr: new Uint8Array([192, 0, 2, 2]) }, v, A + U, "llp64");
  for (const [i, ch] of [..."eth0"].entries()) v.setUint16(A + U + 16 + i * 2, ch.charCodeAt(0), true);
  const [a] = parseAdapters(buf, base);
  assert.equal(a.index, 3);
  assert.equal(a.name, "eth0");
  assert.equal(macAddress(a.mac, a.mac.length), "02-FC-00-00-00-01");
  assert.deepEqual(a.unicast, [{ family: 2, address: "192.0.2.2", prefix: 24 }]);
});

test("parseConnTable() decodes owner-pid TCP rows as psutil's tuples", () => {
  const R = sizeOf(S.MIB_TCPROW_OWNER_PID, "llp64");
  const buf = new Uint8Array(4 + 2 * R);
  const v = new DataView(buf.buffer);
  v.setUint32(0, 2, true);
  encode(
    S.MIB_TCPROW_OWNER_PID,
    {
      dwState: 2,
      dwLocalAddr: new Uint8Array([127, 0, 0, 1]),
      dwLocalPort: 0x901f, // 8080
      dwOwningPid: 40,
    },
    v,
    4,
    "llp64",
  );
  encode(
    S.MIB_TCPROW_OWNER_PID,
    {
      dwState: 5,
      dwLocalAddr: new Uint8Array([10, 0, 0, 1]),
      dwLocalPort: 0x5000,
      dwRemoteAddr: new Uint8Array([10, 0, 0, 2]),
      dwRemotePort: 0xbb01, // 443
      dwOwningPid: 44,
    },
    v,
    4 + R,
    "llp64",
  );
  assert.deepEqual(parseConnTable(buf, 2, 1, -1), [
    { fd: -1, family: 2, type: 1, laddr: { ip: "127.0.0.1", port: 8080 }, raddr: null, status: "LISTEN", pid: 40 },
    {
      fd: -1,
      family: 2,
      type: 1,
      laddr: { ip: "10.0.0.1", port: 80 },
      raddr: { ip: "10.0.0.2", port: 443 },
      status: "ESTABLISHED",
      pid: 44,
    },
  ]);
  assert.equal(parseConnTable(buf, 2, 1, 44).length, 1);
  assert.deepEqual(kindFilter("udp6"), { families: [23], types: [2] });
  assert.deepEqual(kindFilter("unix"), { families: [], types: [] });
});

test("splitMultiString() and driveOpts() read GetLogicalDriveStringsW and volume flags", () => {
  const s = "C:\\\0Z:\\\0\0";
  const units = new Uint16Array([...s].map((c) => c.charCodeAt(0)));
  assert.deepEqual(splitMultiString(units, units.length), ["C:\\", "Z:\\"]);
  assert.equal(driveOpts(0, 3), "rw,fixed");
  assert.equal(driveOpts(0x00080000 | 0x00008000, 2), "ro,compressed,readonly,removable");
  assert.equal(driveOpts(null, 5), "cdrom");
});

test("drivePartitions() puts the volumes mounted on a drive's folders first, with the drive's fs and flags", () => {
  assert.deepEqual(drivePartitions("C:\\", 3, "NTFS", 0x80 | 0x00008000, ["C:\\mnt\\data\\", "C:\\vm\\"]), [
    { device: "C:\\", mountpoint: "C:\\mnt\\data\\", fstype: "NTFS", opts: "rw,compressed" },
    { device: "C:\\", mountpoint: "C:\\vm\\", fstype: "NTFS", opts: "rw,compressed" },
    { device: "C:\\", mountpoint: "C:\\", fstype: "NTFS", opts: "rw,compressed,fixed" },
  ]);
  assert.deepEqual(drivePartitions("E:\\", 5, "", null, []), [
    { device: "E:\\", mountpoint: "E:\\", fstype: "", opts: "cdrom" },
  ]);
});

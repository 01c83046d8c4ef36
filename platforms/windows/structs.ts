/**
 * Windows x64 (LLP64) struct descriptors, using the C field names from the Windows SDK headers (and, for the native
 * API structs the SDK leaves opaque, the names of the Process Hacker `phnt` headers that psutil also follows).
 * Every size is pinned in `tests/structs/windows_structs_test.ts`.
 *
 * @module
 */
import { array, struct } from "../../ffi/struct.ts";

/** `GUID` (guiddef.h). */
export const GUID = struct("GUID", [["Data1", "u32"], ["Data2", "u16"], ["Data3", "u16"], ["Data4", array("u8", 8)]]);

/** `UNICODE_STRING` (winternl.h): lengths in bytes, `Buffer` an address. */
export const UNICODE_STRING = struct("UNICODE_STRING", [
  ["Length", "u16"],
  ["MaximumLength", "u16"],
  ["Buffer", "pointer"],
]);

/** `SYSTEM_INFO` (sysinfoapi.h). */
export const SYSTEM_INFO = struct("SYSTEM_INFO", [
  ["wProcessorArchitecture", "u16"],
  ["wReserved", "u16"],
  ["dwPageSize", "u32"],
  ["lpMinimumApplicationAddress", "pointer"],
  ["lpMaximumApplicationAddress", "pointer"],
  ["dwActiveProcessorMask", "size_t"],
  ["dwNumberOfProcessors", "u32"],
  ["dwProcessorType", "u32"],
  ["dwAllocationGranularity", "u32"],
  ["wProcessorLevel", "u16"],
  ["wProcessorRevision", "u16"],
]);

/** `MEMORYSTATUSEX` (sysinfoapi.h). */
export const MEMORYSTATUSEX = struct("MEMORYSTATUSEX", [
  ["dwLength", "u32"],
  ["dwMemoryLoad", "u32"],
  ["ullTotalPhys", "u64"],
  ["ullAvailPhys", "u64"],
  ["ullTotalPageFile", "u64"],
  ["ullAvailPageFile", "u64"],
  ["ullTotalVirtual", "u64"],
  ["ullAvailVirtual", "u64"],
  ["ullAvailExtendedVirtual", "u64"],
]);

/** `SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION` (winternl.h; times in 100 ns units). */
export const SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION = struct("SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION", [
  ["IdleTime", "i64"],
  ["KernelTime", "i64"],
  ["UserTime", "i64"],
  ["DpcTime", "i64"],
  ["InterruptTime", "i64"],
  ["InterruptCount", "u32"],
]);

const PERF_COUNTS = [
  "IoReadOperationCount",
  "IoWriteOperationCount",
  "IoOtherOperationCount",
  "AvailablePages",
  "CommittedPages",
  "CommitLimit",
  "PeakCommitment",
  "PageFaultCount",
  "CopyOnWriteCount",
  "TransitionCount",
  "CacheTransitionCount",
  "DemandZeroCount",
  "PageReadCount",
  "PageReadIoCount",
  "CacheReadCount",
  "CacheIoCount",
  "DirtyPagesWriteCount",
  "DirtyWriteIoCount",
  "MappedPagesWriteCount",
  "MappedWriteIoCount",
  "PagedPoolPages",
  "NonPagedPoolPages",
  "PagedPoolAllocs",
  "PagedPoolFrees",
  "NonPagedPoolAllocs",
  "NonPagedPoolFrees",
  "FreeSystemPtes",
  "ResidentSystemCodePage",
  "TotalSystemDriverPages",
  "TotalSystemCodePages",
  "NonPagedPoolLookasideHits",
  "PagedPoolLookasideHits",
  "AvailablePagedPoolPages",
  "ResidentSystemCachePage",
  "ResidentPagedPoolPage",
  "ResidentSystemDriverPage",
  "CcFastReadNoWait",
  "CcFastReadWait",
  "CcFastReadResourceMiss",
  "CcFastReadNotPossible",
  "CcFastMdlReadNoWait",
  "CcFastMdlReadWait",
  "CcFastMdlReadResourceMiss",
  "CcFastMdlReadNotPossible",
  "CcMapDataNoWait",
  "CcMapDataWait",
  "CcMapDataNoWaitMiss",
  "CcMapDataWaitMiss",
  "CcPinMappedDataCount",
  "CcPinReadNoWait",
  "CcPinReadWait",
  "CcPinReadNoWaitMiss",
  "CcPinReadWaitMiss",
  "CcCopyReadNoWait",
  "CcCopyReadWait",
  "CcCopyReadNoWaitMiss",
  "CcCopyReadWaitMiss",
  "CcMdlReadNoWait",
  "CcMdlReadWait",
  "CcMdlReadNoWaitMiss",
  "CcMdlReadWaitMiss",
  "CcReadAheadIos",
  "CcLazyWriteIos",
  "CcLazyWritePages",
  "CcDataFlushes",
  "CcDataPages",
  "ContextSwitches",
  "FirstLevelTbFills",
  "SecondLevelTbFills",
  "SystemCalls",
] as const;

/**
 * `SYSTEM_PERFORMANCE_INFORMATION` up to `SystemCalls` (phnt; the kernel's struct continues after it, so callers pass
 * a larger buffer and decode this prefix).
 */
export const SYSTEM_PERFORMANCE_INFORMATION = struct("SYSTEM_PERFORMANCE_INFORMATION", [
  ["IdleProcessTime", "i64"],
  ["IoReadTransferCount", "i64"],
  ["IoWriteTransferCount", "i64"],
  ["IoOtherTransferCount", "i64"],
  ...PERF_COUNTS.map((n) => [n, "u32"] as const),
]);

/** `SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX` header: each record starts with its relationship and size. */
export const SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX_HEADER = struct("SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX", [
  ["Relationship", "u32"],
  ["Size", "u32"],
]);

/** `PROCESSOR_POWER_INFORMATION` (powrprof; MHz). */
export const PROCESSOR_POWER_INFORMATION = struct("PROCESSOR_POWER_INFORMATION", [
  ["Number", "u32"],
  ["MaxMhz", "u32"],
  ["CurrentMhz", "u32"],
  ["MhzLimit", "u32"],
  ["MaxIdleState", "u32"],
  ["CurrentIdleState", "u32"],
]);

/** `SYSTEM_THREAD_INFORMATION` (phnt). */
export const SYSTEM_THREAD_INFORMATION = struct("SYSTEM_THREAD_INFORMATION", [
  ["KernelTime", "i64"],
  ["UserTime", "i64"],
  ["CreateTime", "i64"],
  ["WaitTime", "u32"],
  ["StartAddress", "pointer"],
  ["UniqueProcess", "pointer"], // CLIENT_ID.UniqueProcess
  ["UniqueThread", "pointer"], // CLIENT_ID.UniqueThread
  ["Priority", "i32"],
  ["BasePriority", "i32"],
  ["ContextSwitches", "u32"],
  ["ThreadState", "u32"],
  ["WaitReason", "u32"],
]);

/** `SYSTEM_PROCESS_INFORMATION` (phnt), without the trailing `Threads[]`. */
export const SYSTEM_PROCESS_INFORMATION = struct("SYSTEM_PROCESS_INFORMATION", [
  ["NextEntryOffset", "u32"],
  ["NumberOfThreads", "u32"],
  ["WorkingSetPrivateSize", "i64"],
  ["HardFaultCount", "u32"],
  ["NumberOfThreadsHighWatermark", "u32"],
  ["CycleTime", "u64"],
  ["CreateTime", "i64"],
  ["UserTime", "i64"],
  ["KernelTime", "i64"],
  ["ImageName", UNICODE_STRING],
  ["BasePriority", "i32"],
  ["UniqueProcessId", "pointer"],
  ["InheritedFromUniqueProcessId", "pointer"],
  ["HandleCount", "u32"],
  ["SessionId", "u32"],
  ["UniqueProcessKey", "size_t"],
  ["PeakVirtualSize", "size_t"],
  ["VirtualSize", "size_t"],
  ["PageFaultCount", "u32"],
  ["PeakWorkingSetSize", "size_t"],
  ["WorkingSetSize", "size_t"],
  ["QuotaPeakPagedPoolUsage", "size_t"],
  ["QuotaPagedPoolUsage", "size_t"],
  ["QuotaPeakNonPagedPoolUsage", "size_t"],
  ["QuotaNonPagedPoolUsage", "size_t"],
  ["PagefileUsage", "size_t"],
  ["PeakPagefileUsage", "size_t"],
  ["PrivatePageCount", "size_t"],
  ["ReadOperationCount", "i64"],
  ["WriteOperationCount", "i64"],
  ["OtherOperationCount", "i64"],
  ["ReadTransferCount", "i64"],
  ["WriteTransferCount", "i64"],
  ["OtherTransferCount", "i64"],
]);

/** `PROCESS_BASIC_INFORMATION` (winternl.h). */
export const PROCESS_BASIC_INFORMATION = struct("PROCESS_BASIC_INFORMATION", [
  ["ExitStatus", "i32"],
  ["PebBaseAddress", "pointer"],
  ["AffinityMask", "size_t"],
  ["BasePriority", "i32"],
  ["UniqueProcessId", "size_t"],
  ["InheritedFromUniqueProcessId", "size_t"],
]);

/** The head of the `PEB` (winternl.h) up to `ProcessParameters`. */
export const PEB = struct("PEB", [
  ["InheritedAddressSpace", "u8"],
  ["ReadImageFileExecOptions", "u8"],
  ["BeingDebugged", "u8"],
  ["BitField", "u8"],
  ["Mutant", "pointer"],
  ["ImageBaseAddress", "pointer"],
  ["Ldr", "pointer"],
  ["ProcessParameters", "pointer"],
]);

/** The head of `RTL_USER_PROCESS_PARAMETERS` (phnt) up to `Environment`. */
export const RTL_USER_PROCESS_PARAMETERS = struct("RTL_USER_PROCESS_PARAMETERS", [
  ["MaximumLength", "u32"],
  ["Length", "u32"],
  ["Flags", "u32"],
  ["DebugFlags", "u32"],
  ["ConsoleHandle", "pointer"],
  ["ConsoleFlags", "u32"],
  ["StandardInput", "pointer"],
  ["StandardOutput", "pointer"],
  ["StandardError", "pointer"],
  ["CurrentDirectoryDosPath", UNICODE_STRING], // CURDIR.DosPath
  ["CurrentDirectoryHandle", "pointer"], // CURDIR.Handle
  ["DllPath", UNICODE_STRING],
  ["ImagePathName", UNICODE_STRING],
  ["CommandLine", UNICODE_STRING],
  ["Environment", "pointer"],
]);

/** `MEMORY_BASIC_INFORMATION` (winnt.h, x64). */
export const MEMORY_BASIC_INFORMATION = struct("MEMORY_BASIC_INFORMATION", [
  ["BaseAddress", "pointer"],
  ["AllocationBase", "pointer"],
  ["AllocationProtect", "u32"],
  ["PartitionId", "u16"],
  ["RegionSize", "size_t"],
  ["State", "u32"],
  ["Protect", "u32"],
  ["Type", "u32"],
]);

/** `PROCESS_MEMORY_COUNTERS_EX` (psapi.h). */
export const PROCESS_MEMORY_COUNTERS_EX = struct("PROCESS_MEMORY_COUNTERS_EX", [
  ["cb", "u32"],
  ["PageFaultCount", "u32"],
  ["PeakWorkingSetSize", "size_t"],
  ["WorkingSetSize", "size_t"],
  ["QuotaPeakPagedPoolUsage", "size_t"],
  ["QuotaPagedPoolUsage", "size_t"],
  ["QuotaPeakNonPagedPoolUsage", "size_t"],
  ["QuotaNonPagedPoolUsage", "size_t"],
  ["PagefileUsage", "size_t"],
  ["PeakPagefileUsage", "size_t"],
  ["PrivateUsage", "size_t"],
]);

/** `IO_COUNTERS` (winnt.h). */
export const IO_COUNTERS = struct("IO_COUNTERS", [
  ["ReadOperationCount", "u64"],
  ["WriteOperationCount", "u64"],
  ["OtherOperationCount", "u64"],
  ["ReadTransferCount", "u64"],
  ["WriteTransferCount", "u64"],
  ["OtherTransferCount", "u64"],
]);

/** `THREADENTRY32` (tlhelp32.h). */
export const THREADENTRY32 = struct("THREADENTRY32", [
  ["dwSize", "u32"],
  ["cntUsage", "u32"],
  ["th32ThreadID", "u32"],
  ["th32OwnerProcessID", "u32"],
  ["tpBasePri", "i32"],
  ["tpDeltaPri", "i32"],
  ["dwFlags", "u32"],
]);

/** `TOKEN_USER` (winnt.h): `SID_AND_ATTRIBUTES`. */
export const TOKEN_USER = struct("TOKEN_USER", [["Sid", "pointer"], ["Attributes", "u32"]]);

/** `LUID` (winnt.h). */
export const LUID = struct("LUID", [["LowPart", "u32"], ["HighPart", "i32"]]);

/** `TOKEN_PRIVILEGES` with one `LUID_AND_ATTRIBUTES` (winnt.h). */
export const TOKEN_PRIVILEGES = struct("TOKEN_PRIVILEGES", [
  ["PrivilegeCount", "u32"],
  ["Luid", LUID],
  ["Attributes", "u32"],
]);

/** `SYSTEM_POWER_STATUS` (winbase.h). */
export const SYSTEM_POWER_STATUS = struct("SYSTEM_POWER_STATUS", [
  ["ACLineStatus", "u8"],
  ["BatteryFlag", "u8"],
  ["BatteryLifePercent", "u8"],
  ["SystemStatusFlag", "u8"],
  ["BatteryLifeTime", "u32"],
  ["BatteryFullLifeTime", "u32"],
]);

/** `DISK_PERFORMANCE` (winioctl.h; times in 100 ns units). */
export const DISK_PERFORMANCE = struct("DISK_PERFORMANCE", [
  ["BytesRead", "i64"],
  ["BytesWritten", "i64"],
  ["ReadTime", "i64"],
  ["WriteTime", "i64"],
  ["IdleTime", "i64"],
  ["ReadCount", "u32"],
  ["WriteCount", "u32"],
  ["QueueDepth", "u32"],
  ["SplitCount", "u32"],
  ["QueryTime", "i64"],
  ["StorageDeviceNumber", "u32"],
  ["StorageManagerName", array("u16", 8)],
]);

/** `WTS_SESSION_INFOW` (wtsapi32.h). */
export const WTS_SESSION_INFOW = struct("WTS_SESSION_INFOW", [
  ["SessionId", "u32"],
  ["pWinStationName", "pointer"],
  ["State", "i32"],
]);

/** `WTS_CLIENT_ADDRESS` (wtsapi32.h). */
export const WTS_CLIENT_ADDRESS = struct("WTS_CLIENT_ADDRESS", [["AddressFamily", "u32"], [
  "Address",
  array("u8", 20),
]]);

/** `WTSINFOW` (wtsapi32.h). */
export const WTSINFOW = struct("WTSINFOW", [
  ["State", "i32"],
  ["SessionId", "u32"],
  ["IncomingBytes", "u32"],
  ["OutgoingBytes", "u32"],
  ["IncomingFrames", "u32"],
  ["OutgoingFrames", "u32"],
  ["IncomingCompressedBytes", "u32"],
  ["OutgoingCompressedBytes", "u32"],
  ["WinStationName", array("u16", 32)],
  ["Domain", array("u16", 17)],
  ["UserName", array("u16", 21)],
  ["ConnectTime", "i64"],
  ["DisconnectTime", "i64"],
  ["LastInputTime", "i64"],
  ["LogonTime", "i64"],
  ["CurrentTime", "i64"],
]);

/** `SERVICE_STATUS_PROCESS` (winsvc.h). */
export const SERVICE_STATUS_PROCESS = struct("SERVICE_STATUS_PROCESS", [
  ["dwServiceType", "u32"],
  ["dwCurrentState", "u32"],
  ["dwControlsAccepted", "u32"],
  ["dwWin32ExitCode", "u32"],
  ["dwServiceSpecificExitCode", "u32"],
  ["dwCheckPoint", "u32"],
  ["dwWaitHint", "u32"],
  ["dwProcessId", "u32"],
  ["dwServiceFlags", "u32"],
]);

/** `ENUM_SERVICE_STATUS_PROCESSW` (winsvc.h). */
export const ENUM_SERVICE_STATUS_PROCESSW = struct("ENUM_SERVICE_STATUS_PROCESSW", [
  ["lpServiceName", "pointer"],
  ["lpDisplayName", "pointer"],
  ["ServiceStatusProcess", SERVICE_STATUS_PROCESS],
]);

/** `QUERY_SERVICE_CONFIGW` (winsvc.h). */
export const QUERY_SERVICE_CONFIGW = struct("QUERY_SERVICE_CONFIGW", [
  ["dwServiceType", "u32"],
  ["dwStartType", "u32"],
  ["dwErrorControl", "u32"],
  ["lpBinaryPathName", "pointer"],
  ["lpLoadOrderGroup", "pointer"],
  ["dwTagId", "u32"],
  ["lpDependencies", "pointer"],
  ["lpServiceStartName", "pointer"],
  ["lpDisplayName", "pointer"],
]);

/** `SERVICE_DESCRIPTIONW` (winsvc.h). */
export const SERVICE_DESCRIPTIONW = struct("SERVICE_DESCRIPTIONW", [["lpDescription", "pointer"]]);

/** `PDH_FMT_COUNTERVALUE` (pdh.h) read as a double. */
export const PDH_FMT_COUNTERVALUE = struct("PDH_FMT_COUNTERVALUE", [["CStatus", "u32"], ["doubleValue", "f64"]]);

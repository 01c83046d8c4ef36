/**
 * Windows DLLs and the functions tsutil calls in them, declared once for every runtime.
 *
 * Type conventions: `HANDLE`/`SC_HANDLE`/`PDH_HQUERY` are `isize` (so the pseudo handle -1 and
 * `INVALID_HANDLE_VALUE` stay exact numbers); `BOOL` is `i32`; `DWORD`/`ULONG`/`NTSTATUS` are `u32`; out-parameters and
 * structs are caller-owned `buffer`s; an address inside another process (`LPCVOID` for `ReadProcessMemory`) is `u64`.
 * Keys keep the C names; each argument carries its C prototype in a comment.
 *
 * @module
 */
import type { LibrarySpec, SymbolTable } from "../../ffi/types.ts";

function dll(name: string): LibrarySpec {
  return { name, candidates: [`${name}.dll`] };
}

/** kernel32.dll. */
export const KERNEL32_DLL: LibrarySpec = dll("kernel32");
/** ntdll.dll. */
export const NTDLL_DLL: LibrarySpec = dll("ntdll");
/** psapi.dll. */
export const PSAPI_DLL: LibrarySpec = dll("psapi");
/** iphlpapi.dll. */
export const IPHLPAPI_DLL: LibrarySpec = dll("iphlpapi");
/** advapi32.dll. */
export const ADVAPI32_DLL: LibrarySpec = dll("advapi32");
/** pdh.dll (performance counters). */
export const PDH_DLL: LibrarySpec = dll("pdh");
/** wtsapi32.dll (terminal sessions). */
export const WTSAPI32_DLL: LibrarySpec = dll("wtsapi32");
/** powrprof.dll (CPU frequency). */
export const POWRPROF_DLL: LibrarySpec = dll("powrprof");

/** kernel32: errors, processes, threads, memory, CPUs, disks, power. */
export const KERNEL32 = {
  GetLastError: { args: [], returns: "u32" }, // DWORD GetLastError(void)
  GetCurrentProcess: { args: [], returns: "isize" }, // HANDLE GetCurrentProcess(void)
  GetCurrentProcessId: { args: [], returns: "u32" }, // DWORD GetCurrentProcessId(void)
  CloseHandle: { args: ["isize"], returns: "i32" }, // HANDLE hObject
  OpenProcess: { args: ["u32", "i32", "u32"], returns: "isize" }, // DWORD access, BOOL inherit, DWORD pid
  GetExitCodeProcess: { args: ["isize", "buffer"], returns: "i32" }, // HANDLE hProcess, LPDWORD lpExitCode
  GetProcessTimes: {
    // HANDLE hProcess, LPFILETIME creation, LPFILETIME exit, LPFILETIME kernel, LPFILETIME user
    args: ["isize", "buffer", "buffer", "buffer", "buffer"],
    returns: "i32",
  },
  QueryFullProcessImageNameW: {
    args: ["isize", "u32", "buffer", "buffer"], // HANDLE hProcess, DWORD flags, LPWSTR name, PDWORD size
    returns: "i32",
  },
  ReadProcessMemory: {
    // HANDLE hProcess, LPCVOID base, LPVOID buffer, SIZE_T size, SIZE_T *read
    args: ["isize", "u64", "buffer", "usize", "buffer"],
    returns: "i32",
  },
  VirtualQueryEx: {
    args: ["isize", "u64", "buffer", "usize"], // HANDLE hProcess, LPCVOID addr, PMEMORY_BASIC_INFORMATION, SIZE_T len
    returns: "usize",
  },
  GetPriorityClass: { args: ["isize"], returns: "u32" }, // HANDLE hProcess
  SetPriorityClass: { args: ["isize", "u32"], returns: "i32" }, // HANDLE hProcess, DWORD class
  GetProcessIoCounters: { args: ["isize", "buffer"], returns: "i32" }, // HANDLE hProcess, PIO_COUNTERS
  GetProcessAffinityMask: {
    args: ["isize", "buffer", "buffer"], // HANDLE hProcess, PDWORD_PTR process mask, PDWORD_PTR system mask
    returns: "i32",
  },
  SetProcessAffinityMask: { args: ["isize", "usize"], returns: "i32" }, // HANDLE hProcess, DWORD_PTR mask
  GetProcessHandleCount: { args: ["isize", "buffer"], returns: "i32" }, // HANDLE hProcess, PDWORD count
  TerminateProcess: { args: ["isize", "u32"], returns: "i32" }, // HANDLE hProcess, UINT exit code
  WaitForSingleObject: { args: ["isize", "u32"], returns: "u32" }, // HANDLE h, DWORD milliseconds
  CreateToolhelp32Snapshot: { args: ["u32", "u32"], returns: "isize" }, // DWORD flags, DWORD pid
  Thread32First: { args: ["isize", "buffer"], returns: "i32" }, // HANDLE snapshot, LPTHREADENTRY32
  Thread32Next: { args: ["isize", "buffer"], returns: "i32" }, // HANDLE snapshot, LPTHREADENTRY32
  OpenThread: { args: ["u32", "i32", "u32"], returns: "isize" }, // DWORD access, BOOL inherit, DWORD tid
  GetThreadTimes: {
    // HANDLE hThread, LPFILETIME creation, LPFILETIME exit, LPFILETIME kernel, LPFILETIME user
    args: ["isize", "buffer", "buffer", "buffer", "buffer"],
    returns: "i32",
  },
  DuplicateHandle: {
    // HANDLE srcProcess, HANDLE src, HANDLE dstProcess, LPHANDLE dst, DWORD access, BOOL inherit, DWORD options
    args: ["isize", "isize", "isize", "buffer", "u32", "i32", "u32"],
    returns: "i32",
  },
  GetFileType: { args: ["isize"], returns: "u32" }, // HANDLE hFile
  GetFileAttributesW: { args: ["buffer"], returns: "u32" }, // LPCWSTR name
  GenerateConsoleCtrlEvent: { args: ["u32", "u32"], returns: "i32" }, // DWORD event, DWORD process group
  GetFinalPathNameByHandleW: {
    args: ["isize", "buffer", "u32", "u32"], // HANDLE hFile, LPWSTR path, DWORD len, DWORD flags
    returns: "u32",
  },
  GetSystemTimes: { args: ["buffer", "buffer", "buffer"], returns: "i32" }, // LPFILETIME idle, kernel, user
  GetActiveProcessorCount: { args: ["u16"], returns: "u32" }, // WORD group
  GetLogicalProcessorInformationEx: {
    args: ["u32", "buffer", "buffer"], // LOGICAL_PROCESSOR_RELATIONSHIP rel, PSYSTEM_LOGICAL_..._EX buf, PDWORD len
    returns: "i32",
  },
  GetSystemInfo: { args: ["buffer"], returns: "void" }, // LPSYSTEM_INFO
  GlobalMemoryStatusEx: { args: ["buffer"], returns: "i32" }, // LPMEMORYSTATUSEX
  GetTickCount64: { args: [], returns: "u64" }, // ULONGLONG GetTickCount64(void)
  QueryInterruptTime: { args: ["buffer"], returns: "void", optional: true }, // PULONGLONG (Windows 10+)
  GetSystemTimeAsFileTime: { args: ["buffer"], returns: "void" }, // LPFILETIME
  SetErrorMode: { args: ["u32"], returns: "u32" }, // UINT mode
  GetLogicalDriveStringsW: { args: ["u32", "buffer"], returns: "u32" }, // DWORD len, LPWSTR buffer
  GetDriveTypeW: { args: ["buffer"], returns: "u32" }, // LPCWSTR root
  GetVolumeInformationW: {
    // LPCWSTR root, LPWSTR volName, DWORD volNameLen, LPDWORD serial, LPDWORD maxComponentLen,
    // LPDWORD fsFlags, LPWSTR fsName, DWORD fsNameLen
    args: ["buffer", "buffer", "u32", "buffer", "buffer", "buffer", "buffer", "u32"],
    returns: "i32",
  },
  // LPCWSTR root, LPWSTR mountPoint, DWORD len: the first folder another volume is mounted on, under `root`
  FindFirstVolumeMountPointW: { args: ["buffer", "buffer", "u32"], returns: "isize" },
  FindNextVolumeMountPointW: { args: ["isize", "buffer", "u32"], returns: "i32" }, // HANDLE find, LPWSTR, DWORD len
  FindVolumeMountPointClose: { args: ["isize"], returns: "i32" }, // HANDLE find
  GetDiskFreeSpaceExW: {
    // LPCWSTR dir, PULARGE_INTEGER freeToCaller, PULARGE_INTEGER total, PULARGE_INTEGER totalFree
    args: ["buffer", "buffer", "buffer", "buffer"],
    returns: "i32",
  },
  CreateFileW: {
    // LPCWSTR name, DWORD access, DWORD share, LPSECURITY_ATTRIBUTES sa, DWORD disposition, DWORD flags, HANDLE tmpl
    args: ["buffer", "u32", "u32", "pointer", "u32", "u32", "isize"],
    returns: "isize",
  },
  DeviceIoControl: {
    // HANDLE dev, DWORD code, LPVOID in, DWORD inLen, LPVOID out, DWORD outLen, LPDWORD returned, LPOVERLAPPED ov
    args: ["isize", "u32", "pointer", "u32", "buffer", "u32", "buffer", "pointer"],
    returns: "i32",
  },
  QueryDosDeviceW: { args: ["buffer", "buffer", "u32"], returns: "u32" }, // LPCWSTR device, LPWSTR target, DWORD max
  GetSystemPowerStatus: { args: ["buffer"], returns: "i32" }, // LPSYSTEM_POWER_STATUS
} as const satisfies SymbolTable;

/** ntdll: the native API behind the snapshot, PEB reads, suspend/resume and I/O priority. */
export const NTDLL = {
  NtQuerySystemInformation: {
    args: ["u32", "buffer", "u32", "buffer"], // SYSTEM_INFORMATION_CLASS cls, PVOID info, ULONG len, PULONG retLen
    returns: "u32",
  },
  NtQueryInformationProcess: {
    // HANDLE hProcess, PROCESSINFOCLASS cls, PVOID info, ULONG len, PULONG retLen
    args: ["isize", "u32", "buffer", "u32", "buffer"],
    returns: "u32",
  },
  NtSetInformationProcess: {
    args: ["isize", "u32", "buffer", "u32"], // HANDLE hProcess, PROCESSINFOCLASS cls, PVOID info, ULONG len
    returns: "u32",
  },
  NtQueryVirtualMemory: {
    // HANDLE hProcess, PVOID base, MEMORY_INFORMATION_CLASS cls, PVOID info, SIZE_T len, PSIZE_T retLen
    args: ["isize", "u64", "u32", "buffer", "usize", "buffer"],
    returns: "u32",
  },
  NtSuspendProcess: { args: ["isize"], returns: "u32" }, // HANDLE hProcess
  NtResumeProcess: { args: ["isize"], returns: "u32" }, // HANDLE hProcess
  RtlNtStatusToDosError: { args: ["u32"], returns: "u32" }, // NTSTATUS status
} as const satisfies SymbolTable;

/** psapi: pids, process memory, performance totals, mapped file names. */
export const PSAPI = {
  EnumProcesses: { args: ["buffer", "u32", "buffer"], returns: "i32" }, // DWORD *pids, DWORD cb, LPDWORD needed
  GetProcessMemoryInfo: { args: ["isize", "buffer", "u32"], returns: "i32" }, // HANDLE, PPROCESS_MEMORY_COUNTERS, DWORD
  GetMappedFileNameW: {
    args: ["isize", "u64", "buffer", "u32"], // HANDLE hProcess, LPVOID addr, LPWSTR name, DWORD size
    returns: "u32",
  },
} as const satisfies SymbolTable;

/** iphlpapi: NICs, their counters and the socket tables. */
export const IPHLPAPI = {
  GetAdaptersAddresses: {
    // ULONG family, ULONG flags, PVOID reserved, PIP_ADAPTER_ADDRESSES buf, PULONG size
    args: ["u32", "u32", "pointer", "buffer", "buffer"],
    returns: "u32",
  },
  GetIfTable2: { args: ["buffer"], returns: "u32" }, // PMIB_IF_TABLE2 *table
  FreeMibTable: { args: ["pointer"], returns: "void" }, // PVOID memory
  GetExtendedTcpTable: {
    // PVOID table, PDWORD size, BOOL order, ULONG af, TCP_TABLE_CLASS cls, ULONG reserved
    args: ["buffer", "buffer", "i32", "u32", "u32", "u32"],
    returns: "u32",
  },
  GetExtendedUdpTable: {
    // PVOID table, PDWORD size, BOOL order, ULONG af, UDP_TABLE_CLASS cls, ULONG reserved
    args: ["buffer", "buffer", "i32", "u32", "u32", "u32"],
    returns: "u32",
  },
} as const satisfies SymbolTable;

/** advapi32: tokens, account names, privileges and the service control manager. */
export const ADVAPI32 = {
  OpenProcessToken: { args: ["isize", "u32", "buffer"], returns: "i32" }, // HANDLE hProcess, DWORD access, PHANDLE
  GetTokenInformation: {
    // HANDLE token, TOKEN_INFORMATION_CLASS cls, LPVOID info, DWORD len, PDWORD retLen
    args: ["isize", "u32", "buffer", "u32", "buffer"],
    returns: "i32",
  },
  LookupAccountSidW: {
    // LPCWSTR system, PSID sid, LPWSTR name, LPDWORD nameLen, LPWSTR domain, LPDWORD domainLen, PSID_NAME_USE use
    args: ["pointer", "pointer", "buffer", "buffer", "buffer", "buffer", "buffer"],
    returns: "i32",
  },
  LookupPrivilegeValueW: { args: ["pointer", "buffer", "buffer"], returns: "i32" }, // LPCWSTR sys, LPCWSTR name, PLUID
  AdjustTokenPrivileges: {
    // HANDLE token, BOOL disableAll, PTOKEN_PRIVILEGES new, DWORD len, PTOKEN_PRIVILEGES prev, PDWORD retLen
    args: ["isize", "i32", "buffer", "u32", "pointer", "pointer"],
    returns: "i32",
  },
  OpenSCManagerW: { args: ["pointer", "pointer", "u32"], returns: "isize" }, // LPCWSTR machine, LPCWSTR db, DWORD access
  OpenServiceW: { args: ["isize", "buffer", "u32"], returns: "isize" }, // SC_HANDLE scm, LPCWSTR name, DWORD access
  CloseServiceHandle: { args: ["isize"], returns: "i32" }, // SC_HANDLE
  EnumServicesStatusExW: {
    // SC_HANDLE scm, SC_ENUM_TYPE level, DWORD type, DWORD state, LPBYTE buf, DWORD size, LPDWORD needed,
    // LPDWORD count, LPDWORD resume, LPCWSTR group
    args: ["isize", "u32", "u32", "u32", "buffer", "u32", "buffer", "buffer", "buffer", "pointer"],
    returns: "i32",
  },
  QueryServiceConfigW: {
    args: ["isize", "buffer", "u32", "buffer"], // SC_HANDLE svc, LPQUERY_SERVICE_CONFIGW buf, DWORD size, LPDWORD needed
    returns: "i32",
  },
  QueryServiceConfig2W: {
    args: ["isize", "u32", "buffer", "u32", "buffer"], // SC_HANDLE svc, DWORD level, LPBYTE buf, DWORD size, LPDWORD needed
    returns: "i32",
  },
  QueryServiceStatusEx: {
    args: ["isize", "u32", "buffer", "u32", "buffer"], // SC_HANDLE svc, SC_STATUS_TYPE level, LPBYTE buf, DWORD, LPDWORD
    returns: "i32",
  },
} as const satisfies SymbolTable;

/** pdh: performance counters (processor queue length for `getloadavg`, paging file usage for swap). */
export const PDH = {
  PdhOpenQueryW: { args: ["pointer", "usize", "buffer"], returns: "u32" }, // LPCWSTR source, DWORD_PTR user, PDH_HQUERY*
  PdhAddEnglishCounterW: {
    args: ["isize", "buffer", "usize", "buffer"], // PDH_HQUERY q, LPCWSTR path, DWORD_PTR user, PDH_HCOUNTER*
    returns: "u32",
  },
  PdhCollectQueryData: { args: ["isize"], returns: "u32" }, // PDH_HQUERY q
  PdhGetFormattedCounterValue: {
    args: ["isize", "u32", "pointer", "buffer"], // PDH_HCOUNTER c, DWORD format, LPDWORD type, PPDH_FMT_COUNTERVALUE
    returns: "u32",
  },
  PdhCloseQuery: { args: ["isize"], returns: "u32" }, // PDH_HQUERY q
} as const satisfies SymbolTable;

/** wtsapi32: logged-in sessions for `users()`. */
export const WTSAPI32 = {
  WTSEnumerateSessionsW: {
    // HANDLE server, DWORD reserved, DWORD version, PWTS_SESSION_INFOW *sessions, DWORD *count
    args: ["isize", "u32", "u32", "buffer", "buffer"],
    returns: "i32",
  },
  WTSQuerySessionInformationW: {
    // HANDLE server, DWORD session, WTS_INFO_CLASS cls, LPWSTR *buffer, DWORD *bytes
    args: ["isize", "u32", "u32", "buffer", "buffer"],
    returns: "i32",
  },
  WTSFreeMemory: { args: ["pointer"], returns: "void" }, // PVOID memory
} as const satisfies SymbolTable;

/** powrprof: processor frequencies. */
export const POWRPROF = {
  CallNtPowerInformation: {
    // POWER_INFORMATION_LEVEL level, PVOID in, ULONG inLen, PVOID out, ULONG outLen
    args: ["i32", "pointer", "u32", "buffer", "u32"],
    returns: "u32",
  },
} as const satisfies SymbolTable;

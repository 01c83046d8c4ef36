/**
 * The Windows backend: kernel32, ntdll, psapi, iphlpapi, advapi32, pdh, wtsapi32 and powrprof through the runtime's
 * FFI. Each area module contributes its members; this file only assembles them. Libraries open on first use.
 *
 * @module
 */
import type { PlatformBackend } from "../backend.ts";
import { windowsCpu } from "./cpu.ts";
import { windowsMemory } from "./memory.ts";
import { windowsDisk } from "./disk.ts";
import { windowsNet } from "./net.ts";
import { windowsSystem } from "./system.ts";
import { getloadavg } from "./pdh.ts";
import { WindowsProcess } from "./process.ts";
import { ppidMap } from "./snapshot.ts";
import { kernel32 } from "./_win32.ts";
import { windowsServices } from "./services.ts";

/** Creates the Windows backend. */
export function createWindowsBackend(): PlatformBackend {
  return {
    os: "windows",
    ...windowsSystem(),
    ...windowsCpu(),
    ...windowsMemory(),
    ...windowsDisk(),
    ...windowsNet(),
    ...windowsServices(),
    getloadavg,
    process: (pid: number) => new WindowsProcess(pid),
    ppidMap,
    selfPid: (): number => kernel32().GetCurrentProcessId(),
  };
}

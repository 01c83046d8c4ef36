/**
 * Pure parsers of what the Windows process members read: command lines split as `CommandLineToArgvW` does,
 * environment blocks as psutil's `parse_environ_block`, NT device paths turned into drive paths, working
 * directories normalised, page protections as psutil prints them. No FFI here: tested on any OS.
 *
 * @module
 */

const isBlank = (c: string): boolean => c === " " || c === "\t";

/**
 * Splits a command line into arguments with `CommandLineToArgvW`'s rules: the program name ends at the next quote
 * (when quoted) or blank, with no escapes; later arguments treat `2n` backslashes before a quote as `n` backslashes
 * and a quote toggle, `2n+1` as `n` backslashes and a literal quote, and three consecutive quotes as a literal
 * quote. An empty command line gives no arguments (the real function then returns the exe path, which the caller
 * has anyway).
 */
export function splitCommandLine(cmd: string): string[] {
  if (cmd === "") return [];
  const args: string[] = [];
  let i = 0;
  let arg = "";
  if (cmd[0] === '"') {
    i = 1;
    while (i < cmd.length && cmd[i] !== '"') arg += cmd[i++];
    if (i < cmd.length) i++;
  } else {
    while (i < cmd.length && !isBlank(cmd[i])) arg += cmd[i++];
  }
  args.push(arg);
  while (i < cmd.length && isBlank(cmd[i])) i++;
  if (i >= cmd.length) return args;
  arg = "";
  let quotes = 0; // odd: inside quotes
  let backslashes = 0;
  while (i < cmd.length) {
    const c = cmd[i];
    if (isBlank(c) && quotes === 0) {
      args.push(arg);
      arg = "";
      backslashes = 0;
      while (i < cmd.length && isBlank(cmd[i])) i++;
      if (i >= cmd.length) return args;
      continue;
    }
    if (c === "\\") {
      arg += c;
      backslashes++;
      i++;
      continue;
    }
    if (c === '"') {
      if (backslashes % 2 === 0) {
        arg = arg.slice(0, arg.length - backslashes / 2);
        quotes++;
      } else {
        arg = arg.slice(0, arg.length - (backslashes + 1) / 2) + '"';
      }
      i++;
      backslashes = 0;
      while (i < cmd.length && cmd[i] === '"') {
        if (++quotes === 3) {
          arg += '"';
          quotes = 0;
        }
        i++;
      }
      if (quotes === 2) quotes = 0;
      continue;
    }
    arg += c;
    backslashes = 0;
    i++;
  }
  args.push(arg);
  return args;
}

/**
 * Parses a Windows environment block (`K=V\0K=V\0\0`) as psutil does: keys upper-cased, entries whose name starts
 * with `=` (the hidden per-drive working directories such as `=C:=C:\x`) skipped, parsing stops at the empty entry.
 */
export function parseEnvironBlock(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  let pos = 0;
  while (pos < block.length) {
    let next = block.indexOf("\0", pos);
    if (next === -1) next = block.length;
    if (next <= pos) break;
    const eq = block.indexOf("=", pos);
    if (eq > pos && eq < next) out[block.slice(pos, eq).toUpperCase()] = block.slice(eq + 1, next);
    pos = next + 1;
  }
  return out;
}

/**
 * Turns an NT path into a drive path (psutil's `convert_dos_path`): `\??\C:\x` → `C:\x`, `\??\UNC\srv\share\x` and
 * `\Device\Mup\srv\share\x` → `\\srv\share\x`, `\Device\HarddiskVolume1\x` → `<letter>\x` through `lookup` (the
 * device of each drive letter, from QueryDosDeviceW). Paths already in DOS form come back unchanged.
 */
export function convertDosPath(path: string, lookup: (device: string) => string): string {
  if (path.startsWith("\\\\")) return path;
  if (!path.startsWith("\\")) return path;
  const parts = path.split("\\");
  let raw = parts.slice(0, 3).join("\\");
  let drive: string;
  if (raw === "\\??\\UNC" || raw === "\\Device\\Mup") {
    raw = parts.slice(0, 5).join("\\");
    drive = "\\\\" + parts.slice(3, 5).join("\\");
  } else if (raw.startsWith("\\??\\")) {
    drive = parts[2];
  } else {
    drive = lookup(raw);
  }
  const rest = path.slice(raw.length);
  if (drive === "") return path;
  return rest === "" ? drive : `${drive}${rest.startsWith("\\") ? "" : "\\"}${rest}`;
}

/** A working directory as psutil returns it: normalised, without the trailing backslash (except at a root). */
export function normalizeCwd(path: string): string {
  if (/^[A-Za-z]:\\?$/.test(path)) return `${path.slice(0, 2)}\\`;
  return path.length > 1 && path.endsWith("\\") ? path.slice(0, -1) : path;
}

/** psutil's text of a page protection (`PAGE_*` low byte). */
export function protectionString(protect: number): string {
  switch (protect & 0xff) {
    case 0x01:
      return "";
    case 0x02:
      return "r";
    case 0x04:
      return "rw";
    case 0x08:
      return "wc";
    case 0x10:
      return "x";
    case 0x20:
      return "xr";
    case 0x40:
      return "xrw";
    case 0x80:
      return "xwc";
    default:
      return "?";
  }
}

/** The last path component of a Windows or POSIX path (`os.path.basename` on Windows). */
export function basenameWin(path: string): string {
  const i = Math.max(path.lastIndexOf("\\"), path.lastIndexOf("/"));
  return i >= 0 ? path.slice(i + 1) : path;
}

/** The CPUs set in an affinity bit mask, ascending. */
export function maskToCpus(mask: bigint): number[] {
  const out: number[] = [];
  for (let i = 0; i < 64; i++) if ((mask >> BigInt(i)) & 1n) out.push(i);
  return out;
}

/** The affinity bit mask of a CPU list. */
export function cpusToMask(cpus: number[]): bigint {
  let m = 0n;
  for (const c of cpus) m |= 1n << BigInt(c);
  return m;
}

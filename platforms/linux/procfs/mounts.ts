/**
 * Parsers for the mount table (`/proc/self/mounts`, `/etc/mtab`: fstab(5) format) and `/proc/filesystems`.
 *
 * The mount table is read the way glibc's `getmntent` reads it, since psutil goes through it: trailing blanks are
 * dropped, blank lines and `#` comments skipped, fields split on single spaces or tabs after skipping leading
 * ones, each of the four text fields decoded (`\040` space, `\011` tab, `\012` newline, `\134` and `\\`
 * backslash: the escapes the kernel's `mangle()` and `addmntent` write), and `autofs` entries with the `ignore`
 * option skipped (glibc 2.35+).
 *
 * @module
 */

/** One mount table entry, text fields decoded. */
export interface MountEntry {
  device: string;
  mountpoint: string;
  fstype: string;
  opts: string;
}

/** Undoes the octal escapes of a mount table field, exactly those glibc's `decode_name` knows. */
export function decodeMountField(s: string): string {
  if (!s.includes("\\")) return s;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === "\\") {
      const three = s.slice(i + 1, i + 4);
      if (three === "040") {
        out += " ";
        i += 3;
        continue;
      }
      if (three === "011") {
        out += "\t";
        i += 3;
        continue;
      }
      if (three === "012") {
        out += "\n";
        i += 3;
        continue;
      }
      if (three === "134") {
        out += "\\";
        i += 3;
        continue;
      }
      if (s[i + 1] === "\\") {
        out += "\\";
        i += 1;
        continue;
      }
    }
    out += ch;
  }
  return out;
}

function hasOpt(opts: string, opt: string): boolean {
  return opts.split(",").some((o) => o === opt || o.startsWith(opt + "="));
}

/** Splits off the next field as glibc does: skip leading blanks, take up to the next single space or tab. */
function nextField(line: string, pos: number): [string, number] {
  while (pos < line.length && (line[pos] === " " || line[pos] === "\t")) pos++;
  let end = pos;
  while (end < line.length && line[end] !== " " && line[end] !== "\t") end++;
  return [line.slice(pos, end), end < line.length ? end + 1 : end];
}

/** Parses a mount table in fstab(5) format. */
export function parseMounts(s: string): MountEntry[] {
  const out: MountEntry[] = [];
  for (const raw of s.split("\n")) {
    const line = raw.replace(/[ \t]+$/, "");
    const head = line.replace(/^[ \t]+/, "");
    if (head === "" || head[0] === "#") continue;
    let pos = 0;
    const f: string[] = [];
    for (let i = 0; i < 4; i++) {
      const [field, next] = nextField(line, pos);
      f.push(decodeMountField(field));
      pos = next;
    }
    const [device, mountpoint, fstype, opts] = f;
    if (fstype === "autofs" && hasOpt(opts, "ignore")) continue;
    out.push({ device, mountpoint, fstype, opts });
  }
  return out;
}

/**
 * The "physical" filesystem types of `/proc/filesystems`, as psutil keeps them for `disk_partitions(all=False)`:
 * every type not flagged `nodev`, plus `zfs` even though it is.
 */
export function parseFilesystems(s: string): Set<string> {
  const out = new Set<string>();
  for (const raw of s.split("\n")) {
    const line = raw.trim();
    if (line === "") continue;
    if (!line.startsWith("nodev")) out.add(line);
    else if (line.split("\t")[1] === "zfs") out.add("zfs");
  }
  return out;
}

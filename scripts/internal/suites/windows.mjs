// The Windows suites: tests_windows/ run by the Windows builds of Deno ("windows") and of Bun ("windows-bun") under
// Wine (scripts/internal/wine_deno.sh), after the Linux suites; one Wine prefix, locked, so they never overlap. The host's own answers (RAM, CPUs, NICs and their counters, boot time, disk size) are
// read here from /proc and /sys and passed in TSUTIL_WINE_HOST, so the tests can compare what Wine reports through
// the Windows APIs with the machine it runs on.
//
// Where Wine cannot run (not root and no Wine installed, or no apt-get), the suite prints why and counts nothing;
// with CI=true it runs anyway, so the missing Wine shows up as a failed suite ("no summary").
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statfsSync } from "node:fs";
import { networkInterfaces } from "node:os";
import { join } from "node:path";

function read(path) {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

/** What the Linux host says, for the Wine tests to compare with. */
function hostFacts() {
  const meminfo = read("/proc/meminfo");
  const memTotalKb = Number(/^MemTotal:\s+(\d+)/m.exec(meminfo)?.[1] ?? 0);
  const btime = Number(/^btime\s+(\d+)/m.exec(read("/proc/stat"))?.[1] ?? 0);
  const online = read("/sys/devices/system/cpu/online").trim();
  let cpus = 0;
  for (const part of online.split(",").filter(Boolean)) {
    const [a, b] = part.split("-").map(Number);
    cpus += b === undefined ? 1 : b - a + 1;
  }
  const nics = {};
  for (const line of read("/proc/net/dev").split("\n").slice(2)) {
    const m = /^\s*([^:]+):\s*(.*)$/.exec(line);
    if (!m) continue;
    const f = m[2].trim().split(/\s+/).map(Number);
    nics[m[1]] = { bytesRecv: f[0], packetsRecv: f[1], bytesSent: f[8], packetsSent: f[9] };
  }
  const up = {};
  for (const name of Object.keys(nics)) up[name] = read(`/sys/class/net/${name}/operstate`).trim();
  const addrs = {};
  for (const [name, list] of Object.entries(networkInterfaces())) {
    addrs[name] = (list ?? []).filter((a) => a.family === "IPv4").map((a) => a.address);
  }
  let disk = null;
  try {
    const s = statfsSync("/");
    disk = { total: s.blocks * s.bsize, free: s.bfree * s.bsize, avail: s.bavail * s.bsize };
  } catch {
    disk = null;
  }
  const batteries = existsSync("/sys/class/power_supply")
    ? readdirSync("/sys/class/power_supply").filter((d) =>
      read(`/sys/class/power_supply/${d}/type`).trim() === "Battery"
    )
    : [];
  return { memTotal: memTotalKb * 1024, btime, cpus, nics, up, addrs, disk, batteries: batteries.length };
}

export function suites(root) {
  const script = join(root, "scripts/internal/wine_deno.sh");
  const check = spawnSync("bash", [script, "--check"], { encoding: "utf8" });
  if (check.status !== 0 && process.env.CI !== "true") {
    const why = (check.stderr || check.error?.message || `exit ${check.status}`).trim();
    const msg = `Windows suites not run: ${why}. They count as failed only with CI=true.`;
    return [
      ["windows", "deno", process.execPath, [
        "-e",
        `console.log(${JSON.stringify(msg)}); console.log("ok | 0 passed | 0 failed")`,
      ]],
      ["windows-bun", "bun", process.execPath, ["-e", `console.log(${JSON.stringify(msg)}); console.log(" 0 pass")`]],
    ];
  }
  // Type-check the Wine-only tests with the Linux deno (fast), then run them with the Windows one (no re-check).
  const deno = join(root, "node_modules/.bin/deno");
  const cmd = `"${deno}" check tests_windows/ && exec bash "${script}" test -A --no-check tests_windows/`;
  const env = { TSUTIL_WINE_HOST: JSON.stringify(hostFacts()) };
  const bun = `exec bash "${script}" --bun test --timeout 60000 tests_windows/`;
  return [["windows", "deno", "bash", ["-c", cmd], env], ["windows-bun", "bun", "bash", ["-c", bun], env]];
}

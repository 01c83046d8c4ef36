import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLinuxBackend } from "../../platforms/linux/mod.ts";
import * as tsutil from "../../mod.ts";
import { psutil, skipWithoutPsutil } from "../_helpers.ts";
import { ENTRIES, utmpBytes } from "../_utmp.ts";

const skip = skipWithoutPsutil();

test("sensorsTemperatures(), sensorsFans() and sensorsBattery() equal psutil's on this machine", { skip }, () => {
  const py = psutil<{ temps: unknown; tempsF: unknown; fans: unknown; battery: unknown }>(`
def temps(f): return {k: [t._asdict() for t in v] for k, v in psutil.sensors_temperatures(fahrenheit=f).items()}
b = psutil.sensors_battery()
print(json.dumps({"temps": temps(False), "tempsF": temps(True),
  "fans": {k: [f._asdict() for f in v] for k, v in psutil.sensors_fans().items()},
  "battery": b and {"percent": b.percent, "secsleft": int(b.secsleft), "powerPlugged": b.power_plugged}}))`);
  assert.deepEqual(tsutil.sensorsTemperatures(), py.temps);
  assert.deepEqual(tsutil.sensorsTemperatures({ fahrenheit: true }), py.tempsF);
  assert.deepEqual(tsutil.sensorsFans(), py.fans);
  assert.deepEqual(tsutil.sensorsBattery(), py.battery);
});

test("users() equals psutil's on this machine", { skip }, () => {
  const py = psutil<unknown[]>(`print(json.dumps([u._asdict() for u in psutil.users()]))`);
  assert.deepEqual(tsutil.users(), py);
});

test("users() decodes a utmp file as glibc's getutent does for psutil (pointed there with utmpname)", { skip }, () => {
  // The record with a 32-byte user name is left out: psutil reads it as a C string and runs into ut_host.
  const entries = ENTRIES.filter((e) => (e.user ?? "").length < 32);
  const dir = mkdtempSync(join(tmpdir(), "tsutil-utmp-"));
  try {
    const path = join(dir, "utmp");
    writeFileSync(path, utmpBytes(entries));
    const py = psutil<{ name: string; terminal: string | null; host: string; started: number; pid: number }[]>(
      `import ctypes\nassert ctypes.CDLL(None).utmpname(${JSON.stringify(path)}.encode()) == 0\n` +
        `print(json.dumps([u._asdict() for u in psutil.users()]))`,
    );
    const ours = createLinuxBackend({ utmp: path }).users!();
    assert.equal(py.length, 4);
    assert.deepEqual(Object.keys(ours[0]), Object.keys(py[0]));
    // psutil 5.9.4 passes the login time through a C float (psutil 6 uses a double): compare at that precision.
    assert.deepEqual(ours.map((u) => ({ ...u, started: Math.fround(u.started) })), py);
    assert.deepEqual(ours.map((u) => u.started), entries.filter((e) => e.type === 7).map((e) => e.sec));
  } finally {
    rmSync(dir, { recursive: true });
  }
});

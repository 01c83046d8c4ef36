import { test } from "node:test";
import assert from "node:assert/strict";
import * as tsutil from "../../mod.ts";
import { ok } from "./_run.ts";
import { render as renderSensors } from "../../scripts/sensors.ts";
import { render as renderTemps } from "../../scripts/temperatures.ts";
import { render as renderFans } from "../../scripts/fans.ts";
import { render as renderBattery } from "../../scripts/battery.ts";
import { setColor } from "../../scripts/_cli/color.ts";

setColor(false);

test("temperatures, fans, battery and sensors --json print the library's own answers", () => {
  assert.deepEqual(JSON.parse(ok("temperatures.ts", ["--json"])), tsutil.sensorsTemperatures());
  assert.deepEqual(
    JSON.parse(ok("temperatures.ts", ["--json", "--fahrenheit"])),
    tsutil.sensorsTemperatures({ fahrenheit: true }),
  );
  assert.deepEqual(JSON.parse(ok("fans.ts", ["--json"])), tsutil.sensorsFans());
  const battery = tsutil.sensorsBattery();
  const got = JSON.parse(ok("battery.ts", ["--json"]));
  if (battery === null) assert.equal(got, null);
  else assert.deepEqual(Object.keys(got), Object.keys(battery));
  const all = JSON.parse(ok("sensors.ts", ["--json"]));
  assert.deepEqual(all.temperatures, tsutil.sensorsTemperatures());
  assert.deepEqual(all.fans, tsutil.sensorsFans());
});

test("temperatures, fans and battery text names every chip this machine reports, or says there is none", () => {
  const temps = tsutil.sensorsTemperatures();
  const out = ok("temperatures.ts");
  if (Object.keys(temps).length === 0) assert.equal(out, "no temperature sensors found\n");
  for (const chip of Object.keys(temps)) assert.match(out, new RegExp(`^${chip}$`, "m"));
  const fans = tsutil.sensorsFans();
  const fout = ok("fans.ts");
  if (Object.keys(fans).length === 0) assert.equal(fout, "no fans found\n");
  for (const chip of Object.keys(fans)) assert.match(fout, new RegExp(`^${chip}$`, "m"));
  const bout = ok("battery.ts");
  if (tsutil.sensorsBattery() === null) assert.equal(bout, "no battery found\n");
  else assert.match(bout, /^charge\s+\d/m);
  assert.ok(ok("sensors.ts").length > 0);
});

const TEMPS: Record<string, tsutil.Temperature[]> = {
  coretemp: [
    { label: "Package id 0", current: 54, high: 80, critical: 100 },
    { label: "Core 0", current: 101.5, high: 80, critical: 100 },
  ],
  acpitz: [{ label: "", current: 27.8, high: null, critical: null }],
};

test("temperature lines align labels and values, and show missing thresholds as -", () => {
  assert.deepEqual(renderTemps(TEMPS), [
    "coretemp",
    "    Package id 0     54°C  (high = 80°C, critical = 100°C)",
    "    Core 0        101.5°C  (high = 80°C, critical = 100°C)",
    "",
    "acpitz",
    "    #1  27.8°C  (high = -, critical = -)",
  ]);
  assert.equal(renderTemps({}, "°F")[0], "no temperature sensors found");
});

test("fan and battery lines: RPM, time left and power source", () => {
  assert.deepEqual(renderFans({ thinkpad: [{ label: "fan1", current: 2100 }, { label: "", current: 900 }] }), [
    "thinkpad",
    "    fan1  2100 RPM",
    "    #2     900 RPM",
  ]);
  assert.deepEqual(renderBattery({ percent: 74.5, secsleft: 7891, powerPlugged: false }), [
    "charge      74.5%",
    "left        2:11:31",
    "status      discharging",
    "plugged in  no",
  ]);
  const plugged = renderBattery({ percent: 100, secsleft: tsutil.POWER_TIME_UNLIMITED, powerPlugged: true });
  assert.deepEqual(plugged.slice(1, 3), ["left        unlimited (on AC power)", "status      fully charged"]);
  assert.equal(
    renderBattery({ percent: 50, secsleft: tsutil.POWER_TIME_UNKNOWN, powerPlugged: null })[1],
    "left        unknown",
  );
});

test("sensors groups temperatures and fans by chip, then the battery", () => {
  const lines = renderSensors({
    temperatures: { coretemp: TEMPS.coretemp },
    fans: { coretemp: [{ label: "cpu", current: 1500 }] },
    battery: { percent: 80, secsleft: 3600, powerPlugged: false },
  });
  assert.deepEqual(lines, [
    "coretemp",
    "    Temperatures:",
    "        Package id 0     54°C  (high = 80°C, critical = 100°C)",
    "        Core 0        101.5°C  (high = 80°C, critical = 100°C)",
    "    Fans:",
    "        cpu  1500 RPM",
    "",
    "Battery",
    "    charge      80%",
    "    left        1:00:00",
    "    status      discharging",
    "    plugged in  no",
  ]);
  assert.match(renderSensors({ temperatures: {}, fans: {}, battery: null })[0], /^no sensors found/);
});

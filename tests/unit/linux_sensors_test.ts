import { test } from "node:test";
import assert from "node:assert/strict";
import { createLinuxBackend } from "../../platforms/linux/mod.ts";
import { setBackend } from "../../src/_backend.ts";
import {
  POWER_TIME_UNKNOWN,
  POWER_TIME_UNLIMITED,
  sensorsBattery,
  sensorsFans,
  sensorsTemperatures,
  type Temperature,
} from "../../mod.ts";
import { fixture } from "../_helpers.ts";

function linux(c: string): ReturnType<typeof createLinuxBackend> {
  return createLinuxBackend({ procfs: fixture(`linux/${c}/proc`), sysfs: fixture(`linux/${c}/sys`) });
}

function withFixture<T>(c: string, fn: () => T): T {
  setBackend(linux(c));
  try {
    return fn();
  } finally {
    setBackend(undefined);
  }
}

function t(label: string, current: number, high: number | null, critical: number | null): Temperature {
  return { label, current, high, critical };
}

test("sensorsTemperatures() reads hwmon chips with labels, thresholds, and skips unreadable channels", () => {
  const temps = withFixture("hwmon_labels", () => sensorsTemperatures());
  assert.deepEqual(Object.keys(temps), ["acpitz", "nvme", "coretemp", "thinkpad"]);
  // a lone critical threshold stands for high too (psutil's rule); temp4 has no input, temp5 reads "N/A"
  assert.deepEqual(temps.acpitz, [t("", 27.8, 119, 119)]);
  assert.deepEqual(temps.nvme, [t("Composite", 38.85, 84.85, 84.85), t("Sensor 1", 36.85, 65261.85, 65261.85)]);
  assert.deepEqual(temps.coretemp, [
    t("Package id 0", 45, 80, 100),
    t("Core 0", 43, 80, 100),
    t("Core 1", 44.5, 80, 100),
  ]);
  assert.deepEqual(temps.thinkpad, [t("", 47, null, null)]);
  assert.deepEqual(Object.keys(temps.coretemp[0]), ["label", "current", "high", "critical"]);
});

test("the backend reports thresholds as the kernel has them; fahrenheit converts every value", () => {
  assert.deepEqual(linux("hwmon_labels").sensorsTemperatures!().get("acpitz"), [t("", 27.8, null, 119)]);
  const f = withFixture("hwmon_labels", () => sensorsTemperatures({ fahrenheit: true }));
  assert.deepEqual(f.coretemp[0], t("Package id 0", 113, 176, 212));
  assert.deepEqual(f.thinkpad, [t("", 116.6, null, null)]); // (47 × 9) / 5 + 32, as psutil computes it
  assert.throws(() => sensorsTemperatures({ fahrenheit: 1 as unknown as boolean }), TypeError);
});

test("sensorsTemperatures() finds files in hwmonN/device/ and sorts hwmon10 before hwmon2 as psutil does", () => {
  const temps = withFixture("hwmon_no_labels", () => sensorsTemperatures());
  assert.deepEqual(temps, {
    it8721: [t("", 30, null, null), t("", 35, 70, 70)],
    k10temp: [t("", 50.125, null, null), t("", 48, 70, 70)],
  });
});

test("sensorsTemperatures() falls back to thermal zones, one unlabelled entry per zone", () => {
  const temps = withFixture("thermal_zone_only", () => sensorsTemperatures());
  // thermal trip types are active/passive/hot/critical: only critical is reported (psutil looks for "high")
  assert.deepEqual(temps, {
    acpitz: [t("", 27.8, 119, 119), t("", 29.8, 105, 105)],
    x86_pkg_temp: [t("", 45, null, null)],
  });
});

test("sensorsTemperatures() is empty without sensors, and when only an unlinked coretemp exists (as psutil)", () => {
  assert.deepEqual(withFixture("sensors_none", () => sensorsTemperatures()), {});
  assert.deepEqual(withFixture("coretemp_unlinked", () => sensorsTemperatures()), {});
});

test("sensorsFans() reads fan*_input per chip; device/ only when no hwmonN has fans itself", () => {
  assert.deepEqual(withFixture("hwmon_labels", () => sensorsFans()), {
    thinkpad: [{ label: "", current: 2485 }, { label: "", current: 0 }],
    dell_smm: [{ label: "Processor Fan", current: 3012 }],
  });
  assert.deepEqual(withFixture("hwmon_no_labels", () => sensorsFans()), {
    it8721: [{ label: "", current: 1200 }, { label: "", current: 980 }],
  });
  assert.deepEqual(withFixture("sensors_none", () => sensorsFans()), {});
});

test("sensorsBattery() charging: energy_* counters, AC online, time unlimited", () => {
  const b = withFixture("battery_charging", () => sensorsBattery());
  assert.deepEqual(b, { percent: 50, secsleft: POWER_TIME_UNLIMITED, powerPlugged: true });
  assert.deepEqual(Object.keys(b!), ["percent", "secsleft", "powerPlugged"]);
});

test("sensorsBattery() discharging: charge_* counters, AC0 offline, seconds from charge / current", () => {
  assert.deepEqual(linux("battery_discharging").sensorsBattery!(), {
    percent: 75,
    secsleft: 7200,
    powerPlugged: false,
  });
});

test("sensorsBattery() full: capacity file and status, the first battery by name (BAT1 before hidpp_battery_0)", () => {
  assert.deepEqual(linux("battery_full").sensorsBattery!(), {
    percent: 100,
    secsleft: POWER_TIME_UNLIMITED,
    powerPlugged: true,
  });
});

test("sensorsBattery() with an unknown status: plugged unknown; zero power makes the time unknown", () => {
  assert.deepEqual(linux("battery_unknown_status").sensorsBattery!(), {
    percent: 80,
    secsleft: POWER_TIME_UNKNOWN,
    powerPlugged: null,
  });
  assert.deepEqual(linux("battery_time_to_empty").sensorsBattery!(), {
    percent: 57,
    secsleft: 95 * 60,
    powerPlugged: null,
  });
});

test("sensorsBattery() is null without a battery", () => {
  assert.equal(withFixture("battery_none", () => sensorsBattery()), null);
  assert.equal(linux("sensors_none").sensorsBattery!(), null);
  assert.equal(linux("stat_4cpu").sensorsBattery!(), null); // no power_supply class at all
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { offsetOf, sizeOf } from "../../ffi/struct.ts";
import * as N from "../../platforms/linux/nvml_structs.ts";
import {
  decodeMemory,
  decodePciInfo,
  decodeProcessInfos,
  decodeProcessSamples,
  decodeUtilization,
  normaliseBusId,
} from "../../platforms/linux/nvml.ts";

// sizeof/offsetof of the nvml.h declarations, compiled with gcc on x86_64 (LP64).
const SIZES: [string, Parameters<typeof sizeOf>[0], number][] = [
  ["nvmlPciInfo_t", N.nvmlPciInfo_t, 68],
  ["nvmlUtilization_t", N.nvmlUtilization_t, 8],
  ["nvmlMemory_t", N.nvmlMemory_t, 24],
  ["nvmlMemory_v2_t", N.nvmlMemory_v2_t, 40],
  ["nvmlProcessInfo_v1_t", N.nvmlProcessInfo_v1_t, 16],
  ["nvmlProcessInfo_v2_t", N.nvmlProcessInfo_v2_t, 24],
  ["nvmlProcessUtilizationSample_t", N.nvmlProcessUtilizationSample_t, 32],
];

for (const [name, def, size] of SIZES) {
  test(`struct ${name} is ${size} bytes as in nvml.h`, () => {
    assert.equal(sizeOf(def, "lp64"), size);
  });
}

test("NVML struct offsets and the nvmlMemory_v2 version word match nvml.h", () => {
  assert.equal(offsetOf(N.nvmlPciInfo_t, "busId", "lp64"), 36);
  assert.equal(offsetOf(N.nvmlMemory_v2_t, "used", "lp64"), 32);
  assert.equal(offsetOf(N.nvmlProcessUtilizationSample_t, "timeStamp", "lp64"), 8);
  assert.equal(offsetOf(N.nvmlProcessUtilizationSample_t, "smUtil", "lp64"), 16);
  assert.equal(offsetOf(N.nvmlProcessInfo_v2_t, "gpuInstanceId", "lp64"), 16);
  assert.equal(N.nvmlMemory_v2, 0x2000028);
});

function bytes(size: number, fill: (v: DataView, b: Uint8Array) => void): Uint8Array {
  const b = new Uint8Array(size);
  fill(new DataView(b.buffer), b);
  return b;
}

test("decodePciInfo() reads busId and normalises NVML's 8-digit domain", () => {
  const b = bytes(68, (v, u) => {
    u.set(new TextEncoder().encode("0000:01:00.0"), 0);
    v.setUint32(28, 0x220410de, true);
    u.set(new TextEncoder().encode("00000000:01:00.0"), 36);
  });
  assert.deepEqual(decodePciInfo(b), { busId: "0000:01:00.0", pciDeviceId: 0x220410de });
  assert.equal(normaliseBusId("00000001:AF:00.1"), "0001:af:00.1");
  assert.equal(normaliseBusId("garbage"), null);
});

test("decodeMemory() reads v1 and v2 layouts; decodeUtilization() both percentages", () => {
  const v1 = bytes(24, (v) => {
    v.setBigUint64(0, 8589934592n, true);
    v.setBigUint64(8, 6442450944n, true);
    v.setBigUint64(16, 2147483648n, true);
  });
  assert.deepEqual(decodeMemory(v1, 1), { total: 8589934592, free: 6442450944, used: 2147483648 });
  const v2 = bytes(40, (v) => {
    v.setUint32(0, N.nvmlMemory_v2, true);
    v.setBigUint64(8, 25769803776n, true);
    v.setBigUint64(16, 536870912n, true);
    v.setBigUint64(24, 20401094656n, true);
    v.setBigUint64(32, 4831838208n, true);
  });
  assert.deepEqual(decodeMemory(v2, 2), { total: 25769803776, free: 20401094656, used: 4831838208 });
  assert.deepEqual(decodeUtilization(bytes(8, (v) => (v.setUint32(0, 87, true), v.setUint32(4, 40, true)))), {
    gpu: 87,
    memory: 40,
  });
});

test("decodeProcessInfos() walks arrays of v1 and v2 entries; NVML_VALUE_NOT_AVAILABLE memory is null", () => {
  const v2 = bytes(48, (v) => {
    v.setUint32(0, 4242, true);
    v.setBigUint64(8, 1073741824n, true);
    v.setUint32(16, 0xffffffff, true);
    v.setUint32(24, 77, true);
    v.setBigUint64(32, 0xffffffffffffffffn, true);
  });
  assert.deepEqual(decodeProcessInfos(v2, 2, N.nvmlProcessInfo_v2_t), [
    { pid: 4242, usedGpuMemory: 1073741824 },
    { pid: 77, usedGpuMemory: null },
  ]);
  const v1 = bytes(32, (v) => {
    v.setUint32(0, 1, true);
    v.setBigUint64(8, 100n, true);
    v.setUint32(16, 2, true);
    v.setBigUint64(24, 200n, true);
  });
  assert.deepEqual(decodeProcessInfos(v1, 2, N.nvmlProcessInfo_v1_t), [
    { pid: 1, usedGpuMemory: 100 },
    { pid: 2, usedGpuMemory: 200 },
  ]);
});

test("decodeProcessSamples() keeps each pid's newest sample", () => {
  const b = bytes(96, (v) => {
    const put = (i: number, pid: number, ts: bigint, sm: number): void => {
      v.setUint32(i * 32, pid, true);
      v.setBigUint64(i * 32 + 8, ts, true);
      v.setUint32(i * 32 + 16, sm, true);
      v.setUint32(i * 32 + 20, sm / 2, true);
      v.setUint32(i * 32 + 24, 1, true);
      v.setUint32(i * 32 + 28, 2, true);
    };
    put(0, 10, 1000n, 50);
    put(1, 10, 2000n, 90);
    put(2, 11, 1500n, 20);
  });
  const m = decodeProcessSamples(b, 3);
  assert.deepEqual(m.get(10), { sm: 90, mem: 45, enc: 1, dec: 2 });
  assert.deepEqual(m.get(11), { sm: 20, mem: 10, enc: 1, dec: 2 });
});

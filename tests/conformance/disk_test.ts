import { test } from "node:test";
import assert from "node:assert/strict";
import * as tsutil from "../../mod.ts";
import { psutil, skipWithoutPsutil } from "../_helpers.ts";

const skip = skipWithoutPsutil();

test("diskPartitions() equals psutil.disk_partitions() exactly, all=False and all=True", { skip }, () => {
  const py = psutil<{ phys: string[][]; all: string[][] }>(
    `print(json.dumps({"phys": [list(p[:4]) for p in psutil.disk_partitions()],
                       "all": [list(p[:4]) for p in psutil.disk_partitions(all=True)]}))`,
  );
  const row = (p: tsutil.DiskPartition): string[] => [p.device, p.mountpoint, p.fstype, p.opts];
  assert.deepEqual(tsutil.diskPartitions().map(row), py.phys);
  assert.deepEqual(tsutil.diskPartitions({ all: true }).map(row), py.all);
});

const FIELDS = [
  "readCount",
  "writeCount",
  "readBytes",
  "writeBytes",
  "readTime",
  "writeTime",
  "readMergedCount",
  "writeMergedCount",
  "busyTime",
] as const;

test("diskIoCounters(perdisk) matches psutil: same disks, counters between our two reads", { skip }, () => {
  const before = tsutil.diskIoCounters({ perdisk: true, nowrap: false });
  const py = psutil<Record<string, number[]>>(
    `print(json.dumps({k: list(v) for k, v in psutil.disk_io_counters(perdisk=True, nowrap=False).items()}))`,
  );
  const after = tsutil.diskIoCounters({ perdisk: true, nowrap: false });
  assert.deepEqual(Object.keys(after), Object.keys(py));
  for (const [disk, c] of Object.entries(after)) {
    FIELDS.forEach((f, i) => {
      const lo = before[disk][f]!;
      const hi = c[f]!;
      assert.ok(lo <= py[disk][i] && py[disk][i] <= hi, `${disk}.${f}: ${lo} <= ${py[disk][i]} <= ${hi}`);
    });
  }
});

test("diskIoCounters() sums whole disks as psutil does", { skip }, () => {
  const before = tsutil.diskIoCounters({ nowrap: false })!;
  const py = psutil<number[]>(`print(json.dumps(list(psutil.disk_io_counters(nowrap=False))))`);
  const after = tsutil.diskIoCounters({ nowrap: false })!;
  FIELDS.forEach((f, i) => assert.ok(before[f]! <= py[i] && py[i] <= after[f]!, `${f}`));
});

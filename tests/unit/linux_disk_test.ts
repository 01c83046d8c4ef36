import { test } from "node:test";
import assert from "node:assert/strict";
import { createLinuxBackend } from "../../platforms/linux/mod.ts";
import { fixture } from "../_helpers.ts";
import { TsutilError } from "../../mod.ts";
import { DISKSTATS_SECTOR_SIZE, parseDiskstats } from "../../platforms/linux/procfs/diskstats.ts";
import { decodeMountField, parseFilesystems, parseMounts } from "../../platforms/linux/procfs/mounts.ts";

function backend(name: string): ReturnType<typeof createLinuxBackend> {
  return createLinuxBackend({ procfs: fixture(`linux/${name}/proc`), sysfs: fixture(`linux/${name}/sys`) });
}

test("diskIoCounters() reads the Linux 2.4 layout (15 fields, name in 4th place)", () => {
  const m = backend("diskstats_kernel_2_4").diskIoCounters!(true);
  assert.deepEqual(m.get("hda"), {
    readCount: 446216,
    writeCount: 424847,
    readBytes: 9550688 * 512,
    writeBytes: 5922052 * 512,
    readTime: 4382310,
    writeTime: 19310380,
    readMergedCount: 784926,
    writeMergedCount: 312726,
    busyTime: 3376340,
  });
  assert.ok(m.has("hda1"));
});

test("diskIoCounters() reads Linux 2.6 disk lines (14 fields) and short partition lines (7 fields)", () => {
  const m = backend("diskstats_kernel_2_6").diskIoCounters!(true);
  assert.equal(m.get("hda")!.busyTime, 3376340);
  assert.deepEqual(m.get("hda1"), {
    readCount: 35486,
    writeCount: 38030,
    readBytes: 38030 * 512,
    writeBytes: 38030 * 512,
    readTime: 0,
    writeTime: 0,
    readMergedCount: 0,
    writeMergedCount: 0,
    busyTime: 0,
  });
});

test("diskIoCounters() reads 4.18 (18 fields) and 5.5 (20 fields) layouts, ignoring discard/flush fields", () => {
  const a = backend("diskstats_kernel_4_18").diskIoCounters!(true);
  assert.deepEqual(a.get("sda"), {
    readCount: 1000,
    writeCount: 2000,
    readBytes: 20000 * 512,
    writeBytes: 40000 * 512,
    readTime: 300,
    writeTime: 600,
    readMergedCount: 10,
    writeMergedCount: 20,
    busyTime: 700,
  });
  const b = backend("diskstats_kernel_5_5").diskIoCounters!(true);
  assert.equal(b.get("nvme0n1")!.writeBytes, 900000 * 512);
  assert.equal(b.get("nvme0n1")!.busyTime, 4000);
  assert.deepEqual([...b.keys()], ["nvme0n1", "nvme0n1p1", "cciss/c0d0"]);
});

test("diskIoCounters(perdisk=false) keeps whole devices only (sysfs block, '/' spelled '!')", () => {
  assert.deepEqual([...backend("diskstats_kernel_4_18").diskIoCounters!(false).keys()], ["sda", "loop0"]);
  assert.deepEqual([...backend("diskstats_kernel_5_5").diskIoCounters!(false).keys()], ["nvme0n1", "cciss/c0d0"]);
  assert.deepEqual([...backend("diskstats_kernel_2_6").diskIoCounters!(false).keys()], ["hda"]);
});

test("diskIoCounters() falls back to <sysfs>/block/*/stat without /proc/diskstats", () => {
  const m = backend("diskstats_sysfs_only").diskIoCounters!(true);
  assert.deepEqual([...m.keys()], ["sda", "sda1"]);
  assert.equal(m.get("sda")!.readBytes, 20000 * 512);
  assert.equal(m.get("sda1")!.busyTime, 650);
  assert.deepEqual([...backend("diskstats_sysfs_only").diskIoCounters!(false).keys()], ["sda"]);
});

test("diskstats sectors are 512 bytes whatever the device's hw_sector_size", () => {
  assert.equal(DISKSTATS_SECTOR_SIZE, 512);
  // The sysfs-only fixture has queue/hw_sector_size 512; 4Kn disks report 4096 there but diskstats stays in 512s.
  const [e] = parseDiskstats("   8 0 sdx 1 0 8 0 0 0 0 0 0 0 0\n", "x");
  assert.equal(e.readBytes, 4096);
});

test("a diskstats line of unknown shape raises MalformedFileError naming the file", () => {
  assert.throws(
    () => backend("diskstats_malformed").diskIoCounters!(true),
    (e: unknown) => e instanceof TsutilError && /diskstats_malformed\/proc\/diskstats/.test(e.message),
  );
  assert.throws(() => parseDiskstats("8 0 sda 1 2 x 4 5 6 7 8 9 10 11\n", "p"), /not a counter/);
});

test("mount fields decode getmntent's escapes: \\040 \\011 \\012 \\134 and \\\\", () => {
  assert.equal(decodeMountField("/mnt/my\\040disk"), "/mnt/my disk");
  assert.equal(decodeMountField("a\\011b\\012c\\134d\\\\e"), "a\tb\nc\\d\\e");
  assert.equal(decodeMountField("\\101stays"), "\\101stays");
});

test("parseMounts follows getmntent: comments, blank lines, tabs, trailing blanks, autofs 'ignore'", () => {
  const s = `# c\n\n  /dev/a\t/x\txfs\trw\t0 0  \nsystemd-1 /a autofs rw,ignore 0 0\nsystemd-1 /b autofs rw 0 0\n`;
  assert.deepEqual(parseMounts(s), [
    { device: "/dev/a", mountpoint: "/x", fstype: "xfs", opts: "rw" },
    { device: "systemd-1", mountpoint: "/b", fstype: "autofs", opts: "rw" },
  ]);
});

test("parseFilesystems keeps non-nodev types and 'nodev zfs'", () => {
  assert.deepEqual([...parseFilesystems("nodev\tproc\n\text4\nnodev\tzfs\n\tvfat\n")].sort(), ["ext4", "vfat", "zfs"]);
});

test("diskPartitions(all=false) keeps physical filesystems; 'none' is ''; /dev/root resolves through partitions", () => {
  const b = backend("mounts_escapes");
  assert.deepEqual(b.diskPartitions!(false), [
    { device: "/dev/sda1", mountpoint: "/", fstype: "ext4", opts: "rw,relatime" },
    { device: "/dev/sda2", mountpoint: "/mnt/my disk", fstype: "ext4", opts: "rw,relatime" },
    { device: "/dev/sdb1", mountpoint: "/media/tab\tand\nnewline\\back\\slash", fstype: "vfat", opts: "rw,fmask=0022" },
    { device: "tank/data", mountpoint: "/tank/data", fstype: "zfs", opts: "rw,xattr,noacl" },
    { device: "/dev/sdc1", mountpoint: "/srv", fstype: "xfs", opts: "rw,noatime" },
  ]);
  const all = b.diskPartitions!(true);
  assert.equal(all.length, 9);
  assert.deepEqual(all.find((p) => p.mountpoint === "/run/none"), {
    device: "",
    mountpoint: "/run/none",
    fstype: "tmpfs",
    opts: "rw",
  });
  assert.ok(!all.some((p) => p.mountpoint === "/mnt/auto"), "autofs with 'ignore' is skipped");
});

test("diskPartitions() resolves /dev/root through <sysfs>/dev/block/M:m/uevent when partitions lack it", () => {
  assert.deepEqual(backend("mounts_root_uevent").diskPartitions!(false), [
    { device: "/dev/vda3", mountpoint: "/", fstype: "ext4", opts: "rw" },
  ]);
});

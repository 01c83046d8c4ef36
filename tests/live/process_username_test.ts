import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { Process, processIter } from "../../mod.ts";
import { pidfdOpen, pidfdRealUid } from "../../platforms/linux/pidfd.ts";
import { libcIo } from "../../platforms/linux/libc.ts";
import { statusRealUid } from "../../platforms/linux/procfs/pid_status.ts";
import { PYTHON, spawnZombie, waitFor } from "../_helpers.ts";

const isRoot = process.getuid?.() === 0;

/** The real uid the kernel's status file gives `pid`. */
function statusUid(pid: number): number {
  return statusRealUid(readFileSync(`/proc/${pid}/status`), `/proc/${pid}/status`);
}

test("pidfdRealUid (PIDFD_GET_INFO) gives the status file's real uid for this process, pid 1, a kernel thread and a zombie", async () => {
  const { holder, zombie } = await spawnZombie();
  try {
    for (const pid of [process.pid, 1, 2, zombie]) {
      const fd = pidfdOpen(pid);
      assert.equal(typeof fd, "number", `pidfd_open(${pid})`);
      try {
        const uid = pidfdRealUid(fd as number);
        // null only on kernels before 6.13, which have no PIDFD_GET_INFO (the status file answers there).
        if (uid !== null) assert.equal(uid, statusUid(pid), `pid ${pid}`);
      } finally {
        libcIo().close(fd as number);
      }
    }
  } finally {
    holder.kill();
  }
});

test("username() is the real user's even when the effective one differs (psutil's rule), cold and in processIter", {
  skip: isRoot ? false : "needs root to give a process real uid nobody and effective uid root",
}, async () => {
  // setresuid(nobody, root, root), then exec: real uid 65534, effective 0.
  const cp = spawn(PYTHON, ["-c", 'import os; os.setresuid(65534, 0, 0); os.execv("/bin/sleep", ["sleep", "30"])'], {
    stdio: "ignore",
  });
  try {
    await waitFor(() => {
      try {
        return readFileSync(`/proc/${cp.pid}/status`, "utf8").includes("Uid:\t65534\t0\t") &&
          readFileSync(`/proc/${cp.pid}/cmdline`, "utf8").startsWith("sleep");
      } catch {
        return false;
      }
    });
    const p = new Process(cp.pid!);
    assert.equal(p.username(), "nobody");
    assert.deepEqual(p.uids(), { real: 65534, effective: 0, saved: 0 });
    // The scan path: a oneshot scope, the pidfd held between scans.
    for (let i = 0; i < 2; i++) {
      const mine = [...processIter({ attrs: ["username"] })].find((q) => q.pid === cp.pid);
      assert.equal(mine?.info?.username, "nobody");
    }
  } finally {
    cp.kill("SIGKILL");
  }
});

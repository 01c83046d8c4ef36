/**
 * Run by `process_unprivileged_test.ts` as user `nobody` (Deno: with `--allow-ffi` only). Prints one JSON line:
 * for each action, the error class and syscall it raised.
 *
 * @module
 */
import { Process } from "../../mod.ts";
import { linuxContext } from "../../platforms/linux/context.ts";
import { linuxProcessControl, processIdentity } from "../../platforms/linux/process_control.ts";
import { ensureControlWired } from "./_control_helpers.ts";

ensureControlWired();

function outcome(fn: () => unknown): string {
  try {
    fn();
    return "ok";
  } catch (e) {
    const err = e as Error & { syscall?: string };
    return `${err.name}:${err.syscall ?? ""}`;
  }
}

const init = new Process(1);
const ctl = linuxProcessControl(processIdentity(linuxContext(), 1));
const result = {
  environ: outcome(() => init.environ()),
  kill: outcome(() => ctl.kill!()),
  processKill: outcome(() => init.kill()),
  niceSet: outcome(() => ctl.niceSet!(-5)),
  rlimitSet: outcome(() => ctl.rlimitSet!(7, 1, 1)),
  niceGet: outcome(() => ctl.niceGet!()),
};
console.log(JSON.stringify(result));

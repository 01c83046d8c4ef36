/**
 * Run under `deno run` with no permission by tests/live/least_privilege_test.ts: one Linux call must fail with a
 * TsutilError that names --allow-ffi, never Deno's bare NotCapable.
 *
 * @module
 */
import { cpuCount, TsutilError } from "../../../mod.ts";

try {
  cpuCount();
  console.log(JSON.stringify({ threw: false }));
} catch (e) {
  console.log(JSON.stringify({
    threw: true,
    tsutil: e instanceof TsutilError,
    name: (e as Error).name,
    message: (e as Error).message,
  }));
}

/**
 * Linux `netIoCounters`: `<procfs>/net/dev`.
 *
 * @module
 */
import type { NetIoCounters } from "../../src/types.ts";
import type { LinuxContext } from "./context.ts";
import { text } from "./procfs/_parse.ts";
import { parseNetDev } from "./procfs/net_dev.ts";

/** Raw counters per NIC, in the order of `<procfs>/net/dev`. */
export function netIoCounters(ctx: LinuxContext): Map<string, NetIoCounters> {
  const path = `${ctx.procfs}/net/dev`;
  return parseNetDev(text(ctx.io.read(path)), path);
}

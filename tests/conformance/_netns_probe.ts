// Run by net_test.ts inside a fresh network namespace: prints netIfAddrs() as psutil's tuples, one JSON line.
import * as tsutil from "../../mod.ts";

const rows = Object.entries(tsutil.netIfAddrs()).map((
  [nic, list],
) => [nic, list.map((a) => [a.family, a.address, a.netmask, a.broadcast, a.ptp])]);
console.log(JSON.stringify(rows));

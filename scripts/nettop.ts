/**
 * `tsutil nettop`: live network traffic per interface, in bytes and packets per second (psutil's
 * scripts/nettop.py). `q` quits; `--once` or `--iterations N` make it scriptable.
 *
 * ```sh
 * deno run --allow-ffi scripts/nettop.ts [--interval S] [--iterations N | --once]
 * ```
 *
 * @module
 */
import { type NetIoCounters, netIoCounters } from "../mod.ts";
import { parse } from "./_cli/args.ts";
import { paint } from "./_cli/color.ts";
import { live, LIVE_OPTIONS, LIVE_USAGE, liveOptions } from "./_cli/live.ts";
import { runTool } from "./_cli/run.ts";
import { table } from "./_cli/table.ts";
import { lineWidth } from "./_cli/term.ts";
import { human, rate } from "./_cli/units.ts";

/** `--help` text. */
export const USAGE = `usage: tsutil nettop [-n S] [-i N | --once]
Live traffic per network interface: bytes and packets per second sent and received, and totals since boot.
Press q to quit.
${LIVE_USAGE}`;

/** Rates between two `netIoCounters({ pernic: true })` samples `seconds` apart, busiest interface first. */
export function render(
  before: Record<string, NetIoCounters>,
  after: Record<string, NetIoCounters>,
  seconds: number,
  width: number | null,
): string[] {
  const per = (a: number, b: number): number => Math.max(0, b - a) / seconds;
  const names = Object.keys(after).filter((n) => n in before);
  const rates = names.map((n) => {
    const a = before[n];
    const b = after[n];
    return {
      name: n,
      sent: per(a.bytesSent, b.bytesSent),
      recv: per(a.bytesRecv, b.bytesRecv),
      pout: per(a.packetsSent, b.packetsSent),
      pin: per(a.packetsRecv, b.packetsRecv),
      totalSent: b.bytesSent,
      totalRecv: b.bytesRecv,
    };
  }).sort((x, y) => y.sent + y.recv - (x.sent + x.recv) || x.name.localeCompare(y.name));
  const sum = (f: (r: (typeof rates)[number]) => number): number => rates.reduce((s, r) => s + f(r), 0);
  const row = (name: string, r: { sent: number; recv: number; pout: number; pin: number }, ts: number, tr: number) => [
    name,
    rate(r.sent),
    rate(r.recv),
    r.pout.toFixed(0),
    r.pin.toFixed(0),
    human(ts),
    human(tr),
  ];
  const total = {
    sent: sum((r) => r.sent),
    recv: sum((r) => r.recv),
    pout: sum((r) => r.pout),
    pin: sum((r) => r.pin),
  };
  const cells = [
    row("total", total, sum((r) => r.totalSent), sum((r) => r.totalRecv)),
    ...rates.map((r) => row(r.name, r, r.totalSent, r.totalRecv)),
  ];
  const lines = table(
    [
      { header: "NIC", style: (_t, i) => (i === 0 ? "bold" : null) },
      { header: "SENT/s", align: "right" },
      { header: "RECV/s", align: "right" },
      { header: "PKTS OUT/s", align: "right" },
      { header: "PKTS IN/s", align: "right" },
      { header: "SENT", align: "right" },
      { header: "RECEIVED", align: "right" },
    ],
    cells,
    { width, gap: 2 },
  );
  return [paint(`network traffic over ${seconds.toFixed(1)} s`, "bold"), "", ...lines];
}

/** Runs `tsutil nettop`. */
export async function main(argv: string[]): Promise<void> {
  const { opts } = parse(argv, { usage: USAGE, options: { ...LIVE_OPTIONS } });
  const lo = liveOptions(opts);
  let before = netIoCounters({ pernic: true });
  let t0 = performance.now();
  await live(lo, () => {
    const after = netIoCounters({ pernic: true });
    const t1 = performance.now();
    const lines = render(before, after, (t1 - t0) / 1000, lineWidth());
    before = after;
    t0 = t1;
    return lines;
  });
}

if (import.meta.main) await runTool("nettop", main);

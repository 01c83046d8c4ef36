/**
 * The loop behind the live tools (top, nettop, iotop, cpu_distribution): a frame every `interval` seconds, drawn in
 * place on a terminal (alternate screen, hidden cursor, `q` / Esc / Ctrl-C quits), or printed one after another when
 * output is piped. `--once` / `--iterations N` end it for scripts.
 *
 * @module
 */
import process from "node:process";
import { clipVisible } from "./color.ts";
import { lineWidth, screenHeight, stdinIsTty, stdoutIsTty, write } from "./term.ts";
import { UsageError } from "./args.ts";

/** The options every live tool shares. */
export const LIVE_OPTIONS = {
  interval: { type: "number", short: "n" },
  iterations: { type: "number", short: "i" },
  once: { type: "boolean" },
} as const;

/** The usage lines for {@linkcode LIVE_OPTIONS}. */
export const LIVE_USAGE = `  -n, --interval S     seconds between refreshes (default 1)
  -i, --iterations N   stop after N refreshes (default: until q is pressed)
      --once           one refresh, then exit (same as --iterations 1)`;

/** How often and how long to refresh. */
export interface LiveOptions {
  /** Seconds between frames. */
  interval: number;
  /** Frames to draw, `null` for until the user quits. */
  iterations: number | null;
}

/** Reads {@linkcode LIVE_OPTIONS} values into {@linkcode LiveOptions}, checking them. */
export function liveOptions(o: { interval?: number; iterations?: number; once: boolean }): LiveOptions {
  const interval = o.interval ?? 1;
  if (!(interval > 0)) throw new UsageError(`--interval must be a positive number of seconds, got ${interval}`);
  let iterations: number | null = o.once ? 1 : null;
  if (o.iterations !== undefined) {
    if (!Number.isInteger(o.iterations) || o.iterations < 1) {
      throw new UsageError(`--iterations must be a positive integer, got ${o.iterations}`);
    }
    iterations = o.iterations;
  }
  return { interval, iterations };
}

/** Keys that end a live tool: q, Q, Esc, Ctrl-C. */
function isQuitKey(data: string): boolean {
  return data === "q" || data === "Q" || data === "\x1b" || data.includes("\x03");
}

/**
 * Runs `frame` every `interval` seconds (the first after one interval, so rates have two samples) and shows its
 * lines. On a terminal with more than one frame, draws in place on the alternate screen and quits on a key; the
 * terminal is restored however the loop ends.
 */
export async function live(options: LiveOptions, frame: (n: number) => string[] | Promise<string[]>): Promise<void> {
  const inPlace = stdoutIsTty() && options.iterations !== 1;
  const keys = inPlace && stdinIsTty();
  let quit = false;
  let wake: (() => void) | null = null;
  const stop = (): void => {
    quit = true;
    wake?.();
  };
  const onData = (chunk: Uint8Array | string): void => {
    if (isQuitKey(typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk))) stop();
  };
  if (keys) {
    process.stdin.setRawMode(true);
    process.stdin.on("data", onData);
    process.stdin.resume();
  }
  process.on("SIGINT", stop);
  if (inPlace) write("\x1b[?1049h\x1b[?25l");
  try {
    for (let n = 0; options.iterations === null || n < options.iterations; n++) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, options.interval * 1000);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      wake = null;
      if (quit) break;
      const lines = await frame(n);
      if (inPlace) {
        const width = lineWidth() ?? 80;
        const height = screenHeight() ?? 24;
        const shown = lines.slice(0, height).map((l) => `${clipVisible(l, width)}\x1b[K`);
        write(`\x1b[H${shown.join("\r\n")}\x1b[J`);
      } else {
        if (n > 0) console.log("");
        const width = lineWidth();
        for (const l of lines) console.log(width === null ? l : clipVisible(l, width));
      }
    }
  } finally {
    process.off("SIGINT", stop);
    if (inPlace) write("\x1b[?25h\x1b[?1049l");
    if (keys) {
      process.stdin.off("data", onData);
      process.stdin.setRawMode(false);
      process.stdin.pause();
    }
  }
}

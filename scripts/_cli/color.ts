/**
 * ANSI styles, applied only when {@linkcode colorWanted} says so (a terminal, and `NO_COLOR` unset).
 *
 * @module
 */
import { colorWanted } from "./term.ts";

/** A style name. */
export type Style = "bold" | "dim" | "red" | "green" | "yellow" | "blue" | "cyan" | "magenta" | "reverse";

const CODES: Record<Style, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
  reverse: [7, 27],
};

let enabled: boolean | undefined;

/** Whether colour is on for this run (decided once). */
export function colorOn(): boolean {
  return enabled ??= colorWanted();
}

/** Forces colour on or off (tests); `undefined` goes back to detecting it. */
export function setColor(on: boolean | undefined): void {
  enabled = on;
}

/** `text` in the given styles, or `text` unchanged when colour is off. */
export function paint(text: string, ...styles: (Style | null | undefined)[]): string {
  if (!colorOn() || text === "") return text;
  let out = text;
  for (const s of styles) {
    if (s) out = `\x1b[${CODES[s][0]}m${out}\x1b[${CODES[s][1]}m`;
  }
  return out;
}

/** A colour for a percentage: green under `warn`, yellow under `crit`, red from `crit` on. */
export function levelStyle(percent: number, warn = 60, crit = 85): Style {
  return percent >= crit ? "red" : percent >= warn ? "yellow" : "green";
}

// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

// deno-lint-ignore no-control-regex
const ANSI_AT = /\x1b\[[0-9;?]*[A-Za-z]/y;

/** `text` without ANSI escape sequences. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

/** `text` cut to `width` visible characters, keeping (and closing) its ANSI styles. */
export function clipVisible(text: string, width: number): string {
  let out = "";
  let visible = 0;
  let styled = false;
  for (let i = 0; i < text.length;) {
    if (text[i] === "\x1b") {
      ANSI_AT.lastIndex = i;
      const m = ANSI_AT.exec(text);
      if (m) {
        out += m[0];
        styled = true;
        i += m[0].length;
        continue;
      }
    }
    if (visible >= width) return styled ? `${out}\x1b[0m` : out;
    out += text[i];
    visible++;
    i++;
  }
  return out;
}

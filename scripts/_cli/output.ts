/**
 * Printing lines that fit the terminal.
 *
 * @module
 */
import { clipVisible } from "./color.ts";
import { lineWidth } from "./term.ts";

/** Prints each line, cut to the terminal's width when there is one. */
export function printLines(lines: string[]): void {
  const width = lineWidth();
  for (const l of lines) console.log(width === null ? l : clipVisible(l, width));
}

/** A section title: the text, then a rule of the same length. */
export function heading(text: string): string[] {
  return [text, "-".repeat(text.length)];
}

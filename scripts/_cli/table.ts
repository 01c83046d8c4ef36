/**
 * Aligned columns that fit the terminal: widths from the longest cell, one flexible column (by default the last)
 * cut first when a line would be too wide.
 *
 * @module
 */
import { clipVisible, paint, type Style } from "./color.ts";

/** One column of a table. */
export interface Column {
  /** Header text. */
  header: string;
  /** Alignment; numbers read best right-aligned. Default `"left"`. */
  align?: "left" | "right";
  /** Whether this column gives up width when the line is too wide (default: the last column only). */
  flex?: boolean;
  /** Style of a cell, given its text and row index; applied after padding so alignment holds. */
  style?: (text: string, row: number) => Style | null;
}

/** Options for {@linkcode table}. */
export interface TableOptions {
  /** Maximum line width, `null` for none. */
  width?: number | null;
  /** Whether to print the header line. Default `true`. */
  header?: boolean;
  /** Spaces between columns. Default 1. */
  gap?: number;
}

/** `s` cut to `n` characters. */
export function clip(s: string, n: number): string {
  return s.length <= n ? s : s.slice(0, Math.max(0, n));
}

function pad(s: string, n: number, align: "left" | "right"): string {
  return align === "right" ? s.padStart(n) : s.padEnd(n);
}

/**
 * The lines of a table of `rows` (cells already formatted as strings) under `columns`. With a `width`, the flexible
 * column shrinks (to its header's width at least) and, as a last resort, every line is cut to `width`.
 */
export function table(columns: Column[], rows: string[][], options: TableOptions = {}): string[] {
  const gap = " ".repeat(options.gap ?? 1);
  const showHeader = options.header ?? true;
  const widths = columns.map((c, i) =>
    Math.max(showHeader ? c.header.length : 0, ...rows.map((r) => (r[i] ?? "").length))
  );
  const flexIdx = columns.findIndex((c) => c.flex);
  const flex = flexIdx >= 0 ? flexIdx : columns.length - 1;
  const limit = options.width ?? null;
  if (limit !== null) {
    const total = widths.reduce((a, b) => a + b, 0) + gap.length * (columns.length - 1);
    if (total > limit) {
      const floor = showHeader ? columns[flex].header.length : 1;
      widths[flex] = Math.max(floor, widths[flex] - (total - limit));
    }
  }
  const render = (cells: string[], row: number | null): string => {
    const parts = columns.map((c, i) => {
      const text = clip(cells[i] ?? "", widths[i]);
      // The last left-aligned column is not padded: no trailing blanks.
      const padded = i === columns.length - 1 && (c.align ?? "left") === "left"
        ? text
        : pad(text, widths[i], c.align ?? "left");
      if (row === null) return padded;
      const style = c.style?.(cells[i] ?? "", row);
      return style ? paint(padded, style) : padded;
    });
    const line = parts.join(gap).trimEnd();
    return limit !== null ? clipVisible(line, limit) : line;
  };
  const out: string[] = [];
  if (showHeader) out.push(paint(render(columns.map((c) => c.header), null), "reverse"));
  rows.forEach((r, i) => out.push(render(r, i)));
  return out;
}

/** Lines of `key  value` pairs with the keys padded to the longest one. */
export function keyValues(pairs: [string, string][], keyStyle: Style | null = "bold"): string[] {
  const w = Math.max(0, ...pairs.map(([k]) => k.length));
  return pairs.map(([k, v]) => `${keyStyle ? paint(k.padEnd(w), keyStyle) : k.padEnd(w)}  ${v}`);
}

/**
 * A legend: a coloured swatch and a name per entry, in rows that wrap to a width. A name is cut
 * only when it is wider than a whole row; the cut entry keeps its full name as a tooltip.
 */
import { FONT_SIZE } from "../payloads/style";
import { labelWidth } from "../payloads/measure";
import { el, role, text, tooltip } from "./element";
import { truncateLabel } from "./escape";

/** One legend entry. */
export interface LegendEntry {
  name: string;
  color: string;
  /** "line" (default), "marker" or "dashed". */
  symbol?: "line" | "marker" | "dashed" | "box";
}

const ROW = 16;
/** Average advance of one character at the base font size (12 px): how many characters fit a row. */
const CHAR_W = 6.8;
/** Swatch and gap before the name, and gap after it. */
const SWATCH_W = 26;
const GAP_W = 14;
/** Names are never cut shorter than this, even in a narrow legend. */
const MIN_CHARS = 28;

/** Most characters of a name shown in a legend `width` wide. */
function maxChars(width: number): number {
  return Math.max(MIN_CHARS, Math.floor((width - SWATCH_W - GAP_W) / CHAR_W));
}

function entryWidth(e: LegendEntry, width: number): number {
  return SWATCH_W + labelWidth(truncateLabel(e.name, maxChars(width)), FONT_SIZE.base) + GAP_W;
}

/** The left offset and row of each entry, wrapping at `width`. */
function place(entries: readonly LegendEntry[], width: number): Array<{ x: number; row: number }> {
  const out: Array<{ x: number; row: number }> = [];
  let x = 0;
  let row = 0;
  for (const e of entries) {
    const w = entryWidth(e, width);
    if (x > 0 && x + w > width) {
      x = 0;
      row += 1;
    }
    out.push({ x, row });
    x += w;
  }
  return out;
}

/** The row of each entry of the legend wrapped to `width`, and its offset from the legend's left edge. */
export function legendPlaces(entries: readonly LegendEntry[], width: number): { rows: number[]; offsets: number[] } {
  const spots = place(entries, width);
  return { rows: spots.map((p) => p.row), offsets: spots.map((p) => p.x) };
}

/** Height the legend takes when wrapped to `width`. */
export function legendHeight(entries: readonly LegendEntry[], width: number): number {
  if (entries.length === 0) return 0;
  const rows = (place(entries, width).at(-1)?.row ?? 0) + 1;
  return rows * ROW + 4;
}

/** The legend laid out from (x, y), wrapping at `width`. */
export function legend(entries: readonly LegendEntry[], x0: number, y0: number, width: number): string[] {
  const spots = place(entries, width);
  const max = maxChars(width);
  const items: string[] = [];
  entries.forEach((e, i) => {
    const spot = spots[i] ?? { x: 0, row: 0 };
    const sx = x0 + spot.x;
    const y = y0 + 10 + spot.row * ROW;
    if (e.symbol === "marker") items.push(el("circle", { cx: sx + 10, cy: y - 4, r: 3.5, fill: e.color }));
    else if (e.symbol === "box") items.push(el("rect", { x: sx + 4, y: y - 9, width: 12, height: 10, fill: e.color, stroke: "#777777", "stroke-width": 0.6 }));
    else items.push(el("line", { x1: sx, y1: y - 4, x2: sx + 20, y2: y - 4, stroke: e.color, "stroke-width": 2.5, "stroke-dasharray": e.symbol === "dashed" ? "5 3" : undefined }));
    const label = truncateLabel(e.name, max);
    if (label === e.name) items.push(text(sx + 26, y, label, role("legend")));
    else items.push(el("g", {}, [text(sx + 26, y, label, role("legend")), tooltip(e.name)]));
  });
  return [el("g", { class: "legend" }, items)];
}

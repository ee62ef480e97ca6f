/** A legend: a coloured swatch and a name per entry, in rows that wrap to a width. */
import { INK } from "./document";
import { el, text } from "./element";
import { truncateLabel } from "./escape";

/** One legend entry. */
export interface LegendEntry {
  name: string;
  color: string;
  /** "line" (default), "marker" or "dashed". */
  symbol?: "line" | "marker" | "dashed" | "box";
}

const ROW = 16;

function entryWidth(e: LegendEntry): number {
  return 26 + truncateLabel(e.name, 28).length * 6.8 + 14;
}

/** Height the legend takes when wrapped to `width`. */
export function legendHeight(entries: readonly LegendEntry[], width: number): number {
  if (entries.length === 0) return 0;
  let rows = 1;
  let x = 0;
  for (const e of entries) {
    const w = entryWidth(e);
    if (x > 0 && x + w > width) {
      rows += 1;
      x = 0;
    }
    x += w;
  }
  return rows * ROW + 4;
}

/** The legend laid out from (x, y), wrapping at `width`. */
export function legend(entries: readonly LegendEntry[], x0: number, y0: number, width: number): string[] {
  const items: string[] = [];
  let x = 0;
  let y = y0 + 10;
  for (const e of entries) {
    const w = entryWidth(e);
    if (x > 0 && x + w > width) {
      x = 0;
      y += ROW;
    }
    const sx = x0 + x;
    if (e.symbol === "marker") items.push(el("circle", { cx: sx + 10, cy: y - 4, r: 3.5, fill: e.color }));
    else if (e.symbol === "box") items.push(el("rect", { x: sx + 4, y: y - 9, width: 12, height: 10, fill: e.color, stroke: "#777777", "stroke-width": 0.6 }));
    else items.push(el("line", { x1: sx, y1: y - 4, x2: sx + 20, y2: y - 4, stroke: e.color, "stroke-width": 2.5, "stroke-dasharray": e.symbol === "dashed" ? "5 3" : undefined }));
    items.push(text(sx + 26, y, truncateLabel(e.name, 28), { fill: INK.text }));
    x += w;
  }
  return [el("g", { class: "legend" }, items)];
}

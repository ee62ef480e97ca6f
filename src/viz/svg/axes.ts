/** Axes with ticks, tick labels, grid lines and an axis label, around a plot box. */
import type { Axis, Box, CategoryTicks } from "../payloads";
import { FONT_SIZE, INK, charWidth } from "../payloads/style";
import { labelWidth } from "../payloads/measure";
import { el, role, text } from "./element";
import type { Scale } from "./scale";

/** The x axis under `box`: ticks, labels, vertical grid lines and the axis label. */
export function xAxis(scale: Scale, box: Box, label: string, grid = true): string[] {
  const bottom = box.y + box.height;
  const out = [el("line", { x1: box.x, y1: bottom, x2: box.x + box.width, y2: bottom, stroke: INK.axis })];
  scale.ticks.forEach((t, i) => {
    const x = scale.map(t);
    if (grid) out.push(el("line", { x1: x, y1: box.y, x2: x, y2: bottom, stroke: INK.grid }));
    out.push(el("line", { x1: x, y1: bottom, x2: x, y2: bottom + 4, stroke: INK.axis }));
    out.push(text(x, bottom + 16, scale.labels[i] ?? "", { "text-anchor": "middle", ...role("tickLabel"), class: "tick" }));
  });
  if (label.length > 0) out.push(text(box.x + box.width / 2, bottom + 34, label, { "text-anchor": "middle", ...role("axisTitle"), class: "axis-label" }));
  return out;
}

/** The y axis left of `box`: ticks, labels, horizontal grid lines and the rotated axis label. */
export function yAxis(scale: Scale, box: Box, label: string, grid = true): string[] {
  const out = [el("line", { x1: box.x, y1: box.y, x2: box.x, y2: box.y + box.height, stroke: INK.axis })];
  scale.ticks.forEach((t, i) => {
    const y = scale.map(t);
    if (grid) out.push(el("line", { x1: box.x, y1: y, x2: box.x + box.width, y2: y, stroke: INK.grid }));
    out.push(el("line", { x1: box.x - 4, y1: y, x2: box.x, y2: y, stroke: INK.axis }));
    out.push(text(box.x - 7, y + 4, scale.labels[i] ?? "", { "text-anchor": "end", ...role("tickLabel"), class: "tick" }));
  });
  if (label.length > 0) {
    const x = box.x - yLabelOffset(scale);
    const y = box.y + box.height / 2;
    out.push(text(x, y, label, { "text-anchor": "middle", transform: `rotate(-90 ${x} ${y})`, ...role("axisTitle"), class: "axis-label" }));
  }
  return out;
}

/** Horizontal room the y tick labels and axis label of `axis` need. */
export function yAxisWidth(axis: Axis): number {
  return labelOffset(axis.tickText) + (axis.label.length > 0 ? 8 : -10);
}

function yLabelOffset(scale: Scale): number {
  return labelOffset(scale.labels);
}

function labelOffset(labels: readonly string[]): number {
  return Math.max(charWidth(FONT_SIZE.tick), ...labels.map((l) => labelWidth(l, FONT_SIZE.tick))) + 22;
}

/**
 * The category labels of `ticks` (decided in the payload) under or beside a band of cells starting
 * at `start`, `band` pixels per category; x labels at the ticks' angle.
 */
export function categoryLabels(ticks: CategoryTicks, start: number, band: number, at: number, side: "bottom" | "left"): string[] {
  return ticks.at.map((i, k) => {
    const shown = ticks.text[k] ?? "";
    const c = start + (i + 0.5) * band;
    const look = { ...role("categoryLabel"), class: "category" };
    if (side === "left") return text(at - 6, c + 4, shown, { "text-anchor": "end", ...look });
    if (ticks.angle === 0) return text(c, at + 15, shown, { "text-anchor": "middle", ...look });
    const y = at + 8;
    return text(c + 4, y, shown, { "text-anchor": "end", transform: `rotate(${ticks.angle} ${c + 4} ${y})`, ...look });
  });
}

/** A vertical colour bar with ticks: stacked rectangles (no gradient ids that could clash on a page). */
import type { Box, ColorScale } from "../payloads";
import { INK } from "./document";
import { el, text } from "./element";
import { schemeColor } from "./colors";
import { linearScale } from "./scale";

const STEPS = 48;

/** Width a colour bar with its tick labels takes. */
export const COLORBAR_WIDTH = 64;

/** A colour bar filling `box` (about 14 px wide), max at the top, with tick labels at its right. */
export function colorBar(scale: ColorScale, box: Box, label = ""): string[] {
  const out: string[] = [];
  const h = box.height / STEPS;
  for (let i = 0; i < STEPS; i++) {
    const f = (i + 0.5) / STEPS;
    out.push(el("rect", { x: box.x, y: box.y + box.height - (i + 1) * h, width: box.width, height: h + 0.5, fill: schemeColor(scale.scheme, f) }));
  }
  out.push(el("rect", { x: box.x, y: box.y, width: box.width, height: box.height, fill: "none", stroke: INK.axis, "stroke-width": 0.5 }));
  const s = linearScale([scale.min, scale.max], [box.y + box.height, box.y], { nice: false, ticks: Math.max(2, Math.floor(box.height / 40)) });
  for (const t of s.ticks) {
    const y = s.map(t);
    out.push(el("line", { x1: box.x + box.width, y1: y, x2: box.x + box.width + 3, y2: y, stroke: INK.axis }));
    out.push(text(box.x + box.width + 5, y + 4, s.format(t), { fill: INK.muted, class: "tick" }));
  }
  if (label.length > 0) out.push(text(box.x, box.y - 14, label, { fill: INK.muted }));
  return out;
}

/** A vertical colour bar with ticks: stacked rectangles (no gradient ids that could clash on a page). */
import type { Box, ColorScale } from "../payloads";
import { INK } from "../payloads/style";
import { el, role, text } from "./element";
import { schemeColor } from "./colors";
import { scaleOf } from "./scale";

export { colorBarWidth } from "../payloads/measure";

const STEPS = 48;

/** Width a colour bar with its tick labels takes. */
export const COLORBAR_WIDTH = 64;

/** Room above a colour bar for its title (`scale.title`), when it has one. */
export const COLORBAR_TITLE_H = 18;

/**
 * A colour bar filling `box` (about 14 px wide), max at the top, with tick labels at its right and
 * the scale's title above it.
 */
export function colorBar(scale: ColorScale, box: Box): string[] {
  const out: string[] = [];
  const h = box.height / STEPS;
  for (let i = 0; i < STEPS; i++) {
    const f = (i + 0.5) / STEPS;
    out.push(el("rect", { x: box.x, y: box.y + box.height - (i + 1) * h, width: box.width, height: h + 0.5, fill: schemeColor(scale.scheme, f) }));
  }
  out.push(el("rect", { x: box.x, y: box.y, width: box.width, height: box.height, fill: "none", stroke: INK.axis, "stroke-width": 0.5, class: "colorbar-frame" }));
  const s = scaleOf({ label: "", scale: "linear", range: [scale.min, scale.max], ticks: scale.ticks, tickText: scale.tickText }, [box.y + box.height, box.y]);
  s.ticks.forEach((t, i) => {
    const y = s.map(t);
    out.push(el("line", { x1: box.x + box.width, y1: y, x2: box.x + box.width + 3, y2: y, stroke: INK.axis }));
    out.push(text(box.x + box.width + 5, y + 4, s.labels[i] ?? "", { ...role("tickLabel"), class: "tick" }));
  });
  if (scale.title.length > 0) out.push(text(box.x, box.y - 7, scale.title, { ...role("colorBarTitle"), class: "colorbar-title" }));
  return out;
}

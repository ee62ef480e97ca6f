/**
 * The outer SVG document of every static figure. It is self-contained:
 * no scripts, no external resources, no ids or style sheets that could clash with the page, and a
 * white background so the figure reads the same in light and dark notebook themes.
 */
import { el, role, text } from "./element";
import { FONT_FAMILY, FONT_SIZE, INK } from "../payloads/style";
import { labelWidth } from "../data/category-ticks";

/** Font stack of every figure. */
export const FONT = FONT_FAMILY;
/** Semibold glyphs are this much wider than the regular ones `labelWidth` sums. */
const SEMIBOLD = 1.08;
export { INK };

/**
 * A complete `<svg>` of the given size with a white background, an optional title line and an
 * optional muted subtitle line under it (the heading `headingHeight` measures).
 */
export function svgDocument(width: number, height: number, body: readonly string[], title?: string, subtitle?: string): string {
  // a title wider than a small figure (a 3x3 attention map) widens the document rather than being cut
  const titleWidth = Math.max(title === undefined ? 0 : labelWidth(title, FONT_SIZE.title) * SEMIBOLD + 16, subtitle === undefined ? 0 : labelWidth(subtitle, FONT_SIZE.base) + 16);
  const w = Math.ceil(Math.max(width, titleWidth));
  const h = Math.ceil(height);
  const children = [el("rect", { x: 0, y: 0, width: w, height: h, fill: "#ffffff" })];
  if (title !== undefined && title.length > 0) {
    children.push(text(w / 2, 18, title, { "text-anchor": "middle", ...role("title"), class: "title" }));
  }
  if (subtitle !== undefined && subtitle.length > 0) {
    children.push(text(w / 2, titleHeight(title) + 12, subtitle, { "text-anchor": "middle", ...role("subtitle"), class: "subtitle" }));
  }
  children.push(...body);
  return el(
    "svg",
    {
      xmlns: "http://www.w3.org/2000/svg",
      width: w,
      height: h,
      viewBox: `0 0 ${w} ${h}`,
      role: "img",
      style: "max-width:100%;height:auto",
      "font-family": FONT,
      "font-size": FONT_SIZE.base,
      fill: INK.text,
    },
    children,
  );
}

/** Space a title line takes at the top of a figure. */
export function titleHeight(title: string | undefined): number {
  return title === undefined || title.length === 0 ? 0 : 26;
}

/** Space a title line and a subtitle line under it take at the top of a figure. */
export function headingHeight(title: string | undefined, subtitle: string | undefined): number {
  return titleHeight(title) + (subtitle === undefined || subtitle.length === 0 ? 0 : 18);
}

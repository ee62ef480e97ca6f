/**
 * Static drawing of the image figure: the payload's title lines (left-aligned), the PNG enlarged
 * without smoothing, and its caption, in a figure as wide as the payload's `figureWidth`.
 */
import type { ImagePayload } from "./payloads";
import { FONT_SIZE } from "./payloads";
import { INK, svgDocument } from "./svg/document";
import { el, text } from "./svg/element";

/** Margin around the image, in pixels. */
export const IMAGE_PAD = 12;
/** Font size of the caption under the image. */
export const CAPTION_SIZE = 11;
/** Baseline of the first title line, and the distance between title lines. */
const TITLE_BASELINE = 18;
const TITLE_LINE = 18;

/** The SVG of an image payload. */
export function renderImage(p: ImagePayload): string {
  const titles = p.titleLines.map((line, i) => text(IMAGE_PAD, TITLE_BASELINE + i * TITLE_LINE, line, { "font-size": FONT_SIZE.title, "font-weight": "600", class: "title" }));
  const top = (p.titleLines.length > 0 ? TITLE_BASELINE + (p.titleLines.length - 1) * TITLE_LINE + 8 : 0) + IMAGE_PAD;
  const image = el("image", {
    href: `data:image/png;base64,${p.png}`,
    x: IMAGE_PAD,
    y: top,
    width: p.displayWidth,
    height: p.displayHeight,
    preserveAspectRatio: "none",
    // crisp pixels: the rasterizer reads the last declaration (SVG 1.1 optimizeSpeed); browsers drop
    // that keyword as unknown and keep pixelated
    "image-rendering": "optimizeSpeed",
    style: "image-rendering:pixelated;image-rendering:optimizeSpeed",
    class: "pixels",
  });
  const frame = el("rect", { x: IMAGE_PAD - 0.5, y: top - 0.5, width: p.displayWidth + 1, height: p.displayHeight + 1, fill: "none", stroke: "#999999" });
  const caption = text(IMAGE_PAD, top + p.displayHeight + 18, p.caption, { fill: INK.muted, "font-size": CAPTION_SIZE });
  return svgDocument(p.figureWidth, top + p.displayHeight + 28, [...titles, image, frame, caption]);
}

/** Static drawing of the image figure: the payload's PNG, enlarged without smoothing, and its caption. */
import type { ImagePayload } from "./payloads";
import { INK, svgDocument, titleHeight } from "./svg/document";
import { el, text } from "./svg/element";

const PAD = 12;

/** The SVG of an image payload. */
export function renderImage(p: ImagePayload): string {
  const top = titleHeight(p.title) + PAD;
  const image = el("image", {
    href: `data:image/png;base64,${p.png}`,
    x: PAD,
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
  const frame = el("rect", { x: PAD - 0.5, y: top - 0.5, width: p.displayWidth + 1, height: p.displayHeight + 1, fill: "none", stroke: "#999999" });
  const caption = text(PAD, top + p.displayHeight + 18, p.caption, { fill: INK.muted, "font-size": 11 });
  return svgDocument(Math.max(p.displayWidth + 2 * PAD, p.caption.length * 6.6 + 2 * PAD), top + p.displayHeight + 28, [image, frame, caption], p.title);
}

/**
 * The raster copy of figures: a PNG made from the static SVG, so viewers that show no HTML (nbconvert's
 * LaTeX/PDF route, some notebook viewers) still show every figure. Rasterizing is behind a seam: in
 * Node the library draws with resvg (WebAssembly, fonts bundled) in a worker thread; elsewhere
 * (browsers) nothing is registered and bundles simply carry no PNG unless a host calls `setRasterizer`.
 */
import { withPixelDensity } from "../data/png";
import { nodeRasterizer } from "./node-rasterizer";

/** Draws an SVG document as PNG bytes at `scale` device pixels per SVG pixel, or returns null. */
export type Rasterizer = (svg: string, scale: number) => Uint8Array | null;

/**
 * Device pixels per SVG pixel: 1.5 gives an 840 px wide figure 1260 pixels, about 190 dpi across a
 * printed page's text width, at half the drawing time of 2.
 */
export const RASTER_SCALE = 1.5;
/** Longest side of a raster, in device pixels: larger figures are drawn at a smaller scale. */
export const RASTER_MAX_SIDE = 2400;
/** Size budget of one PNG: a figure above it is drawn again at a smaller scale (never below 1). */
export const RASTER_BUDGET_BYTES = 150 * 1024;

let rasterizer: Rasterizer | null | undefined;

/** Registers the function that draws SVG as PNG (null turns raster copies off, undefined restores the default). */
export function setRasterizer(next: Rasterizer | null | undefined): void {
  rasterizer = next;
}

/** The registered rasterizer; in Node the resvg worker by default, unless SEQGRAD_RASTER=0. */
function current(): Rasterizer | null {
  if (rasterizer === undefined) rasterizer = nodeRasterizer();
  return rasterizer;
}

/**
 * The PNG of an SVG document `width` x `height` pixels: at `RASTER_SCALE` (less for very large
 * figures), and again at a smaller scale while it is over the size budget; null without a rasterizer.
 * The PNG says its scale in a `pHYs` chunk (pixels per metre, 96 CSS pixels an inch), so a kernel can
 * show it at the drawing's `width` x `height` (our kernel sends that as the output's metadata).
 */
export function rasterize(svg: string, width: number, height: number): Uint8Array | null {
  const draw = current();
  if (draw === null) return null;
  let scale = Math.min(RASTER_SCALE, RASTER_MAX_SIDE / Math.max(1, width, height));
  let png = draw(svg, scale);
  while (png !== null && png.length > RASTER_BUDGET_BYTES && scale > 1) {
    scale = Math.max(1, scale * 0.75);
    png = draw(svg, scale);
  }
  return png === null ? null : withPixelDensity(png, scale);
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Base64 text of bytes, as Jupyter carries `image/png` (no Node Buffer needed). */
export function base64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    out += BASE64[(n >> 18) & 63];
    out += BASE64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? BASE64[(n >> 6) & 63] : "=";
    out += i + 2 < bytes.length ? BASE64[n & 63] : "=";
  }
  return out;
}

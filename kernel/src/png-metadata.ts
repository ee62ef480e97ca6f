/**
 * The size a PNG output is shown at. A PNG drawn at more than one pixel per CSS pixel (seqgrad
 * rasterizes figures at 1.5x) says so in its `pHYs` chunk; the kernel sends the drawing's size as
 * the output's `image/png` metadata (`{ width, height }` in CSS pixels), which JupyterLab, Notebook
 * and nbconvert's HTML use for the `<img>`. Without it the figure would show 1.5 times too large.
 */

/** 96 CSS pixels an inch, in PNG's unit (pixels per metre). */
const CSS_PIXELS_PER_METRE = 96 / 0.0254;
/** How much of the base64 text is read: chunks before the image data are small. */
const HEAD_CHARACTERS = 4096;

/** Output metadata for a bundle: `{ "image/png": { width, height } }` for a dense PNG, else `{}`. */
export function outputMetadata(bundle: Record<string, unknown>): Record<string, unknown> {
  const png = bundle["image/png"];
  if (typeof png !== "string") return {};
  const size = displaySize(Buffer.from(png.slice(0, HEAD_CHARACTERS), "base64"));
  return size === undefined ? {} : { "image/png": size };
}

/**
 * Width and height in CSS pixels of a PNG whose `pHYs` chunk gives more pixels per metre than a
 * CSS pixel has (the same in x and y); undefined for any other PNG or bytes that are not one.
 */
export function displaySize(head: Uint8Array): { width: number; height: number } | undefined {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const type = (at: number): string => String.fromCharCode(...head.subarray(at, at + 4));
  if (head.length < 33 || type(12) !== "IHDR") return undefined;
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  for (let at = 8; at + 8 <= head.length; at += 12 + view.getUint32(at)) {
    const name = type(at + 4);
    if (name === "IDAT" || name === "IEND") return undefined;
    if (name !== "pHYs" || at + 17 > head.length) continue;
    const x = view.getUint32(at + 8);
    const y = view.getUint32(at + 12);
    const inMetres = head[at + 16] === 1;
    if (!inMetres || x !== y || x < CSS_PIXELS_PER_METRE * 1.01) return undefined; // 96 dpi, rounded
    const scale = x / CSS_PIXELS_PER_METRE;
    return { width: Math.round(width / scale), height: Math.round(height / scale) };
  }
  return undefined;
}

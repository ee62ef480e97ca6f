/** Decodes the PNGs the library writes (8-bit RGB, filter 0, stored or deflated zlib) with Node's zlib. */
import { inflateSync } from "node:zlib";

/** The RGB bytes of a base64 PNG of `width` x `height`, row by row. */
export function renderPng(base64: string, width: number, height: number): Uint8Array {
  const png = Buffer.from(base64, "base64");
  let at = 8;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString("latin1", at + 4, at + 8);
    if (type === "IHDR" && (png.readUInt32BE(at + 8) !== width || png.readUInt32BE(at + 12) !== height)) throw new Error("PNG size differs");
    if (type === "IDAT") idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const out = new Uint8Array(width * height * 3);
  for (let r = 0; r < height; r++) out.set(raw.subarray(r * (1 + 3 * width) + 1, (r + 1) * (1 + 3 * width)), r * 3 * width);
  return out;
}

/**
 * A minimal PNG encoder for small images carried in payloads: 8-bit RGB, one scanline filter
 * (none), and zlib "stored" blocks (no compression), so it needs no zlib and runs in any
 * JavaScript runtime. A 16 x 16 image is about 0.8 KB. The result is base64 text, ready for a
 * `data:image/png;base64,` URL.
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const x of bytes) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function u32(v: number): number[] {
  return [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
}

/** One PNG chunk: length, type, data and the CRC of type and data. */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const body = new Uint8Array(4 + data.length);
  for (let i = 0; i < 4; i++) body[i] = type.charCodeAt(i);
  body.set(data, 4);
  const out = new Uint8Array(12 + data.length);
  out.set(u32(data.length), 0);
  out.set(body, 4);
  out.set(u32(crc32(body)), 8 + data.length);
  return out;
}

/** PNG's unit of `pHYs`: pixels per metre. A CSS pixel is 1/96 inch, so 96 dpi is 3779.53 per metre. */
const CSS_PIXELS_PER_METRE = 96 / 0.0254;

/**
 * `png` with a `pHYs` chunk right after its header saying it holds `scale` pixels per CSS pixel
 * (e.g. 1.5 for a figure drawn at 1.5x). A viewer or kernel that reads it shows the image at its
 * drawing's size, sharp on high-density screens, instead of `scale` times too large. A PNG that
 * already has a `pHYs` chunk, or is not a PNG, is returned as it is.
 */
export function withPixelDensity(png: Uint8Array, scale: number): Uint8Array {
  const headerEnd = 8 + 25; // signature, then the IHDR chunk (13 data bytes + 12)
  if (png.length < headerEnd || String.fromCharCode(...png.subarray(12, 16)) !== "IHDR") return png;
  if (hasChunk(png, "pHYs")) return png;
  const perMetre = Math.round(scale * CSS_PIXELS_PER_METRE);
  const data = new Uint8Array([...u32(perMetre), ...u32(perMetre), 1]);
  const phys = chunk("pHYs", data);
  const out = new Uint8Array(png.length + phys.length);
  out.set(png.subarray(0, headerEnd), 0);
  out.set(phys, headerEnd);
  out.set(png.subarray(headerEnd), headerEnd + phys.length);
  return out;
}

/** Whether the chunk `type` occurs before the image data. */
function hasChunk(png: Uint8Array, type: string): boolean {
  let at = 8;
  while (at + 8 <= png.length) {
    const length = ((png[at] ?? 0) << 24) | ((png[at + 1] ?? 0) << 16) | ((png[at + 2] ?? 0) << 8) | (png[at + 3] ?? 0);
    const name = String.fromCharCode(...png.subarray(at + 4, at + 8));
    if (name === type) return true;
    if (name === "IDAT" || name === "IEND") return false;
    at += 12 + (length >>> 0);
  }
  return false;
}

/** zlib data of `raw` in stored blocks of at most 65535 bytes. */
function storedZlib(raw: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(raw.length / 65535));
  const out = new Uint8Array(2 + raw.length + 5 * blocks + 4);
  out[0] = 0x78;
  out[1] = 0x01;
  let at = 2;
  for (let k = 0; k < blocks; k++) {
    const part = raw.subarray(k * 65535, Math.min(raw.length, (k + 1) * 65535));
    out[at] = k === blocks - 1 ? 1 : 0;
    out[at + 1] = part.length & 255;
    out[at + 2] = part.length >>> 8;
    out[at + 3] = ~part.length & 255;
    out[at + 4] = (~part.length >>> 8) & 255;
    out.set(part, at + 5);
    at += 5 + part.length;
  }
  out.set(u32(adler32(raw)), at);
  return out;
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function base64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += BASE64[(n >>> 18) & 63] ?? "";
    out += BASE64[(n >>> 12) & 63] ?? "";
    out += i + 1 < bytes.length ? BASE64[(n >>> 6) & 63] ?? "" : "=";
    out += i + 2 < bytes.length ? BASE64[n & 63] ?? "" : "=";
  }
  return out;
}

/** The base64 PNG of a `width` x `height` RGB image, `rgb` row by row (3 bytes a pixel). */
export function encodePngRgb(width: number, height: number, rgb: Uint8Array): string {
  const raw = new Uint8Array(height * (1 + 3 * width));
  for (let r = 0; r < height; r++) raw.set(rgb.subarray(r * 3 * width, (r + 1) * 3 * width), r * (1 + 3 * width) + 1);
  const header = new Uint8Array([...u32(width), ...u32(height), 8, 2, 0, 0, 0]);
  const signature = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);
  const parts = [signature, chunk("IHDR", header), chunk("IDAT", storedZlib(raw)), chunk("IEND", new Uint8Array(0))];
  const png = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    png.set(p, at);
    at += p.length;
  }
  return base64(png);
}

// Draws the kernel's logos (logo-32x32.png, logo-64x64.png) into this folder:
// a rounded indigo square with a recurrent loop (a ring with an arrow head) around a dot,
// anti-aliased by 4x4 supersampling. Run: node kernel/logos/draw-logos.mjs
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const BACKGROUND = [49, 46, 129];
const INK = [250, 204, 21];

for (const size of [32, 64]) {
  writeFileSync(join(here, `logo-${size}x${size}.png`), png(size, draw(size)));
}

/** RGBA pixels of the logo at `size` px. */
function draw(size) {
  const pixels = new Uint8Array(size * size * 4);
  const samples = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let card = 0;
      let ink = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const u = (x + (sx + 0.5) / samples) / size;
          const v = (y + (sy + 0.5) / samples) / size;
          if (roundedSquare(u, v)) card++;
          if (loop(u, v)) ink++;
        }
      }
      const n = samples * samples;
      const k = ink / n;
      const i = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) pixels[i + c] = Math.round(BACKGROUND[c] * (1 - k) + INK[c] * k);
      pixels[i + 3] = Math.round((255 * card) / n);
    }
  }
  return pixels;
}

function roundedSquare(u, v) {
  const r = 0.2;
  const dx = Math.max(Math.abs(u - 0.5) - (0.5 - r), 0);
  const dy = Math.max(Math.abs(v - 0.5) - (0.5 - r), 0);
  return dx * dx + dy * dy <= r * r;
}

/** A ring open at the top right, an arrow head closing it, and a dot in the middle. */
function loop(u, v) {
  const dx = u - 0.5;
  const dy = v - 0.5;
  const d = Math.hypot(dx, dy);
  const angle = Math.atan2(-dy, dx);
  const ring = d > 0.25 && d < 0.34 && !(angle > 0.15 && angle < 1.2);
  const tip = { x: 0.5 + 0.295 * Math.cos(0.15), y: 0.5 - 0.295 * Math.sin(0.15) };
  const head = triangle(u, v, [tip.x - 0.13, tip.y - 0.02], [tip.x + 0.13, tip.y - 0.02], [tip.x, tip.y - 0.17]);
  return ring || head || d < 0.1;
}

function triangle(u, v, a, b, c) {
  const side = (p, q) => (q[0] - p[0]) * (v - p[1]) - (q[1] - p[1]) * (u - p[0]);
  const s1 = side(a, b);
  const s2 = side(b, c);
  const s3 = side(c, a);
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
}

/** Encodes RGBA pixels as a PNG (filter 0 on every row). */
function png(size, pixels) {
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0;
    Buffer.from(pixels.subarray(y * size * 4, (y + 1) * size * 4)).copy(rows, y * (size * 4 + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

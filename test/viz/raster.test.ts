import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { randn, tensor, viz } from "../../src";
import { RASTER_BUDGET_BYTES, RASTER_SCALE, base64, setRasterizer } from "../../src/viz/raster";

/** Width, height and RGBA-or-RGB rows of a PNG (8-bit, non-interlaced, as resvg writes it). */
function decodePng(bytes: Buffer): { width: number; height: number; channels: number; pixels: Buffer } {
  expect([...bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString("ascii", offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect(data[8]).toBe(8);
      channels = data[9] === 6 ? 4 : data[9] === 2 ? 3 : data[9] === 0 ? 1 : 2;
    }
    if (type === "IDAT") idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  expect(raw.length).toBe(height * (width * channels + 1));
  return { width, height, channels, pixels: raw };
}

function pngOf(figure: { bundle(): Record<string, unknown>; toSVG(): string }): { png: ReturnType<typeof decodePng>; bytes: number; svgWidth: number } {
  const b64 = figure.bundle()["image/png"];
  expect(typeof b64).toBe("string");
  const bytes = Buffer.from(String(b64), "base64");
  const svgWidth = Number(/<svg[^>]*?\swidth="([\d.]+)"/.exec(figure.toSVG())?.[1]);
  return { png: decodePng(bytes), bytes: bytes.length, svgWidth };
}

describe("the raster copy of figures", () => {
  it("encodes bytes as base64 as Node does", () => {
    for (const n of [0, 1, 2, 3, 4, 255]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + 13) % 256);
      expect(base64(bytes)).toBe(Buffer.from(bytes).toString("base64"));
    }
  });

  it("puts a PNG of the static drawing in every figure bundle, at the raster scale, not blank, within the budget", () => {
    const live = viz.curves({ live: false });
    for (let s = 1; s <= 200; s++) live.log(s, { train_loss: 2 / Math.sqrt(s) + 0.05 * Math.sin(s), lr: 0.005 });
    live.finish();
    const figures = [viz.tensor(randn([6, 9])), live.figure(), viz.spectrum(randn([8, 8])), viz.attention([[0.9, 0.1], [0.2, 0.8]], { source: ["a", "b"], target: ["x", "y"] })];
    for (const figure of figures) {
      const { png, bytes, svgWidth } = pngOf(figure);
      expect(png.width).toBe(Math.ceil(svgWidth * RASTER_SCALE));
      expect(bytes).toBeLessThanOrEqual(RASTER_BUDGET_BYTES);
      const distinct = new Set<number>();
      let dark = 0;
      for (let i = 0; i < png.pixels.length; i += 97) {
        distinct.add(png.pixels[i] ?? 0);
        if ((png.pixels[i] ?? 255) < 100) dark += 1;
      }
      expect(distinct.size, `${figure.kind}: distinct byte values`).toBeGreaterThan(20);
      expect(dark, `${figure.kind}: dark samples (text, lines)`).toBeGreaterThan(10);
    }
  }, 120_000);

  it("leaves the PNG out of live curves until the run ends (updates stay cheap)", () => {
    const live = viz.curves({ live: false });
    live.log(1, { loss: 1 });
    expect(live.figure().bundle()["image/png"]).toBeUndefined();
    live.finish();
    expect(typeof live.figure().bundle()["image/png"]).toBe("string");
  }, 60_000);

  it("keeps the bundle order: seqgrad type, image/png, text/plain (no text/html, which nbconvert's markdown would inline)", () => {
    expect(Object.keys(viz.tensor(tensor([[1, 2], [3, 4]])).bundle())).toEqual(["application/vnd.seqgrad.tensor.v1+json", "image/png", "text/plain"]);
  }, 60_000);

  it("carries the SVG as image/svg+xml where no PNG can be made, never both", () => {
    setRasterizer(null);
    try {
      const bundle = viz.tensor(tensor([[1, 2], [3, 4]])).bundle();
      expect(Object.keys(bundle)).toEqual(["application/vnd.seqgrad.tensor.v1+json", "image/svg+xml", "text/plain"]);
      expect(String(bundle["image/svg+xml"])).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    } finally {
      setRasterizer(undefined);
    }
  });
});

import { describe, expect, it } from "vitest";
import { data, rand, randn, tensor, viz } from "../../src";
import { MIME_TYPES, textWidth, validatePayload } from "../../src/viz/payloads";
import { renderPng } from "./png-helpers";

describe("viz.image", () => {
  it("draws a [3, H, W] image as a PNG of its pixels, enlarged without smoothing", () => {
    const scenes = data.shapeScenes({ count: 1, size: 16, seed: 0 });
    const fig = viz.image(scenes.images.select(0, 0), { title: "one scene" });
    const p = fig.payload;
    expect([p.layout, p.width, p.height, p.scale, p.displayWidth]).toEqual(["CHW", 16, 16, 16, 256]);
    expect(p.range).toEqual([0, 1]);
    const svg = fig.toSVG();
    expect(svg).toContain(`href="data:image/png;base64,${p.png}"`);
    expect(svg).toContain("image-rendering");
    expect(validatePayload(MIME_TYPES.image, JSON.parse(JSON.stringify(p))).ok).toBe(true);
  });

  it("encodes pixels that decode back to the tensor's bytes, in [H, W, 3] and grey [H, W] too", () => {
    const hwc = tensor([[[1, 0, 0], [0, 1, 0]], [[0, 0, 1], [1, 1, 1]]]);
    const p = viz.image(hwc).payload;
    expect(p.layout).toBe("HWC");
    expect(Array.from(renderPng(p.png, 2, 2))).toEqual([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]);
    const grey = viz.image(tensor([[0, 128], [255, 64]], { dtype: "int32" })).payload;
    expect([grey.layout, grey.range]).toEqual(["HW", [0, 255]]);
    expect(Array.from(renderPng(grey.png, 2, 2))).toEqual([0, 0, 0, 128, 128, 128, 255, 255, 255, 64, 64, 64]);
  });

  it("stretches values outside [0, 1] and says so, and rejects a tensor that is not an image", () => {
    const p = viz.image(randn([3, 4, 4])).payload;
    expect(p.caption).toMatch(/stretched to black\.\.white/);
    expect(() => viz.image(randn([2, 4, 4]))).toThrow("viz.image: expected an image [3, H, W], [H, W, 3] or [H, W] (1 channel also allowed); got [2, 4, 4]");
    expect(() => viz.image(randn([3, 4, 4]), { title: ["a", "b"] as unknown as string })).toThrow("viz.image: title must be a string; got object");
    expect(() => viz.image(randn([3, 4, 4]), { sclae: 2 } as never)).toThrow(/viz.image: unknown option "sclae"/);
  });
  it("decides the title's lines and the figure's width, so a title wider than the image is never cut", () => {
    const short = viz.image(rand([3, 16, 16]), { title: "one scene" }).payload;
    expect(short.titleLines).toEqual(["one scene"]);
    expect(short.figureWidth).toBeGreaterThanOrEqual(short.displayWidth + 24);
    const title = "a title much wider than the small image it names, so it wraps onto a second line";
    const fig = viz.image(rand([3, 6, 6]), { title });
    const p = fig.payload;
    expect(p.titleLines.length).toBeGreaterThan(1);
    expect(p.titleLines.join(" ")).toBe(title);
    for (const line of p.titleLines) expect(12 + textWidth(line, 14, { bold: true })).toBeLessThanOrEqual(p.figureWidth - 12);
    const svg = fig.toSVG();
    expect(svg).toContain(`width="${p.figureWidth}"`);
    // every title line starts at the left margin (text-anchor start), inside the drawing
    const lines = [...svg.matchAll(/<text x="(\d+)"[^>]*class="title"[^>]*>([^<]*)</g)];
    expect(lines.map((m) => m[2])).toEqual(p.titleLines);
    expect(lines.every((m) => m[1] === "12")).toBe(true);
    expect(viz.image(rand([3, 4, 4])).payload).toMatchObject({ titleLines: [] });
  });
});

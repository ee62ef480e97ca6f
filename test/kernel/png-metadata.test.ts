import { describe, expect, it } from "vitest";
import { tensor, viz } from "../../src";
import { encodePngRgb, withPixelDensity } from "../../src/viz/data/png";
import { displaySize, outputMetadata } from "../../kernel/src/png-metadata";

const svgSize = (svg: string): { width: number; height: number } => {
  const match = /<svg[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"/.exec(svg);
  return { width: Math.round(Number(match?.[1])), height: Math.round(Number(match?.[2])) };
};

describe("the display size the kernel sends with a PNG", () => {
  it("is the figure's drawing size, not the 1.5x raster's", () => {
    const figure = viz.tensor(tensor([[1, 2, 3], [4, 5, 6]]));
    const bundle = figure.bundle();
    expect(typeof bundle["image/png"]).toBe("string");
    const size = svgSize(figure.toSVG());
    const shown = outputMetadata(bundle)["image/png"] as { width: number; height: number };
    expect(Math.abs(shown.width - size.width)).toBeLessThanOrEqual(1);
    expect(Math.abs(shown.height - size.height)).toBeLessThanOrEqual(1);
  });

  it("is left to the viewer for a PNG that states no density, or one of 96 dpi", () => {
    const plain = Buffer.from(encodePngRgb(4, 2, new Uint8Array(24)), "base64");
    expect(displaySize(plain)).toBeUndefined();
    expect(displaySize(withPixelDensity(plain, 1))).toBeUndefined();
    expect(displaySize(withPixelDensity(plain, 2))).toEqual({ width: 2, height: 1 });
    expect(outputMetadata({ "text/plain": "x" })).toEqual({});
    expect(outputMetadata({ "image/png": "not a png" })).toEqual({});
  });

  it("keeps a PNG's own density chunk", () => {
    const plain = Buffer.from(encodePngRgb(6, 6, new Uint8Array(108)), "base64");
    const twice = withPixelDensity(plain, 2);
    expect(withPixelDensity(twice, 3)).toBe(twice);
    expect(displaySize(twice)).toEqual({ width: 3, height: 3 });
  });
});

import { describe, expect, it } from "vitest";
import { ValueError, data } from "../../src";

const pixel = (images: { data: ArrayLike<number> }, n: number, size: number, row: number, col: number): number[] =>
  [0, 1, 2].map((ch) => images.data[((n * 3 + ch) * size + row) * size + col] as number);

describe("shapeScenes", () => {
  const { images, scenes, vocab } = data.shapeScenes({ count: 200, size: 16, seed: 3 });

  it("draws N RGB images and captions them with two colours, two shapes and a relation", () => {
    expect(images.shape).toEqual([200, 3, 16, 16]);
    for (const s of scenes) {
      const [a, b] = s.objects;
      expect(s.caption).toEqual([a.colour, a.kind, ...s.relation.split(" "), b.colour, b.kind]);
    }
    expect(vocab.size).toBe(4 + 4 + 3 + 3);               // specials, colours, shapes, "left" "of" "above"
  });

  it("puts the first object left of (or above) the second, each in its half", () => {
    for (const s of scenes) {
      const [a, b] = s.objects;
      if (s.relation === "left of") expect(a.col + a.side).toBeLessThanOrEqual(b.col);
      else expect(a.row + a.side).toBeLessThanOrEqual(b.row);
    }
  });

  it("paints each object's centre in its colour and leaves the corners of a circle black", () => {
    scenes.forEach((s, n) => {
      for (const o of s.objects) {
        const c = Math.floor(o.side / 2);
        expect(pixel(images, n, 16, o.row + c, o.col + c)).toEqual(Array.from(data.SHAPE_COLOURS[o.colour], (v) => Math.fround(v)));
        if (o.kind === "circle") expect(pixel(images, n, 16, o.row, o.col)).toEqual([0, 0, 0]);
        if (o.kind === "square") expect(pixel(images, n, 16, o.row, o.col)).not.toEqual([0, 0, 0]);
      }
    });
  });

  it("gives the same scenes for the same seed and different ones for another", () => {
    const again = data.shapeScenes({ count: 200, size: 16, seed: 3 });
    expect(again.scenes).toEqual(scenes);
    expect(Array.from(again.images.data)).toEqual(Array.from(images.data));
    expect(data.shapeScenes({ count: 200, size: 16, seed: 4 }).scenes).not.toEqual(scenes);
  });

  it("rejects images too small for two shapes and non-positive counts", () => {
    expect(() => data.shapeScenes({ size: 8 })).toThrow(new ValueError("shapeScenes: size must be an integer >= 12; got 8"));
    expect(() => data.shapeScenes({ count: 0 })).toThrow(/count must be a positive integer; got 0/);
  });
});

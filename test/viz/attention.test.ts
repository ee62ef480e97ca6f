import { describe, expect, it } from "vitest";
import { tensor } from "../../src/tensor";
import * as viz from "../../src/viz";

describe("a small attention map with a long title", () => {
  it("widens the figure so the whole title fits", () => {
    const title = "alignment of a three-word sentence with its translation";
    const svg = viz.attention(tensor([[0.9, 0.1], [0.2, 0.8]]), { source: ["a", "b"], target: ["x", "y"], title }).toSVG();
    const width = Number(/<svg[^>]* width="(\d+)"/.exec(svg)?.[1]);
    expect(width).toBeGreaterThanOrEqual(title.length * 7.8);
  });
});

import { describe, expect, it } from "vitest";
import { randn, tensor, viz } from "../../src";
import { MIME_TYPES, validatePayload } from "../../src/viz/payloads";

function valueTexts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*class="value"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? "");
}

describe("values in the cells of small tensors", () => {
  it("prints every value of a 2 x 3 tensor in its cell, as the payload says, with an ink that reads on the cell", () => {
    const fig = viz.tensor(tensor([[1, -2.5, 0.125], [1000, 0, -0.004]]));
    const view = fig.payload.view;
    if (view.type !== "heatmap") throw new Error(`expected a heat map, got ${view.type}`);
    expect(view.grid.text).toEqual([["1", "-2.5", "0.13"], ["1000", "0", "-4e-3"]]);
    expect(view.grid.ink?.flat().every((c) => c === "#111111" || c === "#ffffff")).toBe(true);
    expect(valueTexts(fig.toSVG())).toEqual(view.grid.text?.flat());
    expect(validatePayload(MIME_TYPES.tensor, JSON.parse(JSON.stringify(fig.payload))).ok).toBe(true);
  });

  it("prints values up to 8 x 8 and keeps larger tensors to colour only", () => {
    const at8 = viz.tensor(randn([8, 8])).payload.view;
    const at9 = viz.tensor(randn([9, 8])).payload.view;
    expect(at8.type === "heatmap" && at8.grid.text?.length).toBe(8);
    expect(at9.type === "heatmap" && at9.grid.text).toBe(null);
    expect(valueTexts(viz.tensor(randn([9, 8])).toSVG())).toEqual([]);
  });

  it("prints the values of each small slice of a 3-D tensor", () => {
    const fig = viz.tensor(randn([2, 3, 4]));
    const view = fig.payload.view;
    if (view.type !== "slices") throw new Error(`expected slices, got ${view.type}`);
    expect(view.grids.map((g) => g.text?.length)).toEqual([3, 3]);
    expect(valueTexts(fig.toSVG())).toHaveLength(24);
  });
});

import { describe, expect, it } from "vitest";
import { tensor, viz, randn } from "../../src";
import { categoryTickWidth, categoryTicks, labelWidth } from "../../src/viz/data/category-ticks";

/** The category label texts of a static SVG, in document order. */
function svgCategories(svg: string): string[] {
  return [...svg.matchAll(/<text [^>]*class="category"[^>]*>([^<]*)</g)].map((m) => m[1] ?? "");
}

describe("category ticks", () => {
  it("label every category that fits its cell, and every k-th when they would overlap", () => {
    expect(categoryTicks(["a", "b", "c"], 30, "x")).toEqual({ at: [0, 1, 2], text: ["a", "b", "c"], angle: 0 });
    const many = Array.from({ length: 200 }, (_, i) => `t${i}`);
    const y = categoryTicks(many, 5, "y");
    expect(y.at.slice(0, 3)).toEqual([0, 3, 6]);
    expect(y.angle).toBe(0);
    const x = categoryTicks(many, 5, "x");
    expect(x.angle).toBe(-60);
    expect(x.at).toEqual(y.at);
  });

  it("turn x labels wider than their cells and cut long ones", () => {
    const t = categoryTicks(["a rather long token indeed", "b"], 20, "x");
    expect(t.angle).toBe(-60);
    expect(t.text[0]).toBe("a rather long\u2026");
    expect([...(t.text[0] ?? "")].length).toBe(14);
  });

  it("measure labels by their glyphs: wide source labels such as 2\u2423@0 turn, and the room beside the cells holds the widest", () => {
    expect(labelWidth("2\u2423@0")).toBeGreaterThan(4 * 6.8);
    expect(labelWidth("iii")).toBeLessThan(labelWidth("mmm"));
    const source = ["1\u2423@0", "2\u2423@0", "3\u2423@1", "4\u2423@1"];
    expect(categoryTicks(source, 30, "x").angle).toBe(-60);
    const target = categoryTicks(["<img src=x onerror=alert(1)>"], 30, "y");
    expect(categoryTickWidth(target)).toBeCloseTo(labelWidth(target.text[0] ?? ""));
    expect(categoryTickWidth(target)).toBeGreaterThan(14 * 6.8);
  });

  it("are the labels the static SVG prints, for attention, tensors, heat maps, bars and gates", () => {
    const tokens = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? " " : `w${i}`));
    const uniform = Array.from({ length: 60 }, () => Array.from({ length: 60 }, () => 1 / 60));
    const attention = viz.attention(uniform, { source: tokens, target: tokens });
    const a = attention.payload;
    expect(a.sourceTicks.at.length).toBeLessThan(60);
    expect(a.sourceTicks.text).toContain("\u2423");
    expect(svgCategories(attention.toSVG()).sort()).toEqual([...a.targetTicks.text, ...a.sourceTicks.text].sort());
    const t = viz.tensor(randn([40, 30]));
    const view = t.payload.view;
    if (view.type !== "heatmap") throw new Error("expected a heat map");
    expect(svgCategories(t.toSVG()).sort()).toEqual([...view.grid.rowTicks.text, ...view.grid.colTicks.text].sort());
    const h = viz.heatmap(tensor([[1, 2], [3, 4]]), { xTicks: ["x0", "x1"], yTicks: ["y0", "y1"] });
    if (h.payload.type !== "heatmap") throw new Error("expected a heat map plot");
    expect(h.payload.colTicks.text).toEqual(["x0", "x1"]);
    expect(svgCategories(h.toSVG()).sort()).toEqual(["x0", "x1", "y0", "y1"]);
    const b = viz.bar({ rnn: 1, lstm: 2, gru: 3 });
    if (b.payload.type !== "bar") throw new Error("expected a bar chart");
    expect(svgCategories(b.toSVG())).toEqual(b.payload.categoryTicks.text);
  });
});

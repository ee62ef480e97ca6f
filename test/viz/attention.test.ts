import { describe, expect, it } from "vitest";
import { tensor } from "../../src/tensor";
import * as viz from "../../src/viz";
import type { AttentionPayload } from "../../src/viz/payloads";

describe("a small attention map with a long title", () => {
  it("widens the figure so the whole title fits", () => {
    const title = "alignment of a three-word sentence with its translation";
    const svg = viz.attention(tensor([[0.9, 0.1], [0.2, 0.8]]), { source: ["a", "b"], target: ["x", "y"], title }).toSVG();
    const width = Number(/<svg[^>]* width="(\d+)"/.exec(svg)?.[1]);
    expect(width).toBeGreaterThanOrEqual(title.length * 7.8);
  });
});

describe("the attention payload decides the figure's size and texts", () => {
  const uniform = (t: number, s: number): number[][] => Array.from({ length: t }, () => Array.from({ length: s }, () => 1 / s));
  const tokens = (n: number): string[] => Array.from({ length: n }, (_, i) => `t${i}`);
  const payload = (fig: ReturnType<typeof viz.attention>): AttentionPayload => fig.payload;

  it("keeps 128 x 128 shown tokens in square cells no wider than 512 px, labels thinned, figure under 880 px", () => {
    const p = payload(viz.attention(uniform(130, 130), { source: tokens(130), target: tokens(130) }));
    expect(p.cell).toBe(4);
    expect(p.frame.panels[0]).toMatchObject({ width: 512, height: 512 });
    expect(p.frame.width).toBeLessThanOrEqual(880);
    expect(p.sourceTicks.at.slice(0, 2)).toEqual([0, 4]);
    expect(p.targetTicks.at.slice(0, 2)).toEqual([0, 4]);
  });

  it("carries the axis titles and the colour bar's title, and the static drawing prints exactly those (no caption)", () => {
    const fig = viz.attention(uniform(2, 3), { source: ["a", "b", "c"], target: ["x", "y"] });
    const p = payload(fig);
    expect([p.rowTitle, p.colTitle, p.colorScale.title]).toEqual(["target tokens", "source tokens", "weight"]);
    const svg = fig.toSVG();
    expect(svg).toContain(">target tokens</text>");
    expect(svg).toContain(">source tokens</text>");
    expect(svg).toContain('class="colorbar-title">weight</text>');
    expect(svg).not.toContain("rows: target tokens");
  });

  it("puts as many heads in a row as fit the width", () => {
    const p = payload(viz.attention([uniform(6, 6), uniform(6, 6), uniform(6, 6), uniform(6, 6), uniform(6, 6), uniform(6, 6)], { source: tokens(6), target: tokens(6) }));
    expect(p.frame.panels).toHaveLength(6);
    expect(p.frame.width).toBeLessThanOrEqual(880);
    expect(p.columns).toBeGreaterThan(1);
  });
});

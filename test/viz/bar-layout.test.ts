/** A bar chart's layout is decided in its payload, and the static drawing draws into it. */
import { describe, expect, it } from "vitest";
import * as viz from "../../src/viz";
import { BAR_PLOT_HEIGHT, MIME_TYPES, validatePayload, type BarPlot } from "../../src/viz/payloads";

function barPayload(figure: ReturnType<typeof viz.bar>): BarPlot {
  const p = figure.payload;
  if (p.type !== "bar") throw new Error(`expected a bar chart, got ${p.type}`);
  return p;
}

/** The x, y, width and height of the first `<rect class="plot-area">` of an SVG. */
function plotArea(svg: string): number[] {
  const m = /<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="none" stroke="none" class="plot-area"\/>/.exec(svg);
  if (m === null) throw new Error("no plot area in the SVG");
  return m.slice(1).map(Number);
}

describe("viz.bar layout", () => {
  it("plots band x categories by the bar height right of the y tick labels, and the static drawing draws there", () => {
    const p = barPayload(viz.bar({ rnn: 0.31, lstm: 0.12, gru: 0.15 }, { yLabel: "loss" }));
    expect(p.layout.plot.width).toBe(p.band * 3);
    expect(p.layout.plot.height).toBe(BAR_PLOT_HEIGHT);
    expect(p.layout.legend).toBeNull();
    expect(p.layout.width).toBeCloseTo(p.layout.plot.x + p.layout.plot.width + 20, 9);
    // one category still makes a figure 300 px wide
    expect(barPayload(viz.bar({ rnn: 0.31 })).layout.width).toBe(300);
    const drawn = plotArea(viz.bar({ rnn: 0.31, lstm: 0.12, gru: 0.15 }, { yLabel: "loss" }).toSVG());
    expect(drawn.map((v) => Math.round(v * 100) / 100)).toEqual([p.layout.plot.x, p.layout.plot.y, p.layout.plot.width, p.layout.plot.height].map((v) => Math.round(v * 100) / 100));
  });

  it("gives two series or more a legend above the bars, wrapped to the figure's width, and places the bars under it", () => {
    const fig = viz.bar({ categories: ["a", "b"], series: { "a long series name": [1, 2], "another long series name": [2, 1], third: [0.5, 0.5] } }, { title: "grouped" });
    const p = barPayload(fig);
    const legend = p.layout.legend;
    expect(legend).not.toBeNull();
    expect(legend?.rows).toHaveLength(3);
    // 300 px wide: the three names wrap to two rows
    expect(legend?.rows.at(-1)).toBe(1);
    expect(p.layout.plot.y).toBe((legend?.height ?? 0) + 12);
    const svg = fig.toSVG();
    // under the 26 px title line
    expect(plotArea(svg)[1]).toBe(26 + p.layout.plot.y);
    expect(svg).toContain(`viewBox="0 0 ${Math.ceil(p.layout.width)} ${Math.ceil(26 + p.layout.height)}"`);
  });

  it("rejects a layout whose plotted width is not a band per category, naming the field", () => {
    const p = JSON.parse(JSON.stringify(viz.bar({ a: 1, b: 2 }).payload));
    p.layout.plot.width += 10;
    const r = validatePayload(MIME_TYPES.plot, p);
    expect(r.ok).toBe(false);
    expect(r.ok ? "" : r.error).toContain("plot.layout.plot.width");
  });
});

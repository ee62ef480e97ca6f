import { describe, expect, it } from "vitest";
import { randn, viz } from "../../src";
import { SLICES_MAX } from "../../src/viz/tensor";
import { MIME_TYPES, tensorFrame, validatePayload } from "../../src/viz/payloads";

function count(svg: string, cls: string): number {
  return [...svg.matchAll(new RegExp(`class="${cls}"`, "g"))].length;
}

describe("tensor heat maps placed by the payload's frame", () => {
  it("gives a 2-D tensor one cell box of the grid's size and a colour bar titled value", () => {
    const view = viz.tensor(randn([6, 9])).payload.view;
    if (view.type !== "heatmap") throw new Error(`expected a heat map, got ${view.type}`);
    expect(view.frame.panels).toEqual([expect.objectContaining({ width: 9 * view.grid.width, height: 6 * view.grid.height })]);
    expect(view.colorScale.title).toBe("value");
    expect(view.frame).toEqual(tensorFrame([{ matrix: view.matrix, grid: view.grid }], false, view.colorScale));
  });

  it("lays out every slice carried, each titled by its label, and the static drawing draws them all", () => {
    const fig = viz.tensor(randn([20, 6, 7]));
    const view = fig.payload.view;
    if (view.type !== "slices") throw new Error(`expected slices, got ${view.type}`);
    expect(view.slices.length).toBe(SLICES_MAX);
    expect(view.frame.panels.length).toBe(SLICES_MAX);
    const svg = fig.toSVG();
    expect(count(svg, "heatmap-frame")).toBe(SLICES_MAX);
    expect([...svg.matchAll(/class="panel-title"[^>]*>([^<]*)</g)].map((m) => m[1])).toEqual(view.labels);
    expect(fig.payload.subtitle).toContain(`first ${SLICES_MAX} of 20 slices`);
    // no panel crosses another or the colour bar
    const boxes = [...view.frame.panels, view.frame.colorBar];
    for (const a of boxes) for (const b of boxes) if (a !== b) expect(a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y).toBe(true);
    expect(view.frame.width).toBeLessThanOrEqual(900);
  });

  it("refuses slices whose frame has a box too few", () => {
    const p = JSON.parse(JSON.stringify(viz.tensor(randn([3, 2, 2])).payload));
    p.view.frame.panels.pop();
    const r = validatePayload(MIME_TYPES.tensor, p);
    expect(r.ok ? "" : r.error).toMatch(/^tensor\.view\.frame\.panels: expected 3 boxes \(one per slice\)/);
  });
});

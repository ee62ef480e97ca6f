import { describe, expect, it } from "vitest";
import { MIME_TYPES, validatePayload, type SpectrumPayload } from "../../src/viz/payloads";
import { eye, tensor, viz } from "../../src";
import { renderSpectrum } from "../../src/viz/spectrum-svg";

const diag = (values: number[]) => tensor(values.map((v, i) => values.map((_, j) => (i === j ? v : 0))));
const json = (p: SpectrumPayload): Record<string, unknown> => JSON.parse(JSON.stringify(p));

describe("viz.spectrum with several matrices", () => {
  const fig = viz.spectrum({ small: diag([0.5, -0.25, 0.1]), identity: eye(3), rotation: tensor([[0, -1.2], [1.2, 0]]) }, { name: "W_hh", title: "three recipes" });
  const p = fig.payload;

  it("makes one panel per matrix, in order, each with its own radius and a title naming it", () => {
    expect(p.grid).not.toBeNull();
    const g = p.grid!;
    expect(g.panels.map((q) => q.name)).toEqual(["small", "identity", "rotation"]);
    expect(g.panels.map((q) => q.spectralRadius)).toEqual([0.5, 1, expect.closeTo(1.2, 6)]);
    expect(g.panels.map((q) => q.size)).toEqual([3, 3, 2]);
    expect(g.panels[0]!.title).toBe("small \u00b7 \u03c1 = 0.5");
    expect(p.title).toBe("three recipes");
    expect(p.spectralRadius).toBeCloseTo(1.2, 6);
  });

  it("lays out two square panels per row under one shared legend, on shared axes taking in the largest radius", () => {
    const g = p.grid!;
    expect(g.columns).toBe(2);
    const q = g.panels[0]!.layout;
    expect(q.plot.width).toBe(q.plot.height);
    expect(q.legend).toBeNull();
    expect(q.title).not.toBeNull();
    expect(p.layout.legend?.rows).toHaveLength(3);
    expect(p.layout.plot).toEqual({ x: 0, y: p.layout.plot.y, width: 2 * g.panelWidth, height: 2 * g.panelHeight });
    expect(p.layout.legend!.y + p.layout.legend!.height).toBeLessThanOrEqual(p.layout.plot.y);
    expect(p.xAxis.range[1]).toBeGreaterThanOrEqual(1.32);
    expect(p.yAxis.range).toEqual(p.xAxis.range);
  });

  it("validates, and the validator rejects a grid whose box does not hold its cells", () => {
    expect(validatePayload(MIME_TYPES.spectrum, json(p)).ok).toBe(true);
    const bad = json(p);
    (bad.layout as { plot: { width: number } }).plot.width += 10;
    const r = validatePayload(MIME_TYPES.spectrum, bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain("spectrum.layout.plot");
  });

  it("reads a payload saved before grids as one without a grid", () => {
    const single = json(viz.spectrum(eye(2)).payload);
    delete single.grid;
    const r = validatePayload(MIME_TYPES.spectrum, single);
    expect(r.ok).toBe(true);
    if (r.ok) expect((r.payload as SpectrumPayload).grid).toBeNull();
  });

  it("draws a panel per matrix, its title, and the legend once", () => {
    const svg = renderSpectrum(p);
    expect(svg.match(/class="panel"/g)).toHaveLength(3);
    for (const q of p.grid!.panels) expect(svg).toContain(`${q.name} \u00b7 \u03c1`);
    expect(svg.match(/class="legend"/g)).toHaveLength(1);
    expect(fig.toString()).toContain("rotation [2, 2]");
  });

  it("keeps the one-matrix form as it was", () => {
    const one = viz.spectrum(diag([0.5, 2]), { name: "W" }).payload;
    expect(one.grid).toBeNull();
    expect(one.size).toBe(2);
    expect(one.spectralRadius).toBe(2);
    expect(one.legend[1]).toBe("spectral radius \u03c1 = 2");
  });
});

describe("viz.spectrum errors", () => {
  it("names every shape and which matrix is not square", () => {
    expect(() => viz.spectrum({ a: eye(3), b: tensor([[1, 2, 3], [4, 5, 6]]) })).toThrow(
      'viz.spectrum: needs square matrices of at most 1024 rows; expected [n, n] each; not square: "b"; got a [3, 3], b [2, 3]',
    );
  });

  it("rejects an empty object and a one-matrix non-square input", () => {
    expect(() => viz.spectrum({})).toThrow("viz.spectrum: takes a square matrix or an object of named square matrices; got an empty object");
    expect(() => viz.spectrum(tensor([[1, 2]]))).toThrow("viz.spectrum: needs a square matrix of at most 1024 rows; expected [n, n], got [1, 2]");
  });
});

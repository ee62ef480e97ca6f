/**
 * Every figure's static SVG parsed with a real XML parser and checked for structure: cells =
 * rows x columns, axis labels = the tokens, a polyline per series with the right point count;
 * labels escaped; big tensors summarized.
 */
import { describe, expect, it } from "vitest";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import "../../src/backend";
import { manualSeed, randn, tensor } from "../../src/tensor";
import { tensorBundle } from "../../src/tensor/display-hook";
import * as viz from "../../src/viz";
import { MIME_TYPES, validatePayload } from "../../src/viz/payloads";

const EVIL = "<img src=x onerror=alert(1)>";

interface XmlNode {
  [tag: string]: unknown;
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", preserveOrder: true, trimValues: false });

/** Every element named `tag` in document order, with its attributes and text. */
function elements(svg: string, tag: string): Array<{ attrs: Record<string, string>; text: string }> {
  expect(XMLValidator.validate(svg)).toBe(true);
  const out: Array<{ attrs: Record<string, string>; text: string }> = [];
  const walk = (nodes: XmlNode[]): void => {
    for (const node of nodes) {
      for (const key of Object.keys(node)) {
        if (key === ":@" || key === "#text") continue;
        const children = node[key] as XmlNode[];
        if (key === tag) {
          const attrs = (node[":@"] ?? {}) as Record<string, string>;
          const text = children.map((c) => String(c["#text"] ?? "")).join("");
          out.push({ attrs: Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k.slice(1), String(v)])), text });
        }
        walk(children);
      }
    }
  };
  walk(parser.parse(svg) as XmlNode[]);
  return out;
}

function roundTrip(figure: viz.FigureLike): unknown {
  const bundle = figure.bundle();
  return JSON.parse(JSON.stringify(bundle[figure.mimeType]));
}

describe("static SVG of every figure", () => {
  it("draws a heat map with one cell per matrix entry and the tokens as axis labels", () => {
    const source = ["a", "b", EVIL];
    const target = ["x", "y"];
    const fig = viz.attention([[0.2, 0.3, 0.5], [0.6, 0.3, 0.1]], { source, target });
    const svg = fig.toSVG();
    expect(elements(svg, "rect").filter((r) => r.attrs.class === "cell")).toHaveLength(6);
    const labels = elements(svg, "text").filter((t) => t.attrs.class === "category").map((t) => t.text);
    expect(labels).toEqual(["x", "y", "a", "b", `${EVIL.replace(/ /g, "\u2423").slice(0, 13)}\u2026`]);
    expect(validatePayload(MIME_TYPES.attention, roundTrip(fig)).ok).toBe(true);
  });

  it("keeps a hostile label as text, in the SVG and in the payload", () => {
    const fig = viz.bar({ [EVIL]: 1, ok: 2 }, { title: EVIL });
    const svg = fig.toSVG();
    expect(svg).not.toContain("<img");
    expect(elements(svg, "img")).toHaveLength(0);
    expect(elements(svg, "text").some((t) => t.text === EVIL)).toBe(true);
    expect(svg).not.toMatch(/<img|<script/);
    const payload = roundTrip(fig) as { categories: string[]; title: string };
    expect(payload.categories[0]).toBe(EVIL);
    expect(payload.title).toBe(EVIL);
    const named = randn([2, 2]);
    named.name = EVIL;
    expect(viz.tensor(named).toSVG()).not.toContain("<img");
    expect(viz.graph(named.mul(2)).toSVG()).not.toContain("<img");
  });

  it("draws a polyline per line series with one point per value", () => {
    const fig = viz.line({ a: [1, 2, 3, 4], b: [4, 3, 2, 1, 0, -1] }, { xLabel: "step", yLabel: "value" });
    const lines = elements(fig.toSVG(), "polyline").filter((l) => l.attrs.class === "series");
    expect(lines.map((l) => l.attrs["data-series"])).toEqual(["a", "b"]);
    expect(lines.map((l) => (l.attrs.points ?? "").split(" ").length)).toEqual([4, 6]);
    const axisLabels = elements(fig.toSVG(), "text").filter((t) => t.attrs.class === "axis-label").map((t) => t.text);
    expect(axisLabels).toEqual(["value", "step"]);
  });

  it("draws the tensor heat map with rows x columns cells, and its stats and NaN/Inf counts in the subtitle", () => {
    const t = tensor([[1, NaN, 3], [Infinity, 5, 6]]);
    const svg = viz.tensor(t).toSVG();
    expect(elements(svg, "rect").filter((r) => r.attrs.class === "cell")).toHaveLength(6);
    expect(elements(svg, "text").find((x) => x.attrs.class === "subtitle")?.text).toMatch(/^\[2, 3\]  \u00b7  float32  \u00b7  min 1  max 6 .*  \u00b7  1 NaN  \u00b7  1 Inf$/);
    const p = viz.tensor(t).payload;
    expect(p.stats).toMatchObject({ min: 1, max: 6, nanCount: 1, infCount: 1 });
    expect(p.table).toEqual([[1, "NaN", 3], ["Infinity", 5, 6]]);
  });

  it("draws a bar per value of a 1-D tensor and one heat map per slice of a 3-D tensor", () => {
    manualSeed(0);
    expect(elements(viz.tensor(randn([7])).toSVG(), "rect").filter((r) => r.attrs.class === "bar")).toHaveLength(7);
    const p = viz.tensor(randn([2, 3, 4])).payload;
    expect(p.view.type === "slices" ? p.view.labels : []).toEqual(["[0, :, :]", "[1, :, :]"]);
    expect(elements(viz.tensor(randn([2, 3, 4])).toSVG(), "rect").filter((r) => r.attrs.class === "cell")).toHaveLength(24);
  });

  it("summarizes a 2000 x 2000 tensor into a bundle of well under a megabyte", () => {
    const big = randn([2000, 2000]);
    const bundle = viz.tensor(big).bundle();
    const bytes = Buffer.byteLength(JSON.stringify(bundle));
    expect(bytes).toBeLessThan(300_000);
    const p = bundle[MIME_TYPES.tensor] as { view: { matrix: { z: unknown[][]; sourceRows: number } } };
    expect(p.view.matrix.z).toHaveLength(48);
    expect(p.view.matrix.sourceRows).toBe(2000);
  });

  it("draws graph nodes and edges as laid out in the payload", () => {
    const a = tensor([1, 2], { requiresGrad: true });
    a.name = "a";
    const fig = viz.graph(a.mul(a).sum());
    const p = fig.payload;
    expect(p.nodes.map((n) => n.kind)).toEqual(["output", "op", "parameter"]);
    expect(p.edges).toHaveLength(3);
    const svg = fig.toSVG();
    expect(elements(svg, "polyline").filter((l) => l.attrs.class === "edge")).toHaveLength(3);
    expect(elements(svg, "g").filter((g) => (g.attrs.class ?? "").startsWith("node "))).toHaveLength(3);
    expect(validatePayload(MIME_TYPES.graph, roundTrip(fig)).ok).toBe(true);
  });

  it("draws the spectrum's eigenvalues as markers with the unit circle", () => {
    const w = tensor([[0, -2], [2, 0]]);
    const fig = viz.spectrum(w);
    expect(fig.payload.spectralRadius).toBeCloseTo(2, 12);
    const svg = fig.toSVG();
    expect(elements(svg, "circle")).toHaveLength(2 + 1);
    expect(elements(svg, "polyline").filter((l) => l.attrs.class === "series")).toHaveLength(2);
    expect(validatePayload(MIME_TYPES.spectrum, roundTrip(fig)).ok).toBe(true);
  });

  it("validates the payload of every generic plot", () => {
    const figs = [viz.scatter({ x: [1, 2], y: [3, 4] }), viz.heatmap([[1, 2], [3, 4]], { xTicks: ["a", "b"], yTicks: ["c", "d"] }), viz.bar({ a: 1 })];
    for (const f of figs) expect(validatePayload(MIME_TYPES.plot, roundTrip(f))).toMatchObject({ ok: true });
  });
});

describe("tensor display", () => {
  it("is the tensor figure once viz has loaded", () => {
    const bundle = tensorBundle(tensor([1, 2, 3]));
    expect(Object.keys(bundle).sort()).toEqual([MIME_TYPES.tensor, "image/png", "text/plain"].sort());
    expect(String(bundle["text/plain"])).toContain("tensor([1");
  });
});

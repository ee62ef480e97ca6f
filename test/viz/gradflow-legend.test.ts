import { describe, expect, it } from "vitest";
import * as viz from "../../src/viz";
import type { GradientFlow } from "../../src/viz/gradient-flow";
import { legend, legendHeight } from "../../src/viz/svg/legend";

const MODELS = [
  "gaussian init, std 1/sqrt(H)",
  "gaussian init, std 0.5/sqrt(H)",
  "orthogonal init (gain 1)",
  "identity init (IRNN, ReLU)",
  "np-RNN (normalized positive definite)",
];

/** A measurement with made-up but plausible norms, so the test needs no model. */
function flowOf(model: string, k: number): GradientFlow {
  const steps = [1, 2, 3, 4, 5, 6];
  return {
    model,
    module: "rnn.l0",
    steps,
    loss: steps.map((t) => Math.pow(0.5 + 0.2 * k, 6 - t)),
    jacobian: steps.map((t) => Math.pow(0.4 + 0.2 * k, 6 - t)),
    parameters: ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"].map((name, i) => ({ name, shape: [8, 8], norm: (k + 1) * (i + 1) * 0.1 })),
  };
}

/** The inner markup of every `<g class="legend">` group (nested groups included). */
function legendGroups(svg: string): string[] {
  const groups: string[] = [];
  for (let at = svg.indexOf('<g class="legend">'); at >= 0; at = svg.indexOf('<g class="legend">', at + 1)) {
    const tags = /<g[ >]|<\/g>/g;
    tags.lastIndex = at;
    let depth = 0;
    for (let m = tags.exec(svg); m !== null; m = tags.exec(svg)) {
      depth += m[0] === "</g>" ? -1 : 1;
      if (depth === 0) {
        groups.push(svg.slice(at, m.index));
        break;
      }
    }
  }
  return groups;
}

/** The legends' labels: text and estimated left and right edges (6.8 px a character). */
function legendLabels(svg: string): Array<{ label: string; left: number; right: number }> {
  const out: Array<{ label: string; left: number; right: number }> = [];
  for (const g of legendGroups(svg)) {
    for (const t of g.matchAll(/<text x="([\d.]+)" y="[\d.]+"[^>]*>([^<]*)<\/text>/g)) {
      const left = Number(t[1]);
      out.push({ label: t[2] ?? "", left, right: left + (t[2] ?? "").length * 6.8 });
    }
  }
  return out;
}

describe("viz.gradflow legends", () => {
  it("shows every one of 5 long model names whole, inside the figure, in both legends", () => {
    const svg = viz.gradflow(MODELS.map(flowOf)).toSVG();
    const width = Number(/<svg[^>]* width="(\d+)"/.exec(svg)?.[1]);
    const labels = legendLabels(svg);
    for (const model of MODELS) expect(labels.filter((l) => l.label === model)).toHaveLength(2);
    expect(labels.some((l) => l.label.includes("\u2026"))).toBe(false);
    for (const l of labels) expect(l.right, l.label).toBeLessThanOrEqual(width);
  });

  it("names each model once and each measure once in the chart legend, not every pair", () => {
    const svg = viz.gradflow(MODELS.slice(0, 2).map(flowOf)).toSVG();
    const names = legendLabels(svg).map((l) => l.label);
    expect(names.filter((n) => n.includes("dL/dh_t"))).toHaveLength(1);
    expect(names.filter((n) => n.includes("dh_T/dh_t"))).toHaveLength(1);
  });
});

describe("viz.gradflow parameter panel", () => {
  it("is laid out by the payload: a row per name, every other one shaded, a marker legend for two models or more", () => {
    const two = viz.gradflow(MODELS.slice(0, 2).map(flowOf));
    const panel = two.payload.parameterPanel;
    expect(panel.rows).toEqual(["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"]);
    expect(panel.shaded).toEqual([0, 2]);
    expect(panel.legend).toEqual(MODELS.slice(0, 2));
    const svg = two.toSVG();
    expect(svg.match(/class="row-shade"/g)).toHaveLength(2);
    expect(svg).toContain(`fill="${panel.shade}"`);
    expect(legendGroups(svg)).toHaveLength(2);
    const one = viz.gradflow(flowOf(MODELS[0] ?? "", 0));
    expect(one.payload.parameterPanel.legend).toEqual([]);
    expect(legendGroups(one.toSVG())).toHaveLength(1);
  });
});

describe("legend", () => {
  it("wraps entries to rows that fit the width", () => {
    const entries = MODELS.map((name) => ({ name, color: "#000000" }));
    expect(legendHeight(entries, 300)).toBe(5 * 16 + 4);
    expect(legendHeight(entries, 2000)).toBe(16 + 4);
  });

  it("cuts only a name wider than a whole row, and keeps it whole as a tooltip", () => {
    const long = "x".repeat(80);
    const svg = legend([{ name: long, color: "#000000" }, { name: "short", color: "#000000" }], 0, 0, 300).join("");
    expect(svg).toContain(`<title>${long}</title>`);
    expect(svg).toContain(">short</text>");
    expect(svg).not.toContain(`>${long}</text>`);
  });
});

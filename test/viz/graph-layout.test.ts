import { describe, expect, it } from "vitest";
import { manualSeed, nn, randn, tensor, viz } from "../../src";
import type { GraphPayload, Point } from "../../src/viz/payloads";

type Box = { x: number; y: number; width: number; height: number };

function rnnGraph(steps: number): GraphPayload {
  manualSeed(0);
  const rnn = new nn.RNN({ inputSize: 3, hiddenSize: 4 });
  const { output } = rnn.forward(randn([steps, 2, 3]));
  const loss = output.pow(2).mean();
  loss.backward();
  return viz.graph(loss).payload;
}

/** Whether the axis-parallel segment a-b passes through the inside of `box` (its border excluded). */
function crosses(a: Point, b: Point, box: Box): boolean {
  const [x0, x1] = [Math.min(a.x, b.x), Math.max(a.x, b.x)];
  const [y0, y1] = [Math.min(a.y, b.y), Math.max(a.y, b.y)];
  return x1 > box.x + 0.5 && x0 < box.x + box.width - 0.5 && y1 > box.y + 0.5 && y0 < box.y + box.height - 0.5;
}

function checkDrawing(p: GraphPayload): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  for (const e of p.edges) {
    for (let k = 1; k < e.points.length; k++) {
      const a = e.points[k - 1] as Point;
      const b = e.points[k] as Point;
      expect(Math.abs(a.x - b.x) < 1e-6 || Math.abs(a.y - b.y) < 1e-6, `edge ${e.id} segment ${k} is not horizontal or vertical`).toBe(true);
      for (const n of p.nodes) expect(crosses(a, b, n), `edge ${e.id} (${byId.get(e.source)?.label} -> ${byId.get(e.target)?.label}) passes behind ${n.label}`).toBe(false);
    }
    for (const q of e.points) expect(q.x >= 0 && q.x <= p.width && q.y >= 0 && q.y <= p.height).toBe(true);
  }
  for (const [i, a] of p.nodes.entries()) {
    expect(a.x >= 0 && a.y >= 0 && a.x + a.width <= p.width && a.y + a.height <= p.height).toBe(true);
    for (const b of p.nodes.slice(i + 1)) expect(crosses({ x: a.x, y: a.y }, { x: a.x + a.width, y: a.y + a.height }, b), `${a.label} overlaps ${b.label}`).toBe(false);
  }
}

describe("viz.graph layout", () => {
  it("draws the steps of a 5-step RNN as columns in time order, left to right, on one row", () => {
    const p = rnnGraph(5);
    const cells = p.nodes.filter((n) => n.scope?.step !== undefined).sort((a, b) => (a.scope?.step ?? 0) - (b.scope?.step ?? 0));
    expect(cells.map((n) => n.scope?.step)).toEqual([0, 1, 2, 3, 4]);
    for (let k = 1; k < cells.length; k++) expect((cells[k] as Box).x).toBeGreaterThan((cells[k - 1] as Box).x + (cells[k - 1] as Box).width);
    expect(new Set(cells.map((n) => n.y)).size).toBe(1);
    checkDrawing(p);
  });

  it("routes every edge around the nodes, never behind one, in the RNN, LSTM and TreeRNN graphs", () => {
    manualSeed(1);
    const lstm = new nn.LSTM({ inputSize: 3, hiddenSize: 4, fused: false });
    checkDrawing(viz.graph(lstm.forward(randn([3, 2, 3])).output.sum()).payload);
    const vocab = ["the", "movie", "good"];
    const tree = new nn.TreeRNN({ vocabSize: 4, hiddenSize: 4, numClasses: 2 });
    const logits = tree.forward([nn.parseTree("((the movie) good)", (w) => vocab.indexOf(w))]).logits;
    if (logits === undefined || logits === null) throw new Error("TreeRNN gave no logits");
    checkDrawing(viz.graph(logits, { values: false }).payload);
    checkDrawing(viz.graph(randn([2, 2], { requiresGrad: true }).matmul(randn([2, 2])).sum(), { direction: "LR" }).payload);
  });

  it("prints every label at 11 px or more and fits the 5-step RNN in a landscape page at full size", () => {
    const p = rnnGraph(5);
    const sizes = p.nodes.flatMap((n) => n.lines.map((l) => l.size));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
    // 1031 px is the width of an A4 landscape page less its margins: printed at 1:1, 11 px is 8.25 pt
    expect(p.width).toBeLessThanOrEqual(1031);
  });

  it("grows taller with a longer graph instead of shrinking its text", () => {
    const chain = (n: number): GraphPayload => {
      let x = tensor([1, 2], { requiresGrad: true });
      for (let i = 0; i < n; i++) x = x.tanh();
      return viz.graph(x.sum()).payload;
    };
    const short = chain(4);
    const long = chain(40);
    expect(long.height).toBeGreaterThan(5 * short.height);
    expect(long.width).toBeLessThan(short.width + 50);
    expect(long.nodes.flatMap((n) => n.lines.map((l) => l.size))).toEqual(expect.arrayContaining([12, 11]));
  });

  it("gives every node hover text with its op, shape, time step and gradient norm, as an SVG title too", () => {
    const fig = viz.graph((() => {
      manualSeed(0);
      const rnn = new nn.RNN({ inputSize: 3, hiddenSize: 4 });
      const loss = rnn.forward(randn([2, 1, 3])).output.sum();
      loss.backward();
      return loss;
    })());
    const weight = fig.payload.nodes.find((n) => n.label === "weight_hh_l0");
    expect(weight?.tooltip).toEqual(expect.arrayContaining(["parameter  [4, 4]  float32", expect.stringMatching(/^grad: ‖·‖ \d/)]));
    const cell = fig.payload.nodes.find((n) => n.scope?.step === 1);
    expect(cell?.tooltip.join("\n")).toContain("time step 1");
    const svg = fig.toSVG();
    expect(svg).toContain(`<title>${(weight?.tooltip ?? []).join("\n").replace(/&/g, "&amp;")}</title>`);
  });
});

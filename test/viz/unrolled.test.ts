import { describe, expect, it } from "vitest";
import "../../src/backend";
import { manualSeed, randn } from "../../src/tensor";
import { GRU, LSTM, RNN } from "../../src/nn";
import * as viz from "../../src/viz";
import { MIME_TYPES, decodeNumber, validatePayload } from "../../src/viz/payloads";

function lossOf(layer: RNN | LSTM | GRU, T: number): ReturnType<typeof randn> {
  const x = randn([T, 2, 3]);
  return layer.forward(x).output.sum();
}

describe("viz.unrolled", () => {
  for (const fused of [false, true]) {
    it(`reads a column per step and a row per layer from a 2-layer RNN (${fused ? "fused" : "composed"} path)`, () => {
      manualSeed(1);
      const rnn = new RNN({ inputSize: 3, hiddenSize: 4, numLayers: 2, fused });
      const fig = viz.unrolled(lossOf(rnn, 5));
      const p = fig.payload;
      expect(validatePayload(MIME_TYPES.unrolled, JSON.parse(JSON.stringify(p))).ok).toBe(true);
      expect(p.steps).toEqual([0, 1, 2, 3, 4]);
      expect(p.rows.map((r) => r.role)).toEqual(["h", "h", "x"]);
      expect(p.cells).toHaveLength(15);
      const recurrent = p.edges.filter((e) => e.kind === "recurrent");
      expect(recurrent).toHaveLength(8);
      for (const e of recurrent) expect(e.parameters.some((n) => /weight_hh_l[01]$/.test(n))).toBe(true);
      expect(p.edges.filter((e) => e.kind === "input")).toHaveLength(5);
      expect(p.edges.filter((e) => e.kind === "layer")).toHaveLength(5);
      const svg = fig.toSVG();
      expect(svg.match(/class="cell /g)).toHaveLength(15);
    });
  }

  for (const fused of [false, true]) {
    it(`marks only W_hh on h_{t-1} -> h_t and only W_ih on x_t -> h_t of LSTM and GRU layers (${fused ? "fused" : "composed"} path)`, () => {
      manualSeed(4);
      for (const layer of [new LSTM({ inputSize: 3, hiddenSize: 4, fused }), new GRU({ inputSize: 3, hiddenSize: 4, fused })]) {
        const p = viz.unrolled(lossOf(layer, 3)).payload;
        const recurrent = p.edges.filter((e) => e.kind === "recurrent");
        expect(recurrent).toHaveLength(2);
        for (const e of recurrent) expect(e.parameters.filter((n) => /weight/.test(n))).toEqual(["weight_hh_l0"]);
        const input = p.edges.filter((e) => e.kind === "input");
        expect(input).toHaveLength(3);
        for (const e of input) expect(e.parameters.filter((n) => /weight/.test(n))).toEqual(["weight_ih_l0"]);
      }
    });
  }

  it("expands LSTM cells of the composed path into their gates", () => {
    manualSeed(2);
    const lstm = new LSTM({ inputSize: 3, hiddenSize: 4, fused: false });
    const p = viz.unrolled(lossOf(lstm, 3), { expanded: true }).payload;
    const hidden = p.cells.filter((c) => c.row.startsWith("h:"));
    expect(hidden.map((c) => c.gates.map((g) => g.label).join(""))).toEqual(["ifgoc", "ifgoc", "ifgoc"]);
  });

  for (const fused of [false, true]) {
    it(`overlays ||dL/dh_t|| after a backward pass with retained hidden gradients (${fused ? "fused" : "composed"} path)`, () => {
      manualSeed(3);
      const rnn = new RNN({ inputSize: 3, hiddenSize: 4, fused });
      const loss = lossOf(rnn, 4);
      const hs = viz.retainHiddenGrads(loss);
      loss.backward();
      const p = viz.unrolled(loss).payload;
      expect(p.hasGradNorms).toBe(true);
      const first = hs[0]?.states[0]?.grad;
      const cell = p.cells.find((c) => c.row.startsWith("h:") && c.step === 0);
      let norm = 0;
      for (const v of first?.data ?? []) norm += v * v;
      expect(cell?.gradNorm).toBeCloseTo(Math.sqrt(norm), 4);
    });
  }

  it("shows the same ||dL/dh_t|| overlay on the fused and the composed path (5 significant digits)", () => {
    const norms = (fused: boolean): number[] => {
      manualSeed(6);
      const lstm = new LSTM({ inputSize: 3, hiddenSize: 4, fused, dtype: "float64" });
      const x = randn([5, 2, 3], { dtype: "float64" });
      const loss = lstm.forward(x).output.mul(x.narrow(2, 0, 1)).sum();
      viz.retainHiddenGrads(loss);
      loss.backward();
      const cells = viz.unrolled(loss).payload.cells.filter((c) => c.row.startsWith("h:"));
      return cells.sort((a, b) => a.step - b.step).map((c) => (c.gradNorm === null ? NaN : decodeNumber(c.gradNorm)));
    };
    const fused = norms(true);
    const composed = norms(false);
    expect(fused).toHaveLength(5);
    // the payload keeps 5 significant digits
    fused.forEach((v, t) => expect(Math.abs(v - (composed[t] ?? NaN))).toBeLessThanOrEqual(2e-5 * Math.abs(v)));
  });

  it("decides every colour and text: norms on a whole-decade log colour bar, edge colours from the legend, each weight labelled once per row", () => {
    manualSeed(5);
    const rnn = new RNN({ inputSize: 3, hiddenSize: 4 });
    const loss = lossOf(rnn, 4);
    viz.retainHiddenGrads(loss);
    loss.backward();
    const fig = viz.unrolled(loss);
    const p = fig.payload;
    expect(p.title).toBe("Unrolled computation graph");
    expect(p.subtitle).toBe("4 steps  \u00b7  2 rows  \u00b7  4 parameters shared across time");
    const bar = p.colorBar;
    expect(bar).not.toBeNull();
    // ticks are powers of ten (and 2 and 5 times them over two decades or less), printed as norms
    for (const t of bar?.ticks ?? []) expect(t.label.text).toMatch(/^(\d+(\.\d+)?|\de-?\d+)$/);
    const hidden = p.cells.filter((c) => c.row.startsWith("h:"));
    for (const c of hidden) {
      expect(c.fill).toMatch(/^#[0-9a-f]{6}$/);
      expect(c.lines.map((l) => l.text)).toEqual([c.label, expect.stringMatching(/^\d/)]);
      expect(c.tooltip[0]).toContain(c.label);
    }
    for (const c of p.cells.filter((c) => c.row === "x")) expect(c.fill).toBe("#d4e6f7");
    const colorOf = new Map(p.legend.map((q) => [q.name, q.color]));
    for (const e of p.edges) {
      expect(e.color).toBe(colorOf.get(e.parameters.filter((n) => n.startsWith("weight"))[0] ?? ""));
      expect(e.head).toHaveLength(3);
    }
    expect(p.edges.filter((e) => e.label !== null).map((e) => `${e.kind} ${e.label?.text}`)).toEqual(["input W_ih", "recurrent W_hh"]);
    // the static drawing prints exactly these: every fill, a hover title per cell and edge
    const svg = fig.toSVG();
    for (const c of p.cells) expect(svg).toContain(`fill="${c.fill}"`);
    expect(svg.match(/<title>/g)).toHaveLength(p.cells.length + p.edges.length);
  });

  it("says what it needs when the graph has no step tags", () => {
    const a = randn([2], { requiresGrad: true });
    expect(() => viz.unrolled(a.mul(2).sum())).toThrow(/viz\.unrolled: the graph has no nodes tagged with a time step/);
  });
});

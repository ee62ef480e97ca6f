import { describe, expect, it } from "vitest";
import "../../src/backend";
import { withScope } from "../../src/autograd";
import { cat } from "../../src/ops/cat";
import { manualSeed, randn, tensor } from "../../src/tensor";
import { GRU, LSTM, LSTMCell, RNN } from "../../src/nn";
import * as viz from "../../src/viz";
import { MIME_TYPES, decodeNumber, validatePayload } from "../../src/viz/payloads";
import type { GatesPayload } from "../../src/viz/payloads";

describe("viz.gates", () => {
  it("reads the input, forget and output gates of a composed LSTM over time x units", () => {
    manualSeed(4);
    const lstm = new LSTM({ inputSize: 3, hiddenSize: 5, fused: false });
    const tokens = ["a", "b", "c", "d"];
    const fig = viz.gates(lstm.forward(randn([4, 2, 3])).output, { tokens, batch: 1 });
    const p = fig.payload;
    expect(validatePayload(MIME_TYPES.gates, JSON.parse(JSON.stringify(p))).ok).toBe(true);
    expect(p.cell).toBe("lstm");
    expect(p.gates.map((g) => g.role)).toEqual(["gate_i", "gate_f", "gate_o"]);
    expect(p.tokens).toEqual(tokens);
    for (const g of p.gates) {
      expect(g.matrix.z).toHaveLength(5);
      for (const row of g.matrix.z) {
        expect(row).toHaveLength(4);
        for (const v of row) expect(decodeNumber(v)).toBeGreaterThan(0);
        for (const v of row) expect(decodeNumber(v)).toBeLessThan(1);
      }
    }
    expect(fig.toSVG().match(/class="cell"/g)).toHaveLength(3 * 5 * 4);
  });

  it("reads the reset and update gates of a composed GRU", () => {
    manualSeed(5);
    const gru = new GRU({ inputSize: 3, hiddenSize: 4, fused: false });
    const p = viz.gates(gru.forward(randn([3, 1, 3])).output).payload;
    expect(p.cell).toBe("gru");
    expect(p.gates.map((g) => g.label)).toEqual(["reset gate r_t", "update gate z_t"]);
    expect(p.tokens).toEqual(["0", "1", "2"]);
  });

  it("takes activations given as [T, H] tensors", () => {
    const p = viz.gates({ gate_i: tensor([[0.1, 0.9], [0.5, 0.5], [1, 0]]) }).payload;
    expect(p.gates[0]?.matrix.z).toEqual([[0.1, 0.5, 1], [0.9, 0.5, 0]]);
  });

  for (const kind of ["LSTM", "GRU"] as const) {
    it(`reads the same ${kind} gates from the fused path (the default) as from the composed path`, () => {
      manualSeed(6);
      const layer = kind === "LSTM" ? new LSTM({ inputSize: 3, hiddenSize: 4, numLayers: 2, dtype: "float64" }) : new GRU({ inputSize: 3, hiddenSize: 4, numLayers: 2, dtype: "float64" });
      const x = randn([5, 3, 3], { dtype: "float64" });
      const read = (fused: boolean, module: string): GatesPayload => {
        layer.fused = fused;
        return viz.gates(layer.forward(x).output.sum(), { batch: 2, module }).payload;
      };
      for (const module of [`${kind.toLowerCase()}.l0`, `${kind.toLowerCase()}.l1`]) {
        const fused = read(true, module);
        const composed = read(false, module);
        expect(fused.gates.map((g) => g.role)).toEqual(kind === "LSTM" ? ["gate_i", "gate_f", "gate_o"] : ["gate_r", "gate_z"]);
        expect(fused.gates.map((g) => g.role)).toEqual(composed.gates.map((g) => g.role));
        fused.gates.forEach((g, k) => {
          const z = g.matrix.z.flat().map(decodeNumber);
          const c = (composed.gates[k]?.matrix.z ?? []).flat().map(decodeNumber);
          expect(z).toHaveLength(4 * 5);
          z.forEach((v, i) => expect(Math.abs(v - (c[i] ?? NaN))).toBeLessThanOrEqual(1e-6));
        });
      }
    });
  }

  it("reads the gates of a fused single cell tagged with the caller's step", () => {
    manualSeed(7);
    const cell = new LSTMCell({ inputSize: 3, hiddenSize: 4 });
    const x = randn([2, 3], { requiresGrad: true });
    let h = cell.forward(x);
    const outs = [];
    for (let t = 0; t < 3; t++) {
      h = withScope({ module: "decoder", step: t }, () => cell.forward(x, { h: h.h, c: h.c }));
      outs.push(h.h);
    }
    const p = viz.gates(cat(outs, 0)).payload;
    expect(p.tokens).toEqual(["0", "1", "2"]);
    expect(p.gates.map((g) => g.role)).toEqual(["gate_i", "gate_f", "gate_o"]);
  });

  it("explains that an Elman RNN has no gates", () => {
    const rnn = new RNN({ inputSize: 3, hiddenSize: 4 });
    expect(() => viz.gates(rnn.forward(randn([2, 1, 3], { requiresGrad: true })).output)).toThrow(
      "viz.gates: the graph has no gate activations; expected the output of an LSTM or GRU computed with gradients recorded, got a graph without gates",
    );
  });
});

describe("viz.attention", () => {
  it("shares one colour scale across heads and checks the token counts", () => {
    const w = [
      [[1, 0], [0.5, 0.5], [0, 1]],
      [[0.2, 0.8], [0.4, 0.6], [0.9, 0.1]],
    ];
    const fig = viz.attention(w, { source: ["s0", "s1"], target: ["t0", "t1", "t2"] });
    expect(fig.payload.panels.map((q) => q.title)).toEqual(["head 0", "head 1"]);
    expect(fig.payload.colorScale).toMatchObject({ scheme: "blues", min: 0, max: 1 });
    expect(() => viz.attention(w, { source: ["s0"], target: ["t0", "t1", "t2"] })).toThrow(
      "viz.attention: weights must be [..., T, S] with T target and S source tokens; expected [..., 3, 1], got [2, 3, 2]",
    );
  });
});

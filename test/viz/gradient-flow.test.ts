import { describe, expect, it } from "vitest";
import "../../src/backend";
import { withScope } from "../../src/autograd";
import { manualSeed, randn, tensor } from "../../src/tensor";
import type { Tensor } from "../../src/tensor";
import { GRU, LSTM, RNN } from "../../src/nn";
import * as viz from "../../src/viz";
import type { GradientFlow } from "../../src/viz/gradient-flow";
import { MIME_TYPES, validatePayload } from "../../src/viz/payloads";

/** The lecture's 1-D linear RNN h_t = w h_{t-1} + x_t, L = h_T, with step tags. */
function linearRnn(w: number, T: number): Tensor {
  const W = tensor([[w]], { requiresGrad: true, dtype: "float64" });
  W.name = "rnn.weight_hh_l0";
  let h = tensor([[1]], { dtype: "float64" });
  for (let t = 0; t < T; t++) {
    const x = tensor([[0.5]], { dtype: "float64" });
    h = withScope({ module: "rnn.l0", step: t, role: "h" }, () => h.matmul(W).add(x));
  }
  return h.sum();
}

describe("measureGradientFlow", () => {
  for (const w of [10, 0.1]) {
    it(`gives ||dL/dh_t|| = ||dh_T/dh_t|| = |w|^(T-t) for a 1-D linear RNN with w = ${w}`, () => {
      const T = 6;
      const flow = viz.measureGradientFlow(linearRnn(w, T), { model: `w=${w}` });
      expect(flow.steps).toEqual([1, 2, 3, 4, 5, 6]);
      flow.steps.forEach((t, i) => {
        const expected = Math.pow(Math.abs(w), T - t);
        expect(flow.loss[i]).toBeCloseTo(expected, 6 - Math.max(0, Math.log10(expected)));
        expect(flow.jacobian?.[i]).toBeCloseTo(expected, 6 - Math.max(0, Math.log10(expected)));
      });
    });
  }

  it("leaves parameter gradients as one plain backward would", () => {
    const loss = linearRnn(2, 4);
    const flow = viz.measureGradientFlow(loss);
    // dL/dw = sum_t h_{t-1} w^(T-t) for L = h_T
    let h = 1;
    let expected = 0;
    const hs: number[] = [];
    for (let t = 0; t < 4; t++) {
      hs.push(h);
      h = 2 * h + 0.5;
    }
    hs.forEach((prev, t) => (expected += prev * Math.pow(2, 4 - 1 - t)));
    expect(flow.parameters).toEqual([{ name: "rnn.weight_hh_l0", shape: [1, 1], norm: expect.closeTo(expected, 9) }]);
  });

  it("draws models side by side on a log axis with a polyline per series", () => {
    const fig = viz.gradflow([viz.measureGradientFlow(linearRnn(10, 5), { model: "exploding" }), viz.measureGradientFlow(linearRnn(0.1, 5), { model: "vanishing" })]);
    expect(validatePayload(MIME_TYPES.gradflow, JSON.parse(JSON.stringify(fig.payload))).ok).toBe(true);
    const svg = fig.toSVG();
    const lines = [...svg.matchAll(/<polyline points="([^"]*)"[^>]*class="series"/g)];
    expect(lines).toHaveLength(4);
    for (const m of lines) expect((m[1] ?? "").split(" ")).toHaveLength(5);
    expect(svg).toContain("1e-4");
  });
});

describe("measureGradientFlow on the fused and composed paths", () => {
  const f64 = "float64" as const;
  for (const kind of ["LSTM", "GRU", "RNN"] as const) {
    it(`gives the same ||dL/dh_t|| and ||dh_T/dh_t|| per step for a 2-layer bidirectional ${kind} (float64, within 1e-10)`, () => {
      manualSeed(40);
      const opts = { inputSize: 3, hiddenSize: 4, numLayers: 2, bidirectional: true, dtype: f64 };
      const layer = kind === "LSTM" ? new LSTM(opts) : kind === "GRU" ? new GRU(opts) : new RNN(opts);
      const x = randn([6, 2, 3], { dtype: f64 });
      const w = randn([6, 2, 8], { dtype: f64 });
      const flows = (fused: boolean): GradientFlow[] => {
        layer.fused = fused;
        layer.zeroGrad();
        const modules = ["l0", "l0_reverse", "l1", "l1_reverse"].map((l) => `${kind.toLowerCase()}.${l}`);
        return modules.map((module) => {
          const r = layer.forward(x);
          // the output is weighted per step and the final state is used too, so dL/dh_t has both parts
          const loss = r.output.mul(w).sum().add(r.h.mul(r.h).sum());
          return viz.measureGradientFlow(loss, { module });
        });
      };
      const fused = flows(true);
      const composed = flows(false);
      fused.forEach((f, i) => {
        const c = composed[i];
        expect(f.module).toBe(c?.module);
        expect(f.steps).toEqual([1, 2, 3, 4, 5, 6]);
        expect(f.loss.every((v) => v > 0)).toBe(true);
        f.loss.forEach((v, t) => expect(Math.abs(v - (c?.loss[t] ?? NaN))).toBeLessThanOrEqual(1e-10));
        f.jacobian?.forEach((v, t) => expect(Math.abs(v - (c?.jacobian?.[t] ?? NaN))).toBeLessThanOrEqual(1e-10));
      });
    });
  }

  it("retains on each fused step h_t the same dL/dh_t vector as the composed path, with lengths", () => {
    manualSeed(41);
    const lstm = new LSTM({ inputSize: 2, hiddenSize: 3, dtype: f64 });
    const x = randn([4, 2, 2], { dtype: f64 });
    const w = randn([4, 2, 3], { dtype: f64 });
    const grads = (fused: boolean): number[][] => {
      lstm.fused = fused;
      const loss = lstm.forward(x, null, { lengths: [4, 2] }).output.mul(w).sum();
      const [states] = viz.retainHiddenGrads(loss);
      loss.backward();
      return (states?.states ?? []).map((h) => Array.from(h.grad?.data ?? []));
    };
    const fused = grads(true);
    const composed = grads(false);
    expect(fused).toHaveLength(4);
    // the last step has no successor: its gradient is dL/dy_3 = w_3, zero in the finished sequence
    expect(fused[3]).toEqual([...Array.from(w.data.subarray(18, 21)), 0, 0, 0]);
    fused.forEach((g, t) => g.forEach((v, j) => expect(Math.abs(v - (composed[t]?.[j] ?? NaN))).toBeLessThanOrEqual(1e-12)));
  });
});

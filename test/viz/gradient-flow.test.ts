import { describe, expect, it } from "vitest";
import "../../src/backend";
import { withScope } from "../../src/autograd";
import { tensor } from "../../src/tensor";
import type { Tensor } from "../../src/tensor";
import * as viz from "../../src/viz";
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

describe("gradientFlow", () => {
  for (const w of [10, 0.1]) {
    it(`gives ||dL/dh_t|| = ||dh_T/dh_t|| = |w|^(T-t) for a 1-D linear RNN with w = ${w}`, () => {
      const T = 6;
      const flow = viz.gradientFlow(linearRnn(w, T), { model: `w=${w}` });
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
    const flow = viz.gradientFlow(loss);
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
    const fig = viz.gradflow([viz.gradientFlow(linearRnn(10, 5), { model: "exploding" }), viz.gradientFlow(linearRnn(0.1, 5), { model: "vanishing" })]);
    expect(validatePayload(MIME_TYPES.gradflow, JSON.parse(JSON.stringify(fig.payload))).ok).toBe(true);
    const svg = fig.toSVG();
    const lines = [...svg.matchAll(/<polyline points="([^"]*)"[^>]*class="series"/g)];
    expect(lines).toHaveLength(4);
    for (const m of lines) expect((m[1] ?? "").split(" ")).toHaveLength(5);
    expect(svg).toContain("1e-4");
  });
});

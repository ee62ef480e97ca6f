import { describe, expect, it } from "vitest";
import { GradNode, Tensor, cat, gradcheck, manualSeed, nn, noGrad, randn } from "../../src";

const f64 = { dtype: "float64" as const, requiresGrad: true };

/** Every graph node reachable from `root`. */
function nodesOf(root: Tensor): GradNode[] {
  const seen = new Set<Tensor>();
  const out: GradNode[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const t = stack.pop();
    if (t === undefined || seen.has(t)) continue;
    seen.add(t);
    if (t.gradFn !== null) {
      out.push(t.gradFn);
      stack.push(...t.gradFn.inputs);
    }
  }
  return out;
}

describe("fused cells pass gradcheck", () => {
  it("LSTMCell: input, h, c and every parameter", () => {
    manualSeed(10);
    const cell = new nn.LSTMCell({ inputSize: 3, hiddenSize: 4, dtype: "float64" });
    const [x, h, c] = [randn([2, 3], f64), randn([2, 4], f64), randn([2, 4], f64)];
    const fn = (): Tensor => {
      const out = cell.forward(x, { h, c });
      return cat([out.h, out.c], 1);
    };
    expect(gradcheck(fn, [x, h, c, ...cell.parameters()]).ok).toBe(true);
  });

  it("GRUCell: input, h and every parameter", () => {
    manualSeed(11);
    const cell = new nn.GRUCell({ inputSize: 3, hiddenSize: 4, dtype: "float64" });
    const [x, h] = [randn([2, 3], f64), randn([2, 4], f64)];
    expect(gradcheck(() => cell.forward(x, h), [x, h, ...cell.parameters()]).ok).toBe(true);
  });

  for (const nonlinearity of ["tanh", "relu"] as const) {
    it(`RNNCell (${nonlinearity}): input, h and every parameter`, () => {
      manualSeed(12);
      const cell = new nn.RNNCell({ inputSize: 3, hiddenSize: 4, nonlinearity, dtype: "float64" });
      const [x, h] = [randn([2, 3], f64), randn([2, 4], f64)];
      expect(gradcheck(() => cell.forward(x, h), [x, h, ...cell.parameters()]).ok).toBe(true);
    });
  }

  for (const kind of ["LSTM", "GRU", "RNN"] as const) {
    it(`a bidirectional two-layer ${kind} with lengths: input, states and every parameter`, () => {
      manualSeed(13);
      const opts = { inputSize: 2, hiddenSize: 3, numLayers: 2, bidirectional: true, dtype: "float64" as const };
      const x = randn([4, 3, 2], f64);
      const h0 = randn([4, 3, 3], f64);
      const c0 = randn([4, 3, 3], f64);
      const lengths = [2, 4, 1];
      let fn: () => Tensor;
      let params: Tensor[];
      if (kind === "LSTM") {
        const m = new nn.LSTM(opts);
        params = m.parameters();
        fn = () => {
          const r = m.forward(x, { h: h0, c: c0 }, { lengths });
          return cat([r.output.reshape(-1), r.h.reshape(-1), r.c.reshape(-1)], 0);
        };
      } else {
        const m = kind === "GRU" ? new nn.GRU(opts) : new nn.RNN(opts);
        params = m.parameters();
        fn = () => {
          const r = m.forward(x, h0, { lengths });
          return cat([r.output.reshape(-1), r.h.reshape(-1)], 0);
        };
      }
      const inputs = kind === "LSTM" ? [x, h0, c0, ...params] : [x, h0, ...params];
      expect(gradcheck(fn, inputs).ok).toBe(true);
    });
  }
});

describe("the fused and composed paths", () => {
  for (const kind of ["LSTM", "GRU", "RNN"] as const) {
    it(`agree within 1e-10 for a ${kind} (float64, 2 layers, bidirectional, lengths)`, () => {
      manualSeed(20);
      const opts = { inputSize: 4, hiddenSize: 5, numLayers: 2, bidirectional: true, batchFirst: true, dtype: "float64" as const };
      const m = kind === "LSTM" ? new nn.LSTM(opts) : kind === "GRU" ? new nn.GRU(opts) : new nn.RNN({ ...opts, nonlinearity: "relu" });
      const x = randn([3, 6, 4], f64);
      const w = randn([3, 6, 10], { dtype: "float64" });
      const gradOfX = (): Tensor | null => x.grad;
      const run = (fused: boolean): number[] => {
        m.fused = fused;
        m.zeroGrad();
        x.zeroGrad();
        const r = m.forward(x, null, { lengths: [6, 2, 5] });
        r.output.mul(w).sum().add(r.h.sum()).backward();
        const values = [...r.output.data, ...r.h.data, ...(gradOfX()?.data ?? [])];
        for (const p of m.parameters()) values.push(...(p.grad?.data ?? []));
        return values;
      };
      const fused = run(true);
      const composed = run(false);
      expect(fused.length).toBe(composed.length);
      const worst = Math.max(...fused.map((v, i) => Math.abs(v - (composed[i] ?? NaN))));
      expect(worst).toBeLessThanOrEqual(1e-10);
    });
  }

  it("zero the outputs past each sequence's end and keep the state of its last step", () => {
    manualSeed(21);
    const lstm = new nn.LSTM({ inputSize: 2, hiddenSize: 3, dtype: "float64" });
    const x = randn([5, 2, 2], { dtype: "float64" });
    const full = lstm.forward(x.narrow(1, 1, 1).narrow(0, 0, 3));
    const r = lstm.forward(x, null, { lengths: [5, 3] });
    const out = r.output.toArray() as number[][][];
    expect(out[3]?.[1]).toEqual([0, 0, 0]);
    expect(out[4]?.[1]).toEqual([0, 0, 0]);
    expect(Array.from(r.h.narrow(1, 1, 1).data)).toEqual(Array.from(full.h.data));
    expect(Array.from(r.c.narrow(1, 1, 1).data)).toEqual(Array.from(full.c.data));
  });
});

describe("dropout between layers", () => {
  it("applies in training only, and never after the last layer", () => {
    manualSeed(22);
    const opts = { inputSize: 2, hiddenSize: 3, numLayers: 2, dtype: "float64" as const };
    const plain = new nn.GRU(opts);
    const dropped = new nn.GRU({ ...opts, dropout: 1 });
    dropped.loadStateDict(plain.stateDict());
    const x = randn([4, 2, 2], { dtype: "float64" });
    const expected = Array.from(plain.forward(x).output.data);
    expect(Array.from(dropped.eval().forward(x).output.data)).toEqual(expected);
    // with p = 1 the second layer reads zeros: its output is the zero-input response
    const zeroInput = new nn.GRU({ inputSize: 3, hiddenSize: 3, dtype: "float64" });
    zeroInput.loadStateDict({
      weight_ih_l0: plain.stateDict()["weight_ih_l1"] ?? x,
      weight_hh_l0: plain.stateDict()["weight_hh_l1"] ?? x,
      bias_ih_l0: plain.stateDict()["bias_ih_l1"] ?? x,
      bias_hh_l0: plain.stateDict()["bias_hh_l1"] ?? x,
    });
    const trained = Array.from(dropped.train().forward(x).output.data);
    expect(trained).toEqual(Array.from(zeroInput.forward(randn([4, 2, 3], { dtype: "float64" }).mul(0)).output.data));
    expect(trained).not.toEqual(expected);
  });
});

describe("recurrent graphs", () => {
  it("tag every composed gate with its module, step and role", () => {
    manualSeed(30);
    const lstm = new nn.LSTM({ inputSize: 2, hiddenSize: 3, bidirectional: true, fused: false });
    const { output } = lstm.forward(randn([3, 1, 2], { requiresGrad: true }));
    const tagged = nodesOf(output).filter((n) => n.tags?.step !== undefined);
    for (const module of ["lstm.l0", "lstm.l0_reverse"]) {
      for (let t = 0; t < 3; t++) {
        const roles = new Set(tagged.filter((n) => n.tags?.module === module && n.tags.step === t).map((n) => n.tags?.role));
        for (const role of ["gate_i", "gate_f", "gate_g", "gate_o", "c", "h"]) expect(roles.has(role), `${module} t=${t} ${role}`).toBe(true);
      }
    }
    const gru = new nn.GRU({ inputSize: 2, hiddenSize: 3, fused: false });
    const roles = new Set(nodesOf(gru.forward(randn([2, 1, 2], { requiresGrad: true })).output).map((n) => n.tags?.role));
    for (const role of ["gate_r", "gate_z", "gate_n", "h"]) expect(roles.has(role)).toBe(true);
  });

  it("record one fused node per step, tagged with scope, step and role h", () => {
    manualSeed(31);
    const lstm = new nn.LSTM({ inputSize: 2, hiddenSize: 3, numLayers: 2 });
    const { output } = lstm.forward(randn([4, 2, 2]));
    const cells = nodesOf(output).filter((n) => n.op === "lstm_cell");
    expect(cells.length).toBe(8);
    const l1 = cells.filter((n) => n.tags?.module === "lstm.l1").map((n) => n.tags?.step).sort();
    expect(l1).toEqual([0, 1, 2, 3]);
    expect(cells.every((n) => n.tags?.role === "h" && n.outputShape.join() === "2,3")).toBe(true);
  });

  it("walk a fused graph twice with retainGraph and accumulate twice the gradient", () => {
    manualSeed(32);
    const gru = new nn.GRU({ inputSize: 2, hiddenSize: 3, dtype: "float64" });
    const x = randn([3, 2, 2], f64);
    const loss = gru.forward(x).output.sum();
    loss.backward(undefined, { retainGraph: true });
    const once = Array.from(gru.parameters()[1]?.grad?.data ?? []);
    loss.backward();
    const twice = Array.from(gru.parameters()[1]?.grad?.data ?? []);
    twice.forEach((v, i) => expect(v).toBeCloseTo(2 * (once[i] ?? NaN), 12));
  });

  it("record nothing under noGrad", () => {
    const lstm = new nn.LSTM({ inputSize: 2, hiddenSize: 3 });
    const r = noGrad(() => lstm.forward(randn([3, 2, 2])));
    expect(r.output.gradFn).toBeNull();
    expect(r.h.requiresGrad).toBe(false);
  });

  it("send gradients only through c when the loss uses only the cell state", () => {
    manualSeed(33);
    const lstm = new nn.LSTM({ inputSize: 2, hiddenSize: 3, dtype: "float64" });
    const x = randn([3, 1, 2], f64);
    expect(gradcheck(() => lstm.forward(x).c, [x, ...lstm.parameters()]).ok).toBe(true);
  });
});

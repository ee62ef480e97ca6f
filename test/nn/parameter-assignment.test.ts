import { describe, expect, it } from "vitest";
import { DTypeError, Tensor, manualSeed, nn, randn, tensor } from "../../src";

const f64 = { dtype: "float64" } as const;

/** A fresh Parameter with p's shape and dtype and other values. */
const like = (p: nn.Parameter): nn.Parameter => nn.Parameter.from(randn(p.shape, { dtype: p.dtype }), p.dtype);

/** Every layer with parameters, a forward that reads them, and one parameter name to assign. */
const LAYERS: Array<[string, () => nn.Module, string, (m: nn.Module) => Tensor]> = [
  ["Linear", () => new nn.Linear(3, 2, f64), "weight", (m) => (m as nn.Linear).forward(randn([2, 3], f64))],
  ["Embedding", () => new nn.Embedding(5, 3, f64), "weight", (m) => (m as nn.Embedding).forward(tensor([1, 4], { dtype: "int32" }))],
  ["Conv2d", () => new nn.Conv2d(1, 2, 3, f64), "weight", (m) => (m as nn.Conv2d).forward(randn([1, 1, 4, 4], f64))],
  ["LayerNorm", () => new nn.LayerNorm([3], f64), "weight", (m) => (m as nn.LayerNorm).forward(randn([2, 3], f64))],
  ["BatchNorm1d", () => new nn.BatchNorm1d(3, f64), "bias", (m) => (m as nn.BatchNorm1d).forward(randn([4, 3], f64))],
  ["RNNCell", () => new nn.RNNCell({ inputSize: 2, hiddenSize: 3, ...f64 }), "weight_hh", (m) => (m as nn.RNNCell).forward(randn([1, 2], f64), randn([1, 3], f64))],
  ["LSTMCell", () => new nn.LSTMCell({ inputSize: 2, hiddenSize: 3, ...f64 }), "bias_ih", (m) => (m as nn.LSTMCell).forward(randn([1, 2], f64)).h],
  ["GRUCell", () => new nn.GRUCell({ inputSize: 2, hiddenSize: 3, ...f64 }), "weight_ih", (m) => (m as nn.GRUCell).forward(randn([1, 2], f64))],
  ["LayerNormLSTMCell", () => new nn.LayerNormLSTMCell({ inputSize: 2, hiddenSize: 3, ...f64 }), "weight_hh", (m) => (m as nn.LayerNormLSTMCell).forward(randn([1, 2], f64), { h: randn([1, 3], f64), c: randn([1, 3], f64) }).h],
  ["LSTM", () => new nn.LSTM({ inputSize: 2, hiddenSize: 3, numLayers: 2, ...f64 }), "weight_hh_l1", (m) => (m as nn.LSTM).forward(randn([4, 1, 2], f64)).output],
  ["GRU (composed)", () => new nn.GRU({ inputSize: 2, hiddenSize: 3, fused: false, ...f64 }), "bias_hh_l0", (m) => (m as nn.GRU).forward(randn([4, 1, 2], f64)).output],
  ["MultiheadAttention", () => new nn.MultiheadAttention({ embedDim: 4, numHeads: 2, ...f64 }), "in_proj_weight", (m) => {
    const x = randn([3, 1, 4], f64);
    return (m as nn.MultiheadAttention).forward(x, x, x).output;
  }],
];

describe("assigning a Parameter to a layer's attribute registers it, as in PyTorch", () => {
  for (const [label, make, name, run] of LAYERS) {
    it(`${label}.${name}: the layer computes with the assigned tensor, yields it once and trains it`, () => {
      const a = make();
      const b = make();
      const shared = Reflect.get(a, name) as nn.Parameter;
      Reflect.set(b, name, shared);
      expect(Reflect.get(b, name)).toBe(shared);
      expect(b.stateDict()[name]?.data).toEqual(shared.data);
      // b computes with the shared tensor: changing its values in place changes b's output
      b.eval();
      const out = (): number[] => {
        manualSeed(7);
        return Array.from(run(b).data);
      };
      const before = out();
      shared.data.forEach((v, i) => { shared.data[i] = v + 0.5; });
      expect(out()).not.toEqual(before);
      // a model holding both layers yields the shared tensor once; a backward through both adds both uses
      const both = new nn.ModuleList([a, b]);
      expect(both.parameters().filter((p) => p === shared)).toHaveLength(1);
      expect(Object.keys(both.stateDict())).toContain(`1.${name}`);
      a.eval();
      run(a).sum().add(run(b).sum()).backward();
      expect(shared.grad?.shape).toEqual(shared.shape);
      // replaced, not copied: writing the tensor changes both layers
      const replacement = like(shared);
      Reflect.set(a, name, replacement);
      expect(a.parameters()).toContain(replacement);
      expect(a.parameters()).not.toContain(shared);
    });

    it(`${label}.${name}: a wrong shape, a wrong dtype or a plain tensor is refused and the layer is unchanged`, () => {
      const m = make();
      const before = Reflect.get(m, name) as nn.Parameter;
      const wrongShape = new nn.Parameter(new Float64Array(before.numel + 1), [before.numel + 1]);
      expect(() => Reflect.set(m, name, wrongShape)).toThrow(new RegExp(`^${label.split(" ")[0]}\\.${name}: the assigned parameter must have the layer's shape; expected \\[${before.shape.join(", ")}\\], got \\[${before.numel + 1}\\]`));
      expect(() => Reflect.set(m, name, nn.Parameter.from(before, "float32"))).toThrow(DTypeError);
      expect(() => Reflect.set(m, name, before.detach())).toThrow(/only a Parameter can be assigned/);
      expect(Reflect.get(m, name)).toBe(before);
    });
  }

  it("types the recurrent layers' parameters as assignable, so tying two layers compiles", () => {
    const enc = new nn.LSTM({ inputSize: 4, hiddenSize: 4 });
    const dec = new nn.LSTM({ inputSize: 4, hiddenSize: 4 });
    dec.weight_hh_l0 = enc.weight_hh_l0;
    dec.bias_ih_l0 = enc.bias_ih_l0;
    const cell = new nn.GRUCell({ inputSize: 4, hiddenSize: 4 });
    cell.weight_ih = new nn.Parameter(new Float32Array(48), [12, 4]);
    expect(new nn.ModuleList([enc, dec]).parameters()).toHaveLength(6);
  });

  it("refuses a parameter the layer was built without, and removing one the layer always reads", () => {
    const cell = new nn.LSTMCell({ inputSize: 2, hiddenSize: 3, bias: false });
    expect(() => { cell.bias_ih = new nn.Parameter(new Float32Array(12), [12]); }).toThrow(/^LSTMCell\.bias_ih: this LSTMCell was built without bias_ih, so there is none to replace/);
    const gru = new nn.GRUCell({ inputSize: 2, hiddenSize: 3 });
    expect(() => { gru.weight_hh = null as unknown as nn.Parameter; }).toThrow(/^GRUCell\.weight_hh: weight_hh cannot be removed \(the layer always reads it\); got null/);
    const ln = new nn.LayerNorm([3]);
    ln.bias = null;
    expect(Object.keys(ln.stateDict())).toEqual(["weight"]);
    expect(ln.forward(tensor([[1, 2, 3]])).shape).toEqual([1, 3]);
  });
});

describe("a module used twice, as in PyTorch", () => {
  it("yields its parameters once, while the state dict holds every path's keys as PyTorch's state_dict does", () => {
    const block = new nn.Linear(2, 2);
    const shared = new nn.ModuleList([block, block, new nn.Linear(2, 1)]);
    expect(shared.parameters()).toHaveLength(4);
    // PyTorch: nn.ModuleList([block, block, nn.Linear(2, 1)]).state_dict().keys()
    expect(Object.keys(shared.stateDict())).toEqual(["0.weight", "0.bias", "1.weight", "1.bias", "2.weight", "2.bias"]);
    const fromTorch = new nn.ModuleList([new nn.Linear(2, 2), new nn.Linear(2, 2), new nn.Linear(2, 1)]).stateDict();
    shared.loadStateDict(fromTorch);
    // the later path's values win, as when PyTorch loads into a shared module
    expect(Array.from(block.weight.data)).toEqual(Array.from(fromTorch["1.weight"]?.data ?? []));
  });
});

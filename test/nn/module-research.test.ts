import { describe, expect, it } from "vitest";
import { Tensor, ValueError, cat, gradcheck, gradgradcheck, layerNorm, nn, ones, optim, randn, tensor, triu, viz, zeros } from "../../src";

const f64 = { dtype: "float64" } as const;

describe("forward hooks and pre-hooks", () => {
  it("see the arguments and output, may replace them, and are removed by their handle", () => {
    const lin = new nn.Linear(2, 2, f64);
    const seen: number[][] = [];
    const post = lin.registerForwardHook((_m, _args, out) => void seen.push((out as Tensor).shape as number[]));
    const pre = lin.registerForwardPreHook((_m, args) => [(args[0] as Tensor).mul(0)]);
    const y = lin.forward(tensor([[1, 2]], f64));
    expect(seen).toEqual([[1, 2]]);
    expect(Array.from(y.data)).toEqual(Array.from(lin.bias?.data ?? []));
    pre.remove();
    post.remove();
    post.remove();
    lin.forward(tensor([[1, 2]], f64));
    expect(seen).toHaveLength(1);
    expect(Object.keys(lin)).not.toContain("forward");
  });

  it("leave a forward written as an instance field (forward = (x) => ...) in place when removed", () => {
    class Doubler extends nn.Module {
      forward = (x: Tensor): Tensor => x.mul(2);
    }
    const m = new Doubler();
    const seen: unknown[] = [];
    const h = m.registerForwardHook((_m, _a, out) => void seen.push(out));
    m.forward(tensor([1]));
    h.remove();
    expect(seen).toHaveLength(1);
    expect(m.forward(tensor([2])).item()).toBe(4);
    expect(Object.keys(m)).toContain("forward");
  });

  it("run on layers inside a model, so a hook captures the hidden states of an RNNLM", () => {
    const lm = new nn.RNNLM({ vocabSize: 5, hiddenSize: 3 });
    const outs: unknown[] = [];
    const h = lm.rnn.registerForwardHook((_m, _a, out) => void outs.push(out));
    lm.forward(tensor([[1, 2], [3, 4]], { dtype: "int32" }));
    h.remove();
    expect(outs).toHaveLength(1);
  });

  it("let viz.hiddenStates and viz.gates read a user-written cell through nn.traceSteps", () => {
    class MyLSTMCell extends nn.Module {
      gates = new nn.Linear(2 + 3, 12, f64);
      forward(x: Tensor, h: Tensor, c: Tensor): { h: Tensor; c: Tensor; i: Tensor; f: Tensor; o: Tensor } {
        const [zi, zf, zg, zo] = this.gates.forward(cat([x, h], -1)).chunk(4, -1) as [Tensor, Tensor, Tensor, Tensor];
        const [i, f, o] = [zi.sigmoid(), zf.sigmoid(), zo.sigmoid()];
        const c2 = f.mul(c).add(i.mul(zg.tanh()));
        return { h: o.mul(c2.tanh()), c: c2, i, f, o };
      }
    }
    const cell = new MyLSTMCell();
    const trace = nn.traceSteps(cell, { name: "mycell", pick: (out) => {
      const o = out as { h: Tensor; c: Tensor; f: Tensor; i: Tensor; o: Tensor };
      return { h: o.h, c: o.c, gate_i: o.i, gate_f: o.f, gate_o: o.o };
    } });
    let h = zeros([1, 3], f64);
    let c = zeros([1, 3], f64);
    for (let t = 0; t < 4; t++) ({ h, c } = cell.forward(randn([1, 2], f64), h, c));
    trace.remove();
    const found = viz.hiddenStates(h.sum());
    expect(found.map((s) => [s.module, s.steps])).toEqual([["mycell", [0, 1, 2, 3]]]);
    const figure = viz.gates(h.sum());
    expect(figure.toString()).toMatch(/gates gate_i, gate_f, gate_o over 4 steps x 3 units/);
  });
});

describe("containers, buffers, freezing and tying", () => {
  it("ModuleList and ModuleDict register their modules under PyTorch's names", () => {
    const list = new nn.ModuleList([new nn.Linear(2, 2), new nn.Linear(2, 1)]);
    list.insert(0, new nn.Linear(3, 2));
    expect(list.namedParameters().map(([n]) => n)).toEqual(["0.weight", "0.bias", "1.weight", "1.bias", "2.weight", "2.bias"]);
    expect([...list].length).toBe(3);
    const dict = new nn.ModuleDict({ tag: new nn.Linear(4, 3), chunk: new nn.Linear(4, 2, { bias: false }) });
    expect(Object.keys(dict.stateDict())).toEqual(["tag.weight", "tag.bias", "chunk.weight"]);
    expect(() => dict.get("pos")).toThrow(/^ModuleDict.get: no module named "pos"; expected one of tag, chunk/);
    dict.delete("tag");
    expect(dict.keys()).toEqual(["chunk"]);
  });

  it("registerBuffer keeps a persistent buffer in the state dict and a transient one out of it", () => {
    class Masked extends nn.Module {
      constructor() {
        super();
        this.registerBuffer("mask", triu(ones([3, 3]), 1), false);
        this.registerBuffer("steps", zeros([1]));
      }
    }
    const m = new Masked();
    expect(m.namedBuffers().map(([n]) => n)).toEqual(["mask", "steps"]);
    expect(Object.keys(m.stateDict())).toEqual(["steps"]);
    m.loadStateDict({ steps: tensor([7]) });
    expect(m.getBuffer("steps")?.item()).toBe(7);
    expect(m.parameters()).toHaveLength(0);
    expect(m.to("float64").getBuffer("mask")?.dtype).toBe("float64");
    expect(() => m.registerBuffer("bad.name", zeros([1]))).toThrow(/^Masked.registerBuffer: name must be a non-empty string without dots/);
  });

  it("requiresGrad_(false) freezes a sub-module: no gradients, and the optimizer leaves it alone", () => {
    const model = new nn.Sequential(new nn.Linear(2, 2, f64), new nn.Linear(2, 1, f64));
    (model.at(0) as nn.Module).requiresGrad_(false);
    const frozen = (model.at(0) as nn.Linear).weight.data.slice();
    const opt = new optim.SGD(model.parameters(), { lr: 0.1 });
    model.forward(tensor([[1, 2]], f64)).sum().backward();
    opt.step();
    expect((model.at(0) as nn.Linear).weight.grad).toBeNull();
    expect(Array.from((model.at(0) as nn.Linear).weight.data)).toEqual(Array.from(frozen));
    expect(model.numParameters(true)).toBe(3);
  });

  it("assigning a Parameter ties layers: one tensor, yielded once, trained by both paths", () => {
    const emb = new nn.Embedding(5, 3, f64);
    const head = new nn.Linear(3, 5, f64);
    head.weight = emb.weight;
    const model = new nn.Sequential(emb as unknown as nn.TensorToTensor, head);
    expect(model.parameters().filter((p) => p === emb.weight)).toHaveLength(1);
    expect(Object.keys(model.stateDict())).toEqual(["0.weight", "1.weight", "1.bias"]);
    const y = head.forward(emb.forward(tensor([1, 2], { dtype: "int32" })));
    y.sum().backward();
    // both uses add into one gradient: row 1 and 2 from the embedding, every row from the head
    expect(emb.weight.grad?.shape).toEqual([5, 3]);
    expect(() => { head.weight = new nn.Parameter(new Float64Array(4), [2, 2]); }).toThrow(/^Linear.weight: the assigned parameter must have the layer's shape; expected \[5, 3\], got \[2, 2\]/);
    expect(() => { head.weight = tensor([1]) as nn.Parameter; }).toThrow(/^Linear.weight: only a Parameter can be assigned/);
    const model64 = model.to("float32");
    expect((model64.at(1) as nn.Linear).weight).toBe((model64.at(0) as unknown as nn.Embedding).weight);
  });
});

describe("LayerNorm, MultiheadAttention and the causal mask", () => {
  it("layerNorm and MultiheadAttention pass gradcheck and gradgradcheck in float64", () => {
    const w = randn([4], { ...f64, requiresGrad: true });
    const b = randn([4], { ...f64, requiresGrad: true });
    const x = randn([2, 3, 4], { ...f64, requiresGrad: true });
    expect(gradcheck((x, w, b) => layerNorm(x, [4], w, b), [x, w, b]).ok).toBe(true);
    expect(gradgradcheck((x, w, b) => layerNorm(x, [4], w, b), [x, w, b]).ok).toBe(true);
    const mha = new nn.MultiheadAttention({ embedDim: 4, numHeads: 2, batchFirst: true, dtype: "float64" });
    const mask = nn.causalMask(3, "float64");
    expect(gradcheck((x) => mha.forward(x, x, x, { attnMask: mask }).output, [x]).ok).toBe(true);
    expect(gradgradcheck((x) => mha.forward(x, x, x, { attnMask: mask }).output.tanh(), [x]).ok).toBe(true);
  });

  it("TransformerEncoderLayer (post-norm relu with a key padding mask, pre-norm gelu causal) passes gradcheck and gradgradcheck in float64", () => {
    const post = new nn.TransformerEncoderLayer({ dModel: 4, nhead: 2, dimFeedforward: 6, dropout: 0, dtype: "float64" });
    const pre = new nn.TransformerEncoderLayer({ dModel: 4, nhead: 2, dimFeedforward: 6, dropout: 0, activation: "gelu", normFirst: true, batchFirst: true, dtype: "float64" });
    const pad = tensor([[0, 0, 1], [0, 0, 0]], { dtype: "int32" });
    const x = randn([3, 2, 4], { ...f64, requiresGrad: true });
    const run = (x: Tensor): Tensor => pre.forward(post.forward(x, { srcKeyPaddingMask: pad }).transpose(0, 1), { srcMask: nn.causalMask(3, "float64") });
    expect(gradcheck(run, [x]).ok).toBe(true);
    expect(gradgradcheck(run, [x]).ok).toBe(true);
  });

  it("causalMask lets position i attend to positions <= i only", () => {
    const mha = new nn.MultiheadAttention({ embedDim: 4, numHeads: 2, batchFirst: true });
    const { weights } = mha.forward(randn([1, 3, 4]), randn([1, 3, 4]), randn([1, 3, 4]), { attnMask: nn.causalMask(3), averageAttnWeights: false });
    expect(weights?.shape).toEqual([1, 2, 3, 3]);
    expect(weights?.data[1]).toBe(0);
    expect(weights?.data[2]).toBe(0);
    expect(weights?.data[0]).toBeCloseTo(1, 6);
  });

  it("errors name the module, the rule and the shapes", () => {
    expect(() => new nn.MultiheadAttention({ embedDim: 6, numHeads: 4 })).toThrow(/^MultiheadAttention: embedDim must be divisible by numHeads; got embedDim 6, numHeads 4/);
    const mha = new nn.MultiheadAttention({ embedDim: 4, numHeads: 2 });
    expect(() => mha.forward(randn([3, 2, 4]), randn([5, 2, 4]), randn([5, 2, 4]), { keyPaddingMask: zeros([2, 3], { dtype: "int32" }) }))
      .toThrow(/^MultiheadAttention.forward: keyPaddingMask must be \[B, S\] = \[2, 5\]; got \[2, 3\]/);
    expect(() => mha.forward(randn([3, 2, 5]), randn([3, 2, 5]), randn([3, 2, 5]))).toThrow(/^MultiheadAttention.forward: query must be \[L, B, E\]/);
    expect(() => new nn.LayerNorm(4).forward(randn([2, 3]))).toThrow(/^layerNorm: the last dims of the input must be normalizedShape \[4\]; got input \[2, 3\]/);
    expect(() => new nn.TransformerEncoderLayer({ dModel: 4, nhead: 2, activation: "tanh" as "relu" })).toThrow(ValueError);
  });
});

describe("LayerNormLSTMCell", () => {
  it("passes gradcheck and gradgradcheck in float64 over two steps", () => {
    const cell = new nn.LayerNormLSTMCell({ inputSize: 2, hiddenSize: 3, dtype: "float64" });
    const run = (x: Tensor, h: Tensor): Tensor => {
      const s1 = cell.forward(x.select(0, 0), { h, c: h.mul(0.5) });
      return cell.forward(x.select(0, 1), s1).h;
    };
    const x = randn([2, 2, 2], { ...f64, requiresGrad: true });
    const h = randn([2, 3], { ...f64, requiresGrad: true });
    expect(gradcheck(run, [x, h]).ok).toBe(true);
    expect(gradgradcheck(run, [x, h]).ok).toBe(true);
  });

  it("normalizes the gate pre-activations: each row has mean 0 and variance 1 before gains and biases", () => {
    const cell = new nn.LayerNormLSTMCell({ inputSize: 4, hiddenSize: 8, dtype: "float64" });
    const pre = cell.ln_ih.forward(randn([3, 4], f64).mul(50).matmul(cell.weight_ih.T));
    expect(Math.max(...Array.from(pre.mean(-1).abs().data))).toBeLessThan(1e-12);
    expect(Math.max(...Array.from(pre.var(-1, { correction: 0 }).sub(1).abs().data))).toBeLessThan(1e-4);
  });

  it("shows its gates in viz.gates when traced step by step, like the library's LSTM", () => {
    const cell = new nn.LayerNormLSTMCell({ inputSize: 2, hiddenSize: 3 });
    const trace = nn.traceSteps(cell, { name: "ln" });
    let state = { h: zeros([1, 3]), c: zeros([1, 3]) };
    for (let t = 0; t < 5; t++) state = cell.forward(randn([1, 2]), state);
    trace.remove();
    expect(viz.gates(state.h.sum()).toString()).toMatch(/LSTM gates gate_i, gate_f, gate_o over 5 steps x 3 units/);
    expect(viz.hiddenStates(state.h.sum()).map((s) => s.module)).toEqual(["ln"]);
  });

  it("names the rule and the shapes in its errors", () => {
    const cell = new nn.LayerNormLSTMCell({ inputSize: 2, hiddenSize: 3 });
    expect(() => cell.forward(randn([4, 5]))).toThrow(/^LayerNormLSTMCell.forward: input must be \[B, inputSize\] or \[inputSize\]; expected \[B, 2\] or \[2\], got \[4, 5\]/);
    expect(() => cell.forward(randn([4, 2]), { h: zeros([3, 3]), c: zeros([4, 3]) })).toThrow(/^LayerNormLSTMCell.forward: h must be \[4, 3\] \(B, H\); got \[3, 3\]/);
    expect(Object.keys(cell.stateDict())).toEqual(["weight_ih", "weight_hh", "ln_ih.weight", "ln_ih.bias", "ln_hh.weight", "ln_hh.bias", "ln_c.weight", "ln_c.bias"]);
  });
});

describe("BatchNorm1d", () => {
  it("passes gradcheck and gradgradcheck in training mode, and keeps PyTorch's state dict keys", () => {
    const bn = new nn.BatchNorm1d(3, { dtype: "float64" });
    const x = randn([4, 3, 2], { ...f64, requiresGrad: true });
    expect(gradcheck((x) => bn.forward(x), [x]).ok).toBe(true);
    expect(gradgradcheck((x) => bn.forward(x).tanh(), [x]).ok).toBe(true);
    expect(Object.keys(bn.stateDict())).toEqual(["weight", "bias", "running_mean", "running_var", "num_batches_tracked"]);
  });

  it("uses the running statistics in eval mode and never updates them there", () => {
    const bn = new nn.BatchNorm1d(2, { dtype: "float64" }).eval();
    const y = bn.forward(tensor([[1, 2], [3, 4]], f64));
    // running mean 0 and variance 1: y = x / sqrt(1 + eps)
    expect(y.data[3]).toBeCloseTo(4 / Math.sqrt(1 + 1e-5), 12);
    expect(bn.getBuffer("num_batches_tracked")?.item()).toBe(0);
  });

  it("names the rule and the shapes in its errors", () => {
    const bn = new nn.BatchNorm1d(3);
    expect(() => bn.forward(randn([4, 2]))).toThrow(/^BatchNorm1d.forward: input must be \[N, C\] or \[N, C, L\] with C = 3; got \[4, 2\]/);
    expect(() => bn.forward(randn([1, 3]))).toThrow(/^BatchNorm1d.forward: training needs more than one value per feature; got input \[1, 3\]/);
    expect(() => new nn.BatchNorm1d(3, { momentum: 2 })).toThrow(ValueError);
  });
});

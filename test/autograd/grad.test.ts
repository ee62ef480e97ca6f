import { describe, expect, it } from "vitest";
import { AutogradError, ValueError, grad, gradgradcheck, loss, nn, randn, softmax, tensor } from "../../src";

const leaf = (values: number[]) => tensor(values, { dtype: "float64", requiresGrad: true });
const values = (t: { data: ArrayLike<number> } | null | undefined): number[] => Array.from(t?.data ?? []);

describe("grad", () => {
  it("returns gradients for the chosen inputs and leaves .grad untouched", () => {
    const x = leaf([1, 2, 3]);
    const w = leaf([0.5, -1, 2]);
    const [dx, dw] = grad(x.mul(w).sum(), [x, w]);
    expect(values(dx)).toEqual([0.5, -1, 2]);
    expect(values(dw)).toEqual([1, 2, 3]);
    expect(x.grad).toBeNull();
    expect(w.grad).toBeNull();
  });

  it("differentiates with respect to an intermediate tensor (the saliency of a hidden state)", () => {
    const x = leaf([1, 2]);
    const h = x.mul(3);
    const y = h.mul(h).sum();
    const [dh] = grad(y, [h]);
    expect(values(dh)).toEqual([6, 12]);
  });

  it("takes gradOutputs for non-scalar outputs and sums over several outputs", () => {
    const x = leaf([1, 2]);
    const [dx] = grad([x.mul(2), x.mul(x)], [x], { gradOutputs: [tensor([1, 1], { dtype: "float64" }), tensor([1, 0], { dtype: "float64" })] });
    expect(values(dx)).toEqual([4, 2]);
    expect(() => grad(x.mul(2), [x])).toThrow(/^grad: outputs\[0\]: grad can be implicitly created only for scalar outputs; got shape \[2\]/);
  });

  it("gives second derivatives with createGraph: d2/dx2 of x^3 is 6x", () => {
    const x = leaf([1, -2, 0.5]);
    const [g] = grad(x.pow(3).sum(), [x], { createGraph: true });
    expect(g?.requiresGrad).toBe(true);
    const [h] = grad(g?.sum() ?? x, [x]);
    expect(values(h)).toEqual([6, -12, 3]);
  });

  it("raises for an unused input unless allowUnused, then gives null", () => {
    const x = leaf([1]);
    const z = leaf([2]);
    expect(() => grad(x.mul(2).sum(), [x, z])).toThrow(/^grad: inputs\[1\] \[1\] was not used to compute the outputs; pass \{ allowUnused: true \}/);
    const [dx, dz] = grad(x.mul(2).sum(), [x, z], { allowUnused: true });
    expect(values(dx)).toEqual([2]);
    expect(dz).toBeNull();
  });

  it("rejects unknown options, inputs that need no grad, and wrong gradOutputs counts", () => {
    const x = leaf([1]);
    expect(() => grad(x.sum(), [x], { inputs: [x] } as never)).toThrow(ValueError);
    expect(() => grad(x.sum(), [tensor([1])])).toThrow(/^grad: inputs\[0\] \[1\] does not require grad/);
    expect(() => grad(x.sum(), [x], { gradOutputs: [] })).toThrow(/^grad: gradOutputs must give one gradient per output; expected 1, got 0/);
  });

  it("frees the graph after one pass unless retainGraph or createGraph", () => {
    const x = leaf([1, 2]);
    const y = x.tanh().sum();
    grad(y, [x]);
    expect(() => grad(y, [x])).toThrow(AutogradError);
    const y2 = x.tanh().sum();
    grad(y2, [x], { retainGraph: true });
    expect(values(grad(y2, [x])[0])).toHaveLength(2);
  });

  it("refuses createGraph through an op whose backward is first-order only, naming it", () => {
    const x = leaf([1, 2, 3]);
    expect(() => grad(x.max(), [x], { createGraph: true })).toThrow(/^grad: createGraph needs a differentiable backward, and max \(MaxBackward\) has a first-order one only/);
  });
});

describe("backward options", () => {
  it("rejects unknown options instead of ignoring them", () => {
    const x = leaf([1, 2]);
    expect(() => x.sum().backward({ retain_graph: true } as never)).toThrow(/^backward: unknown option "retain_graph"; expected one of retainGraph, createGraph, inputs/);
    expect(() => x.sum().backward({ createGraph: "yes" } as never)).toThrow(/^backward: createGraph must be a boolean; got yes/);
  });

  it("rejects a first argument that is neither a gradient nor options (PyTorch's positional retain_graph), and leaves .grad alone", () => {
    const x = leaf([1, 2]);
    const y = x.mul(2).sum();
    expect(() => y.backward(true as never)).toThrow(/^backward: the first argument must be the gradient \(a Tensor\) or the options \{ retainGraph, createGraph, inputs \}; got boolean true/);
    expect(() => y.backward("retain" as never)).toThrow(/got string "retain"/);
    expect(() => y.backward([1] as never)).toThrow(/got an array/);
    expect(() => y.backward(undefined, 1 as never)).toThrow(/^backward: options must be an object \{ retainGraph, createGraph, inputs \}; got number 1/);
    expect(x.grad).toBeNull();
    y.backward(null);
    expect(values(x.grad)).toEqual([2, 2]);
  });

  it("accumulates only into the given inputs", () => {
    const x = leaf([1, 2]);
    const w = leaf([3, 4]);
    x.mul(w).sum().backward({ inputs: [w] });
    expect(values(w.grad)).toEqual([1, 2]);
    expect(x.grad).toBeNull();
  });

  it("records the gradient with createGraph so it can be differentiated again", () => {
    const x = leaf([2]);
    x.pow(3).sum().backward({ createGraph: true });
    expect(x.grad?.requiresGrad).toBe(true);
    const [h] = grad(x.grad ?? x, [x]);
    expect(values(h)).toEqual([12]);
  });
});

describe("second-order gradcheck of the ops createGraph goes through", () => {
  const f64 = (shape: number[]) => randn(shape, { dtype: "float64", requiresGrad: true });
  const cases: Array<[string, (...xs: ReturnType<typeof f64>[]) => ReturnType<typeof f64>, number[][]]> = [
    ["tanh and sigmoid products", (a, b) => a.tanh().mul(b.sigmoid()).mul(a), [[2, 3], [3]]],
    ["matmul of a batch with a matrix", (a, b) => a.matmul(b).tanh(), [[2, 3, 4], [4, 2]]],
    ["batched matmul with broadcasting", (a, b) => a.matmul(b).pow(2), [[2, 3, 4], [1, 4, 2]]],
    ["softmax and logSoftmax", (a) => softmax(a, 1).mul(a.logSoftmax(0)), [[3, 4]]],
    ["division, exp, log, sqrt", (a, b) => a.exp().div(b.mul(b).add(1).sqrt()).add(b.abs().add(1).log()), [[3], [3]]],
    ["relu, clamp, maximum and where", (a, b) => a.relu().mul(a).add(a.clamp(-0.5, 0.5).mul(b)).add(a.maximum(b).mul(a)), [[4], [4]]],
    ["narrow, cat, gather and indexSelect", (a) => a.narrow(1, 1, 2).mul(a.indexSelect(0, [1, 1]).narrow(1, 0, 2)).mul(a.gather(1, tensor([[0, 2], [1, 1]], { dtype: "int32" }))), [[2, 3]]],
    ["sum, mean, expand, permute, reshape", (a) => a.sum(0, true).expand(3, 2).mul(a).permute(1, 0).reshape(6).mul(a.mean()), [[3, 2]]],
  ];
  for (const [name, fn, shapes] of cases) {
    it(`${name} pass gradgradcheck in float64`, () => {
      expect(gradgradcheck(fn, shapes.map(f64)).ok).toBe(true);
    });
  }

  it("crossEntropy (mean with label smoothing, none with an ignored target) and nllLoss pass gradgradcheck", () => {
    const targets = tensor([2, 0, -100], { dtype: "int32" });
    expect(gradgradcheck((x) => loss.crossEntropy(x, targets, { labelSmoothing: 0.1 }), [f64([3, 4])]).ok).toBe(true);
    expect(gradgradcheck((x) => loss.crossEntropy(x.tanh(), targets, { reduction: "none" }), [f64([3, 4])]).ok).toBe(true);
    expect(gradgradcheck((x) => loss.nllLoss(x.logSoftmax(-1), targets, { reduction: "sum" }), [f64([3, 4])]).ok).toBe(true);
  });

  it("an Embedding and the composed RNN, LSTM and GRU layers pass gradgradcheck (fused layers refuse createGraph by name)", () => {
    const emb = new nn.Embedding(5, 3, { dtype: "float64", paddingIdx: 0 });
    const ids = tensor([[1, 0], [1, 4]], { dtype: "int32" });
    expect(gradgradcheck(() => emb.forward(ids).pow(3), [emb.weight]).ok).toBe(true);
    for (const Layer of [nn.RNN, nn.LSTM, nn.GRU]) {
      const layer = new Layer({ inputSize: 2, hiddenSize: 3, fused: false, dtype: "float64" });
      expect(gradgradcheck((x) => layer.forward(x).output, [f64([3, 2, 2])]).ok).toBe(true);
    }
    const fusedLstm = new nn.LSTM({ inputSize: 2, hiddenSize: 3, dtype: "float64" });
    const x = f64([3, 2, 2]);
    expect(() => grad(fusedLstm.forward(x).output.sum(), [x], { createGraph: true })).toThrow(/^grad: createGraph needs a differentiable backward, and \S+ \(\S+\) has a first-order one only.*fused: false/);
  });

  it("a Hessian-vector product of a linear layer's loss matches the closed form", () => {
    void nn;
    const w = f64([3]);
    const x = tensor([1, 2, 3], { dtype: "float64" });
    const [g] = grad(w.mul(x).sum().pow(2), [w], { createGraph: true });
    // L = (w.x)^2, grad = 2 (w.x) x, Hessian = 2 x x^T; H v for v = 1: 2 x (x.1) = 12 x
    const [hv] = grad(g ?? w, [w], { gradOutputs: tensor([1, 1, 1], { dtype: "float64" }) });
    expect(values(hv)).toEqual([12, 24, 36]);
  });
});

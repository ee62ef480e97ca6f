import { describe, expect, it } from "vitest";
import {
  Tensor, cumsum, einsum, elu, erf, gelu, gradcheck, gradgradcheck, linalg, logsumexp, loss, maskedSelect, repeat, roll, scatter, scatterAdd,
  silu, softplus, sort, std, tensor, tile, topk, tril, triu, variance,
} from "../../src";
import { leaf, positiveLeaf } from "./helpers";

const idx = (values: number[][]) => tensor(values, { dtype: "int32" });
const sym = (a: Tensor): Tensor => a.add(a.transpose(-2, -1)).mul(0.5);

/** name, function, input makers; every case is checked to first and second order. */
const CASES: Array<[string, (...xs: Tensor[]) => Tensor, Array<() => Tensor>]> = [
  ["variance over a dim and std over two", (x) => variance(x, 1).add(std(x, [0, 1], { correction: 0 })), [() => leaf([3, 4])]],
  ["logsumexp with keepdim", (x) => logsumexp(x, -1, true), [() => leaf([2, 3, 4])]],
  ["cumsum along the middle dim", (x) => cumsum(x, 1).mul(x), [() => leaf([2, 3, 2])]],
  ["triu and tril of a batch", (x) => triu(x, 1).mul(x).add(tril(x, -1)), [() => leaf([2, 3, 3])]],
  ["sort and topk values", (x) => sort(x, 0, true).values.mul(x).add(topk(x, 2, 0).values.sum(0)), [() => leaf([4, 3])]],
  ["scatter of a tensor into x", (x, s) => scatter(x, 1, idx([[0, 2], [1, 0]]), s).mul(x), [() => leaf([2, 3]), () => leaf([2, 2])]],
  ["scatterAdd with repeated positions", (x, s) => scatterAdd(x, 0, idx([[1, 1, 0]]), s).pow(2), [() => leaf([2, 3]), () => leaf([1, 3])]],
  ["repeat and tile", (x) => repeat(x, [2, 1, 2]).sum(0).mul(tile(x, [2])), [() => leaf([2, 3])]],
  ["roll of two dims and of the flattened tensor", (x) => roll(x, [1, -1], [0, 1]).mul(roll(x, 3)), [() => leaf([3, 4])]],
  ["maskedSelect with a broadcast mask", (x) => maskedSelect(x, idx([[1, 0, 1]])).pow(3), [() => leaf([2, 3])]],
  ["einsum as a batched matmul", (a, b) => einsum("bij,bjk->bik", a, b).tanh(), [() => leaf([2, 2, 3]), () => leaf([2, 3, 2])]],
  ["einsum of three operands with a diagonal", (a, b, c) => einsum("ii,ij,jk->k", a, b, c).pow(2), [() => leaf([3, 3]), () => leaf([3, 2]), () => leaf([2, 2])]],
  ["gelu exact and tanh, and silu", (x) => gelu(x).add(gelu(x, "tanh")).add(silu(x)).mul(x), [() => leaf([3, 4])]],
  ["erf", (x) => erf(x.mul(1.5)), [() => leaf([6])]],
  ["softplus across its threshold, and elu", (x) => softplus(x, 2, 1).add(elu(x, 0.7)).mul(x), [() => leaf([3, 4])]],
  ["eigh of a symmetrized matrix (eigenvalues and squared vectors)", (a) => {
    const r = linalg.eigh(sym(a));
    return r.eigenvalues.sum().add(r.eigenvectors.pow(2).mul(tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]], { dtype: "float64" })).sum());
  }, [() => leaf([3, 3])]],
  ["svd of a tall and a wide matrix (values and squared vectors)", (a, b) => {
    const r = linalg.svd(a, { fullMatrices: false });
    const s = linalg.svdvals(b);
    return r.S.sum().add(r.U.pow(2).sum(1).mul(tensor([1, 2, 3, 4], { dtype: "float64" })).sum()).add(r.Vh.pow(2).narrow(0, 0, 1).sum()).add(s.pow(2).sum());
  }, [() => leaf([4, 3]), () => leaf([2, 4])]],
  ["crossEntropy with class weights and label smoothing", (x, w) => loss.crossEntropy(x, tensor([0, 2, -100, 1], { dtype: "int32" }), { weight: w, labelSmoothing: 0.1 }), [() => leaf([4, 3]), () => positiveLeaf([3])]],
  ["klDiv, batchmean and logTarget", (x, y) => loss.klDiv(x.logSoftmax(-1), y.softmax(-1), { reduction: "batchmean" }).add(loss.klDiv(x, y, { logTarget: true })), [() => leaf([2, 3]), () => leaf([2, 3])]],
  ["binaryCrossEntropy with a weight", (x, w) => loss.binaryCrossEntropy(x.sigmoid(), tensor([[1, 0, 1], [0, 0, 1]], { dtype: "float64" }), { weight: w }), [() => leaf([2, 3]), () => positiveLeaf([3])]],
  ["binaryCrossEntropyWithLogits with posWeight", (x, p) => loss.binaryCrossEntropyWithLogits(x, tensor([[1, 0, 0.5]], { dtype: "float64" }).expand(2, 3), { posWeight: p }), [() => leaf([2, 3]), () => positiveLeaf([3])]],
  ["cosineSimilarity with broadcasting", (a, b) => loss.cosineSimilarity(a, b, -1), [() => leaf([2, 3, 4]), () => leaf([3, 4])]],
];

describe("float64 gradcheck of the research ops, to first and second order", () => {
  for (const [name, fn, makers] of CASES) {
    it(`${name} has correct gradients`, () => {
      expect(gradcheck(fn, makers.map((m) => m())).ok).toBe(true);
    });
    it(`${name} has correct second derivatives (createGraph)`, () => {
      expect(gradgradcheck(fn, makers.map((m) => m())).ok).toBe(true);
    });
  }
});

describe("the research ops at their edges", () => {
  it("softplus and binaryCrossEntropyWithLogits have the exact gradient at 0", () => {
    const x = tensor([0], { dtype: "float64", requiresGrad: true });
    softplus(x).sum().backward();
    expect(x.grad?.data[0]).toBeCloseTo(0.5, 15);
  });

  it("logsumexp of a row of -Infinity is -Infinity, and of huge values is exact", () => {
    expect(logsumexp(tensor([[-Infinity, -Infinity], [1000, 1000]]), 1).toArray()).toEqual([-Infinity, 1000 + Math.log(2)].map(Math.fround));
  });

  it("svd reconstructs a rank-deficient matrix with orthonormal U", () => {
    const a = tensor([[1, 2], [2, 4], [3, 6]], { dtype: "float64" });
    const { U, S, Vh } = linalg.svd(a, { fullMatrices: false });
    expect(S.data[1]).toBeLessThan(1e-7);
    const utu = U.T.matmul(U);
    expect(Array.from(utu.data).map((v) => Math.round(v * 1e9) / 1e9)).toEqual([1, 0, 0, 1]);
    const back = U.mul(S).matmul(Vh);
    back.data.forEach((v, i) => expect(v).toBeCloseTo(a.data[i] as number, 10));
  });

  it("svd with fullMatrices completes U to a square orthonormal basis", () => {
    const { U } = linalg.svd(leaf([4, 2]).detach());
    expect(U.shape).toEqual([4, 4]);
    const utu = U.T.matmul(U);
    utu.data.forEach((v, i) => expect(v).toBeCloseTo(i % 5 === 0 ? 1 : 0, 12));
  });

  it("errors name the op and the shapes", () => {
    expect(() => triu(tensor([1, 2]))).toThrow(/^triu: input must have at least 2 dims; got \[2\]/);
    expect(() => topk(tensor([1, 2, 3]), 4)).toThrow(/^topk: k must be an integer in \[0, 3\] \(the size of dim 0\); got 4/);
    expect(() => einsum("ij,jk->ik", tensor([[1, 2]]), tensor([[1], [2], [3]]))).toThrow(/^einsum: letter j has size 2 in one operand and 3 in another/);
    expect(() => einsum("ij->i", tensor([1, 2]))).toThrow(/^einsum: operand 0 "ij" names 2 dims; got a tensor \[2\]/);
    expect(() => scatter(tensor([[1, 2]]), 1, idx([[0]]), tensor([[1, 2]]))).toThrow(/^scatter: src must have the shape of index; index is \[1, 1\], src is \[1, 2\]/);
    expect(() => linalg.eigh(tensor([[1, 2, 3]]))).toThrow(/^eigh: input must be square matrices \[\.\.\., n, n\]; got \[1, 3\]/);
    expect(() => linalg.svd(leaf([3, 2]))).toThrow(/^svd: the completed columns of fullMatrices have no gradient; pass \{ fullMatrices: false \} to differentiate \[3, 2\]/);
    expect(() => repeat(tensor([[1]]), [2])).toThrow(/^repeat: sizes must have at least as many entries as x has dims; x is \[1, 1\]/);
  });
});

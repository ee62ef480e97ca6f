import { describe, it } from "vitest";
import {
  Tensor, argsort, cumsum, einsum, elu, erf, gelu, linalg, loss, logsumexp, maskedSelect, oneHot, repeat, roll, scatter, scatterAdd,
  silu, softplus, sort, std, tile, topk, tril, triu, variance,
} from "../../src";
import { Args, OpFn, readFixture, runCase } from "./fixture-case";

const fixture = readFixture("research.json");

const at = (xs: Tensor[], i: number): Tensor => {
  const x = xs[i];
  if (x === undefined) throw new Error(`fixture input ${i} is missing`);
  return x;
};
const num = (a: Args, key: string): number => a[key] as number;
const dims = (a: Args): number | number[] | undefined => a.dim as number | number[] | undefined;
const squared = (t: Tensor): Tensor => t.mul(t);

/** seqgrad's side of every fixture op. */
const OPS: Record<string, OpFn> = {
  var: (xs, a) => variance(at(xs, 0), dims(a), { correction: (a.correction as number | undefined) ?? 1, keepdim: a.keepdim === true }),
  std: (xs, a) => std(at(xs, 0), dims(a)),
  logsumexp: (xs, a) => logsumexp(at(xs, 0), num(a, "dim"), a.keepdim === true),
  cumsum: (xs, a) => cumsum(at(xs, 0), num(a, "dim")),
  triu: (xs, a) => triu(at(xs, 0), num(a, "diagonal")),
  tril: (xs, a) => tril(at(xs, 0), num(a, "diagonal")),
  topk: (xs, a) => {
    const r = topk(at(xs, 0), num(a, "k"), num(a, "dim"), a.largest === true);
    return [r.values, r.indices];
  },
  sort: (xs, a) => {
    const r = sort(at(xs, 0), num(a, "dim"), a.descending === true);
    return [r.values, r.indices];
  },
  argsort: (xs, a) => argsort(at(xs, 0), num(a, "dim"), a.descending === true),
  scatter: (xs, a) => scatter(at(xs, 0), num(a, "dim"), at(xs, 1), at(xs, 2)),
  scatter_value: (xs, a) => scatter(at(xs, 0), num(a, "dim"), at(xs, 1), num(a, "value")),
  scatter_add: (xs, a) => scatterAdd(at(xs, 0), num(a, "dim"), at(xs, 1), at(xs, 2)),
  repeat: (xs, a) => repeat(at(xs, 0), a.sizes as number[]),
  tile: (xs, a) => tile(at(xs, 0), a.dims as number[]),
  roll: (xs, a) => roll(at(xs, 0), a.shifts as number | number[], a.dims as number[] | undefined),
  masked_select: (xs) => maskedSelect(at(xs, 0), at(xs, 1)),
  one_hot: (xs, a) => oneHot(at(xs, 0), num(a, "numClasses")),
  einsum: (xs, a) => einsum(a.equation as string, ...xs),
  gelu: (xs, a) => gelu(at(xs, 0), a.approximate as "none" | "tanh"),
  erf: (xs) => erf(at(xs, 0)),
  softplus: (xs, a) => softplus(at(xs, 0), num(a, "beta"), num(a, "threshold")),
  elu: (xs, a) => elu(at(xs, 0), num(a, "alpha")),
  silu: (xs) => silu(at(xs, 0)),
  eigh: (xs) => {
    const r = linalg.eigh(at(xs, 0));
    return [r.eigenvalues, squared(r.eigenvectors)];
  },
  svd: (xs, a) => {
    const r = linalg.svd(at(xs, 0), { fullMatrices: a.fullMatrices === true });
    return [r.S, squared(r.U), squared(r.Vh)];
  },
  svdvals: (xs) => linalg.svdvals(at(xs, 0)),
  cross_entropy_weight: (xs, a) => loss.crossEntropy(at(xs, 0), at(xs, 1), {
    weight: at(xs, 2), reduction: a.reduction as "mean", ignoreIndex: num(a, "ignoreIndex"), labelSmoothing: num(a, "labelSmoothing"),
  }),
  kl_div: (xs, a) => loss.klDiv(at(xs, 0), at(xs, 1), { reduction: a.reduction as "mean", logTarget: a.logTarget === true }),
  bce: (xs, a) => loss.binaryCrossEntropy(at(xs, 0), at(xs, 1), { reduction: a.reduction as "mean" }),
  bce_weight: (xs, a) => loss.binaryCrossEntropy(at(xs, 0), at(xs, 1), { weight: at(xs, 2), reduction: a.reduction as "mean" }),
  bce_logits: (xs, a) => loss.binaryCrossEntropyWithLogits(at(xs, 0), at(xs, 1), { reduction: a.reduction as "mean" }),
  bce_logits_weights: (xs, a) => loss.binaryCrossEntropyWithLogits(at(xs, 0), at(xs, 1), {
    posWeight: at(xs, 2), weight: at(xs, 3), reduction: a.reduction as "mean",
  }),
  cosine_similarity: (xs, a) => loss.cosineSimilarity(at(xs, 0), at(xs, 1), num(a, "dim")),
};

describe(`parity of the research ops with PyTorch ${fixture.torch}: values, gradients, Hessian-vector products`, () => {
  for (const c of fixture.cases) {
    const second = c.second === undefined ? "" : " (and its second derivative)";
    it(`${c.name} matches in float64 within 1e-10${second}`, () => runCase(OPS, c, "float64", 1e-10));
    it(`${c.name} matches in float32 within 1e-5`, () => runCase(OPS, c, "float32", 1e-5));
  }
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import "../../src/backend";
import { gradcheck } from "../../src/autograd";
import { DTypeError, ShapeError, ValueError } from "../../src/errors";
import { mul, sum } from "../../src/ops";
import { Tensor, manualSeed, randn, tensor } from "../../src/tensor";
import { AdditiveAttention, DotAttention, GeneralAttention, ScaledDotProductAttention, paddingMask } from "../../src/nn/attention";

interface Case {
  weights: number[][][];
  context: number[][][];
  grad_query: number[][][];
  grad_keys: number[][][];
  grad_values: number[][][];
  params?: Record<string, number[] | number[][]>;
}
const fx = JSON.parse(readFileSync(join(__dirname, "../fixtures/torch/attention.json"), "utf8")) as {
  query: number[][][];
  keys: number[][][];
  values: number[][][];
  proj: number[][][];
  lengths: number[];
  dot: Case;
  scaled: Case;
  additive: Case;
};

const f64 = { dtype: "float64" as const };
const leaf = (v: number[][][]): Tensor => tensor(v, { ...f64, requiresGrad: true });

function expectClose(t: Tensor, expected: number[][][] | number[][], tol = 1e-10): void {
  const flat = (expected as number[][][]).flat(2) as number[];
  expect(t.data.length).toBe(flat.length);
  t.data.forEach((x, i) => expect(Math.abs(x - (flat[i] as number))).toBeLessThan(tol));
}

type Attn = { forward(q: Tensor, k: Tensor, v: Tensor, o?: { mask?: Tensor }): { context: Tensor; weights: Tensor } };

function checkParity(att: Attn, ref: Case): void {
  const q = leaf(fx.query);
  const k = leaf(fx.keys);
  const v = leaf(fx.values);
  const mask = paddingMask(fx.lengths, 5);
  const { context, weights } = att.forward(q, k, v, { mask });
  expectClose(weights, ref.weights);
  expectClose(context, ref.context);
  sum(mul(context, tensor(fx.proj, f64))).backward();
  expectClose(q.grad as Tensor, ref.grad_query);
  expectClose(k.grad as Tensor, ref.grad_keys);
  expectClose(v.grad as Tensor, ref.grad_values);
}

describe("attention parity with PyTorch (float64, padding mask)", () => {
  it("masked dot attention gives PyTorch's weights, contexts and gradients", () => {
    checkParity(new DotAttention(), fx.dot);
  });

  it("scaled dot-product attention matches PyTorch", () => {
    checkParity(new ScaledDotProductAttention(), fx.scaled);
  });

  it("additive (Bahdanau) attention matches PyTorch with the same parameters", () => {
    const att = new AdditiveAttention(4, 4, { attnDim: 3, dtype: "float64" });
    const params = fx.additive.params ?? {};
    const dict: Record<string, Tensor> = {};
    for (const [name, value] of Object.entries(params)) dict[name] = tensor(value, f64);
    att.loadStateDict(dict);
    checkParity(att, fx.additive);
  });

  it("gives padded keys exactly zero weight", () => {
    const { weights } = new DotAttention().forward(leaf(fx.query), leaf(fx.keys), leaf(fx.values), { mask: paddingMask([5, 3], 5) });
    for (let t = 0; t < 3; t++) for (const i of [3, 4]) expect(weights.data[(1 * 3 + t) * 5 + i]).toBe(0);
  });
});

describe("attention gradients", () => {
  manualSeed(3);
  const mask = paddingMask([4, 2], 4);
  const modules: [string, Attn & { parameters(): Tensor[] }, number][] = [
    ["DotAttention", new DotAttention(), 5],
    ["ScaledDotProductAttention", new ScaledDotProductAttention(), 5],
    ["GeneralAttention", new GeneralAttention(5, 3, { dtype: "float64" }), 3],
    ["AdditiveAttention", new AdditiveAttention(5, 3, { attnDim: 4, dtype: "float64" }), 3],
  ];
  for (const [name, att, keyDim] of modules) {
    it(`${name} passes gradcheck for one query [B, H] and for several [B, T, H]`, () => {
      const k = randn([2, 4, keyDim], { ...f64, requiresGrad: true });
      const v = randn([2, 4, 2], { ...f64, requiresGrad: true });
      for (const qShape of [[2, 5], [2, 3, 5]]) {
        const q = randn(qShape, { ...f64, requiresGrad: true });
        expect(gradcheck((a, b, c) => att.forward(a, b, c, { mask }).context, [q, k, v]).ok).toBe(true);
        expect(gradcheck((a, b, c) => att.forward(a, b, c, { mask }).weights, [q, k, v]).ok).toBe(true);
      }
      for (const p of att.parameters()) {
        expect(gradcheck(() => att.forward(randnFixed([2, 5]), k.detach(), v.detach(), { mask }).context, [p]).ok).toBe(true);
      }
    });
  }
});

function randnFixed(shape: number[]): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return new Tensor(Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1)), shape);
}

describe("attention input errors", () => {
  const att = new DotAttention();
  const k = randn([2, 4, 3]);
  it("name the module and the shapes", () => {
    expect(() => att.forward(randn([3, 3]), k, k)).toThrow(ShapeError);
    expect(() => att.forward(randn([3, 3]), k, k)).toThrow(/DotAttention.forward: query, keys and values must share B/);
    expect(() => att.forward(randn([2, 5]), k, k)).toThrow(/expected \[B, 3\] or \[B, T, 3\], got \[2, 5\]/);
    expect(() => att.forward(randn([2, 3]), k, k, { mask: paddingMask([4], 4) })).toThrow(/mask must be \[B, S\] = \[2, 4\]; got \[1, 4\]/);
  });

  it("refuse a fully masked row and a dtype mismatch", () => {
    const full = tensor([[1, 1, 1, 1], [0, 0, 0, 0]]);
    expect(() => att.forward(randn([2, 3]), k, k, { mask: full })).toThrow(ValueError);
    expect(() => new AdditiveAttention(3).forward(randn([2, 3], f64), randn([2, 4, 3], f64), randn([2, 4, 3], f64))).toThrow(DTypeError);
  });
});

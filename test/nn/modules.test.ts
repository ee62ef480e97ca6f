import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DTypeError, IndexError, ShapeError, ValueError, manualSeed, nn, ones, randn, tensor } from "../../src";
import { Stream, maxExcess } from "./torch-case";

interface ModuleCase {
  module: "Linear" | "Embedding";
  seed: number;
  x?: number[];
  outFeatures?: number;
  bias?: boolean;
  num?: number;
  dim?: number;
  ids?: number[] | number[][];
  paddingIdx?: number | null;
  y: number[];
  yShape: number[];
  grads: Record<string, number[]>;
}

const CASES = (JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "torch", "rnn_modules.json"), "utf8")) as { cases: ModuleCase[] }).cases;

describe("Linear and Embedding match PyTorch", () => {
  for (const c of CASES) {
    it(`${c.module} ${c.module === "Linear" ? JSON.stringify(c.x) : JSON.stringify(c.ids)} matches in float64`, () => {
      const s = new Stream(c.seed);
      let y;
      const grads: Record<string, ArrayLike<number> | undefined> = {};
      if (c.module === "Linear") {
        const x0 = c.x ?? [];
        const m = new nn.Linear(x0[x0.length - 1] ?? 0, c.outFeatures ?? 0, { bias: c.bias, dtype: "float64" });
        for (const [, p] of m.namedParameters()) p.data.set(s.take(p.numel));
        const x = s.tensor(x0, "float64", true);
        y = m.forward(x);
        y.mul(s.tensor(y.shape, "float64")).sum().backward();
        grads["x"] = x.grad?.data;
        for (const [n, p] of m.namedParameters()) grads[n] = p.grad?.data;
      } else {
        const m = new nn.Embedding(c.num ?? 0, c.dim ?? 0, { paddingIdx: c.paddingIdx ?? undefined, dtype: "float64" });
        m.weight.data.set(s.take(m.weight.numel));
        y = m.forward(tensor(c.ids ?? [], { dtype: "int32" }));
        y.mul(s.tensor(y.shape, "float64")).sum().backward();
        grads["weight"] = m.weight.grad?.data;
      }
      expect(y.shape).toEqual(c.yShape);
      expect(maxExcess(y.data, c.y, 1e-10)).toBeLessThanOrEqual(1e-10);
      for (const [name, g] of Object.entries(c.grads)) {
        expect(maxExcess(grads[name] ?? [], g, 1e-10), `grad of ${name}`).toBeLessThanOrEqual(1e-10);
      }
    });
  }
});

describe("Embedding", () => {
  it("starts with a zero padding row that receives no gradient", () => {
    manualSeed(3);
    const emb = new nn.Embedding(4, 3, { paddingIdx: 1 });
    expect(Array.from(emb.weight.data.subarray(3, 6))).toEqual([0, 0, 0]);
    emb.forward(tensor([1, 2, 1], { dtype: "int32" })).sum().backward();
    expect(Array.from(emb.weight.grad?.data ?? [])).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0]);
  });

  it("rejects out-of-range ids and non-integer ids, naming the module and shapes", () => {
    const emb = new nn.Embedding(4, 2);
    expect(() => emb.forward(tensor([[0, 4]], { dtype: "int32" }))).toThrow(IndexError);
    expect(() => emb.forward(tensor([[0, 4]], { dtype: "int32" }))).toThrow("Embedding.forward: ids must be in [0, 3] (numEmbeddings 4); got 4 at flat index 1 of ids [1, 2]");
    expect(() => emb.forward(tensor([0.5]))).toThrow(DTypeError);
    expect(() => new nn.Embedding(4, 2, { paddingIdx: 4 })).toThrow(ValueError);
  });
});

describe("Linear", () => {
  it("rejects a wrong feature size and a wrong dtype", () => {
    const lin = new nn.Linear(3, 2);
    expect(() => lin.forward(ones([2, 4]))).toThrow(ShapeError);
    expect(() => lin.forward(ones([2, 4]))).toThrow("Linear.forward: last dim of x must be inFeatures; expected [..., 3], got [2, 4]");
    expect(() => lin.forward(ones([2, 3], { dtype: "float64" }))).toThrow(DTypeError);
    expect(() => new nn.Linear(3, 2, { bais: false } as never)).toThrow('Linear: unknown option "bais"');
  });
});

describe("Dropout", () => {
  it("zeroes about p of the entries and rescales the rest in training", () => {
    manualSeed(4);
    const y = new nn.Dropout(0.25).forward(ones([4000]));
    const zerosSeen = Array.from(y.data).filter((v) => v === 0).length;
    expect(zerosSeen / 4000).toBeGreaterThan(0.22);
    expect(zerosSeen / 4000).toBeLessThan(0.28);
    expect(Array.from(y.data).every((v) => v === 0 || Math.abs(v - 4 / 3) < 1e-6)).toBe(true);
  });

  it("is the identity in eval mode and passes gradients through the mask", () => {
    const drop = new nn.Dropout(0.5);
    const x = randn([3, 3], { requiresGrad: true });
    expect(drop.eval().forward(x)).toBe(x);
    drop.train();
    const y = drop.forward(x);
    y.sum().backward();
    expect(Array.from(x.grad?.data ?? [])).toEqual(Array.from(y.data).map((v) => (v === 0 ? 0 : 2)));
  });

  it("rejects p outside [0, 1]", () => {
    expect(() => new nn.Dropout(1.5)).toThrow("Dropout: p must be a probability in [0, 1]; got 1.5");
  });
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Tensor, functional, gradcheck, loss, manualSeed, randint, randn, tensor } from "../../src";

interface Case {
  loss: "crossEntropy" | "nllLoss";
  shape: number[];
  logits: number[];
  targets: number[];
  options: { ignoreIndex: number; reduction: "mean" | "sum" | "none"; labelSmoothing?: number };
  out: number[];
  v: number[] | null;
  grad: number[];
}
interface MseCase { reduction: "mean" | "sum" | "none"; a: number[]; b: number[]; out: number[]; grad: number[] }

const fx = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "torch", "losses.json"), "utf8")) as {
  cases: Case[];
  allIgnoredMean: number | "nan";
  mse: MseCase[];
};

function maxDiff(a: ArrayLike<number>, b: readonly number[]): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < b.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}

describe("crossEntropy and nllLoss match PyTorch in float64", () => {
  for (const cs of fx.cases) {
    const o = cs.options;
    it(`${cs.loss} on ${JSON.stringify(cs.shape)} with ignoreIndex ${o.ignoreIndex}, reduction ${o.reduction}, labelSmoothing ${o.labelSmoothing ?? 0}`, () => {
      const x = tensor(Float64Array.from(cs.logits), { shape: cs.shape, requiresGrad: true });
      const t = tensor(Int32Array.from(cs.targets), { shape: cs.shape.slice(0, -1) });
      const out = cs.loss === "crossEntropy" ? loss.crossEntropy(x, t, o) : loss.nllLoss(x, t, { ignoreIndex: o.ignoreIndex, reduction: o.reduction });
      expect(out.shape).toEqual(o.reduction === "none" ? cs.shape.slice(0, -1) : []);
      expect(maxDiff(out.data, cs.out)).toBeLessThan(1e-12);
      if (cs.v === null) out.backward();
      else out.backward(tensor(Float64Array.from(cs.v), { shape: out.shape }));
      expect(maxDiff(x.grad?.data ?? [], cs.grad)).toBeLessThan(1e-12);
    });
  }

  it("gives NaN for a mean over targets that are all ignored, as PyTorch does", () => {
    expect(fx.allIgnoredMean).toBe("nan");
    const out = loss.crossEntropy(randn([2, 3]), tensor([-100, -100], { dtype: "int32" }));
    expect(Number.isNaN(out.item())).toBe(true);
  });

  it("equals nllLoss of logSoftmax", () => {
    manualSeed(3);
    const x = randn([4, 6], { dtype: "float64" });
    const t = randint(0, 6, [4]);
    const fused = loss.crossEntropy(x, t).item();
    const composed = loss.nllLoss(functional.logSoftmax(x, -1), t).item();
    expect(Math.abs(fused - composed)).toBeLessThan(1e-12);
  });

  it("stays finite for logits of magnitude 1e4 (stable log-sum-exp)", () => {
    const x = tensor([[1e4, -1e4, 0], [-1e4, 1e4, 1e4]], { requiresGrad: true });
    const out = loss.crossEntropy(x, [0, 1]);
    expect(out.item()).toBeCloseTo(Math.log(2) / 2, 5);
    out.backward();
    expect([...(x.grad?.data ?? [])].every(Number.isFinite)).toBe(true);
  });

  it("accepts float32 logits and gives float32 losses", () => {
    const out = loss.crossEntropy(tensor([[1, 2, 3]]), [2]);
    expect(out.dtype).toBe("float32");
    expect(out.item()).toBeCloseTo(0.40760596, 6);
  });
});

describe("the fused cross-entropy backward passes gradcheck", () => {
  const shapes = [[5, 4], [2, 3, 7], [1, 1], [4]];
  for (const shape of shapes) {
    for (const reduction of ["mean", "sum", "none"] as const) {
      it(`on ${JSON.stringify(shape)} with reduction ${reduction}, ignoreIndex and labelSmoothing`, () => {
        manualSeed(shape.length * 10 + reduction.length);
        const x = randn(shape, { dtype: "float64", requiresGrad: true });
        const C = shape[shape.length - 1] ?? 1;
        const t = randint(0, C, shape.slice(0, -1));
        if (t.numel > 1) t.data[1] = -1;
        const fn = (a: Tensor): Tensor => loss.crossEntropy(a, t, { reduction, ignoreIndex: -1, labelSmoothing: 0.2 });
        expect(gradcheck(fn, [x]).ok).toBe(true);
        const fnNll = (a: Tensor): Tensor => loss.nllLoss(a, t, { reduction, ignoreIndex: -1 });
        expect(gradcheck(fnNll, [x]).ok).toBe(true);
      });
    }
  }
});

describe("mseLoss and perplexity", () => {
  for (const cs of fx.mse) {
    it(`mseLoss with reduction ${cs.reduction} matches F.mse_loss`, () => {
      const a = tensor(Float64Array.from(cs.a), { shape: [3, 4], requiresGrad: true });
      const b = tensor(Float64Array.from(cs.b), { shape: [3, 4] });
      const out = loss.mseLoss(a, b, { reduction: cs.reduction });
      expect(maxDiff(out.data, cs.out)).toBeLessThan(1e-12);
      (cs.reduction === "none" ? out.sum() : out).backward();
      expect(maxDiff(a.grad?.data ?? [], cs.grad)).toBeLessThan(1e-12);
    });
  }
  it("perplexity of a uniform model is the number of classes", () => {
    const logits = tensor(new Float64Array(3 * 4 * 65), { shape: [3, 4, 65] });
    const t = randint(0, 65, [3, 4]);
    expect(loss.perplexity(logits, t)).toBeCloseTo(65, 9);
    expect(loss.perplexity(Math.log(65))).toBeCloseTo(65, 9);
    expect(loss.perplexity(tensor([Math.log(10)]))).toBeCloseTo(10, 5);
  });
});

describe("loss bad input", () => {
  it("names the target, the class count and both shapes for a target out of range", () => {
    const x = randn([2, 3, 5]);
    const t = tensor([[0, 1, 2], [3, 4, 5]], { dtype: "int32" });
    expect(() => loss.crossEntropy(x, t)).toThrow(
      /crossEntropy: target 5 at flat index 5 is out of range for 5 classes; expected 0 <= target < 5 or ignoreIndex -100; input is \[2, 3, 5\], targets are \[2, 3\]/,
    );
    expect(() => loss.nllLoss(randn([2, 5]), [0, -1])).toThrow(/nllLoss: target -1 at flat index 1 is out of range/);
  });
  it("names both shapes when the targets do not fit the logits", () => {
    expect(() => loss.crossEntropy(randn([4, 5]), [0, 1, 2])).toThrow(
      /crossEntropy: targets must have the input's shape without its class dim; input is \[4, 5\], expected targets \[4\], got \[3\]/,
    );
    expect(() => loss.mseLoss(randn([2, 3]), randn([3]))).toThrow(/mseLoss: input and target must have the same shape; input is \[2, 3\], target is \[3\]/);
  });
  it("rejects unknown options, bad reductions, bad smoothing and float targets", () => {
    const typo: Record<string, unknown> = { ignore_index: 0 };
    expect(() => loss.crossEntropy(randn([2, 3]), [0, 1], typo)).toThrow(/crossEntropy: unknown option "ignore_index"; expected one of ignoreIndex, reduction, labelSmoothing/);
    const red: { reduction: "mean" } = JSON.parse('{"reduction":"avg"}') as { reduction: "mean" };
    expect(() => loss.crossEntropy(randn([2, 3]), [0, 1], red)).toThrow(/crossEntropy: reduction must be "mean", "sum" or "none"; got avg/);
    expect(() => loss.crossEntropy(randn([2, 3]), [0, 1], { labelSmoothing: 1.5 })).toThrow(/labelSmoothing must be a number in \[0, 1\]; got 1.5/);
    expect(() => loss.crossEntropy(randn([2, 3]), tensor([0, 1]))).toThrow(/crossEntropy: targets must be int32 class indices; got float32 of shape \[2\]/);
    expect(() => loss.crossEntropy(tensor([[1, 2]], { dtype: "int32" }), [0])).toThrow(/crossEntropy: input must be float32 or float64; got int32 of shape \[1, 2\]/);
  });
});

import { describe, expect, it } from "vitest";
import { Tensor, amax, gradcheck, logSoftmax, randn, softmax, tensor } from "../../src";

const f64 = { dtype: "float64", requiresGrad: true } as const;

function rowSums(t: Tensor, dim: number): number[] {
  return Array.from(t.sum(dim).data);
}

describe("softmax and logSoftmax", () => {
  it("softmax gives probabilities that sum to 1 along the dim", () => {
    const x = randn([3, 4, 5], { dtype: "float64" });
    for (const dim of [0, 1, -1]) {
      for (const s of rowSums(softmax(x, dim), dim)) expect(s).toBeCloseTo(1, 12);
    }
  });

  it("softmax matches exp(x) / sum(exp(x)) on small values", () => {
    const y = softmax(tensor([[1, 2, 3]], { dtype: "float64" }));
    const e = [Math.exp(1), Math.exp(2), Math.exp(3)];
    const z = e.reduce((p, q) => p + q, 0);
    expect(Array.from(y.data)).toEqual(e.map((v) => expect.closeTo(v / z, 14)));
  });

  it("stays finite for huge logits, where a naive exp overflows", () => {
    const x = tensor([[1000, 1001, 1002], [-1000, -1001, -1002]]);
    expect(Array.from(softmax(x).data).every(Number.isFinite)).toBe(true);
    const lp = logSoftmax(x);
    expect(Array.from(lp.data).every(Number.isFinite)).toBe(true);
    expect(lp.data[2]).toBeCloseTo(-Math.log(1 + Math.exp(-1) + Math.exp(-2)), 5);
  });

  it("logSoftmax equals log(softmax) where both are finite", () => {
    const x = randn([2, 6], { dtype: "float64" });
    const a = Array.from(logSoftmax(x, 1).data);
    const b = Array.from(softmax(x, 1).log().data);
    a.forEach((v, i) => expect(v).toBeCloseTo(b[i] ?? NaN, 12));
  });

  it("softmax and logSoftmax have correct gradients along every dim", () => {
    const x = randn([2, 3, 4], f64);
    for (const dim of [0, 1, 2]) {
      expect(gradcheck((v) => softmax(v, dim), [x]).ok).toBe(true);
      expect(gradcheck((v) => logSoftmax(v, dim), [x]).ok).toBe(true);
    }
  });

  it("are available as tensor methods", () => {
    const x = randn([2, 3]);
    expect(Array.from(x.softmax(0).data)).toEqual(Array.from(softmax(x, 0).data));
    expect(Array.from(x.logSoftmax().data)).toEqual(Array.from(logSoftmax(x, -1).data));
  });
});

describe("the fused softmax kernels", () => {
  /** The same functions composed of primitive ops: the reference the fused kernels must match. */
  const composedSoftmax = (x: Tensor, dim: number): Tensor => {
    const z = x.sub(amax(x, dim, true).detach());
    return z.exp().div(z.exp().sum(dim, true));
  };
  const composedLogSoftmax = (x: Tensor, dim: number): Tensor => {
    const z = x.sub(amax(x, dim, true).detach());
    return z.sub(z.exp().sum(dim, true).log());
  };

  for (const [name, fused, composed] of [
    ["softmax", softmax, composedSoftmax],
    ["logSoftmax", logSoftmax, composedLogSoftmax],
  ] as const) {
    it(`${name} matches its composition of primitives in value and gradient`, () => {
      const x = randn([3, 4, 5], { dtype: "float64" });
      const g = randn([3, 4, 5], { dtype: "float64" });
      for (const dim of [0, 1, 2]) {
        const a = x.detach().requiresGrad_();
        const b = x.clone().detach().requiresGrad_();
        const ya = fused(a, dim);
        const yb = composed(b, dim);
        ya.backward(g);
        yb.backward(g);
        Array.from(ya.data).forEach((v, i) => expect(v).toBeCloseTo(yb.data[i] ?? NaN, 12));
        Array.from(a.grad?.data ?? []).forEach((v, i) => expect(v).toBeCloseTo(b.grad?.data[i] ?? NaN, 12));
      }
    });
  }

  it("records one node named after the function", () => {
    const x = randn([2, 3], { requiresGrad: true });
    expect(softmax(x).gradFn?.name).toBe("SoftmaxBackward");
    expect(logSoftmax(x).gradFn?.name).toBe("LogSoftmaxBackward");
  });
});

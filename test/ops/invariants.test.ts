import { describe, expect, it } from "vitest";
import {
  Tensor, abs, add, amax, argmax, cat, chunk, clamp, div, dropout, exp, expand, flip, gather, getRngState, indexSelect, log, logSoftmax,
  manualSeed, maskedFill, matmul, max, maximum, mean, mul, norm, permute, pow, rand, randint, randn, relu, setRngState, sigmoid, slice,
  softmax, sqrt, stack, sub, sum, tanh, tensor, where,
} from "../../src";

const f64 = { dtype: "float64", requiresGrad: true } as const;

describe("ops never mutate their inputs", () => {
  const cases: Array<[string, (a: Tensor, b: Tensor) => Tensor | Tensor[]]> = [
    ["add", add], ["sub", sub], ["mul", mul], ["div", div], ["pow", (a, b) => pow(a.abs(), b)], ["maximum", maximum],
    ["exp", exp], ["log", (a) => log(abs(a))], ["sqrt", (a) => sqrt(abs(a))], ["tanh", tanh], ["sigmoid", sigmoid], ["relu", relu],
    ["clamp", (a) => clamp(a, -0.1, 0.1)], ["where", (a, b) => where(a.gt(0), a, b)], ["matmul", (a, b) => matmul(a, b.T)],
    ["sum", (a) => sum(a, 1)], ["mean", (a) => mean(a, 0)], ["amax", (a) => amax(a, 1)], ["max", (a) => max(a, 0).values],
    ["norm", (a) => norm(a, 2, 1)], ["permute", (a) => permute(a, [1, 0])], ["expand", (a) => expand(a, [2, 2, 3])],
    ["cat", (a, b) => cat([a, b], 1)], ["stack", (a, b) => stack([a, b])], ["chunk", (a) => chunk(a, 2, 1)], ["flip", (a) => flip(a, [0, 1])],
    ["slice", (a) => slice(a, 1, 1)], ["gather", (a) => gather(a, 1, tensor([[2, 0], [1, 1]], { dtype: "int32" }))],
    ["indexSelect", (a) => indexSelect(a, 1, [0, 0])], ["maskedFill", (a) => maskedFill(a, a.gt(0), 0)],
    ["softmax", (a) => softmax(a, 1)], ["logSoftmax", (a) => logSoftmax(a, 0)], ["dropout", (a) => dropout(a, 0.5)],
  ];
  for (const [name, op] of cases) {
    it(`${name} leaves its inputs' values untouched in forward and backward`, () => {
      manualSeed(3);
      const a = randn([2, 3], f64);
      const b = randn([2, 3], f64);
      const before = [Array.from(a.data), Array.from(b.data)];
      const out = op(a, b);
      const parts = Array.isArray(out) ? out : [out];
      stack(parts.map((p) => p.sum())).sum().backward();
      expect([Array.from(a.data), Array.from(b.data)]).toEqual(before);
    });
  }
});

describe("determinism", () => {
  it("the same seed gives identical random tensors and dropout masks", () => {
    const draw = (): number[][] => {
      manualSeed(42);
      const x = randn([3, 4]);
      return [Array.from(x.data), Array.from(rand([5]).data), Array.from(randint(0, 10, [6]).data), Array.from(dropout(x, 0.5).data)];
    };
    expect(draw()).toEqual(draw());
  });

  it("different seeds give different tensors", () => {
    manualSeed(1);
    const a = Array.from(randn([8]).data);
    manualSeed(2);
    expect(Array.from(randn([8]).data)).not.toEqual(a);
  });

  it("restoring the generator state replays the same numbers", () => {
    manualSeed(5);
    randn([3]);
    const state = getRngState();
    const first = Array.from(randn([4]).data);
    setRngState(state);
    expect(Array.from(randn([4]).data)).toEqual(first);
  });
});

describe("dtype promotion: float64 > float32 > int32", () => {
  const f32 = tensor([1.5, 2.5]);
  const f64t = tensor([1, 2], { dtype: "float64" });
  const i32 = tensor([1, 2], { dtype: "int32" });

  it("binary ops take the wider of the two dtypes", () => {
    expect(add(f32, f64t).dtype).toBe("float64");
    expect(mul(i32, f32).dtype).toBe("float32");
    expect(sub(i32, f64t).dtype).toBe("float64");
    expect(add(i32, i32).dtype).toBe("int32");
    expect(maximum(i32, f32).dtype).toBe("float32");
    expect(where(i32.gt(1), i32, f64t).dtype).toBe("float64");
    expect(cat([i32, f32]).dtype).toBe("float32");
    expect(matmul(f32, f64t).dtype).toBe("float64");
  });

  it("numbers adopt the tensor's dtype, except fractions with int32 tensors", () => {
    expect(add(f32, 1).dtype).toBe("float32");
    expect(add(f64t, 0.5).dtype).toBe("float64");
    expect(add(i32, 2).dtype).toBe("int32");
    expect(add(i32, 0.5).dtype).toBe("float32");
    expect(Array.from(add(i32, 0.5).data)).toEqual([1.5, 2.5]);
  });

  it("division and float functions of int32 give float32", () => {
    expect(div(i32, i32).dtype).toBe("float32");
    expect(Array.from(div(i32, tensor([2, 4], { dtype: "int32" })).data)).toEqual([0.5, 0.5]);
    expect(exp(i32).dtype).toBe("float32");
    expect(softmax(i32).dtype).toBe("float32");
  });

  it("comparisons and argmax give int32", () => {
    expect(f32.gt(f64t).dtype).toBe("int32");
    expect(argmax(f64t).dtype).toBe("int32");
  });

  it("a leaf's gradient keeps the leaf's dtype after a mixed op", () => {
    const a = tensor([1, 2], { requiresGrad: true });
    const b = tensor([3, 4], { dtype: "float64", requiresGrad: true });
    const h = a.mul(2);
    h.retainGrad();
    mul(h, b).sum().backward();
    expect(a.grad?.dtype).toBe("float32");
    expect(h.grad?.dtype).toBe("float32");
    expect(b.grad?.dtype).toBe("float64");
    expect(Array.from(a.grad?.data ?? [])).toEqual([6, 8]);
  });
});

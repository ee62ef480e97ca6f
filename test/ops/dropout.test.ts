import { describe, expect, it } from "vitest";
import { Generator, ValueError, dropout, manualSeed, ones, randn, tensor } from "../../src";

describe("dropout", () => {
  it("zeroes about p of the elements and scales the rest by 1/(1-p)", () => {
    manualSeed(0);
    const y = dropout(ones([10000]), 0.3);
    const values = Array.from(y.data);
    const zeros = values.filter((v) => v === 0).length;
    expect(zeros / values.length).toBeGreaterThan(0.27);
    expect(zeros / values.length).toBeLessThan(0.33);
    for (const v of values) if (v !== 0) expect(v).toBeCloseTo(1 / 0.7, 6);
  });

  it("sends the gradient through the same mask as the forward", () => {
    manualSeed(1);
    const x = randn([4, 5], { requiresGrad: true });
    const y = dropout(x, 0.5);
    y.sum().backward();
    const g = Array.from(x.grad?.data ?? []);
    Array.from(y.data).forEach((v, i) => expect(g[i]).toBe(v === 0 ? 0 : 2));
    expect(y.gradFn?.op).toBe("dropout");
  });

  it("is the identity in evaluation mode and for p = 0", () => {
    const x = randn([3]);
    expect(dropout(x, 0.5, false)).toBe(x);
    expect(dropout(x, 0)).toBe(x);
  });

  it("drops everything for p = 1", () => {
    expect(Array.from(dropout(ones([4]), 1).data)).toEqual([0, 0, 0, 0]);
  });

  it("draws its mask from the given generator, reproducibly", () => {
    const x = ones([50]);
    const a = dropout(x, 0.5, true, new Generator(9));
    const b = dropout(x, 0.5, true, new Generator(9));
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
  });

  it("rejects probabilities outside [0, 1] and integer input, naming the shape", () => {
    expect(() => dropout(ones([2, 3]), 1.5)).toThrow(ValueError);
    expect(() => dropout(ones([2, 3]), 1.5)).toThrow(/^dropout: .*\[2, 3\]/);
    expect(() => dropout(tensor([1, 2], { dtype: "int32" }), 0.5)).toThrow(/^dropout: /);
  });
});

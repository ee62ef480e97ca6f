import { describe, expect, it } from "vitest";
import { gradcheck, randn, manualSeed, tensor, matmul, cat } from "../../src";

const f64 = { dtype: "float64" as const, requiresGrad: true };

describe("core ops", () => {
  it("matmul with broadcasting batch dims passes gradcheck", () => {
    manualSeed(1);
    const a = randn([2, 1, 3, 4], f64);
    const b = randn([5, 4, 2], f64);
    expect(gradcheck((x, y) => matmul(x, y).tanh(), [a, b]).ok).toBe(true);
  });
  it("cat and broadcasting add pass gradcheck", () => {
    manualSeed(2);
    const a = randn([3, 1], f64);
    const b = randn([4], f64);
    expect(gradcheck((x, y) => cat([x.add(y), x.mul(y).sigmoid()], 0), [a, b]).ok).toBe(true);
  });
  it("adds a vector to every row", () => {
    expect(tensor([[1, 2], [3, 4]]).add(tensor([10, 20])).toArray()).toEqual([[11, 22], [13, 24]]);
  });
});

import { describe, expect, it } from "vitest";
import { ShapeError, Tensor, gradcheck, manualSeed, matmul, randn, transpose } from "../../src";
import { matmulTransposed } from "../../src/ops/matmul";
import { leaf, trials } from "./helpers";

function gradsOf(f: (a: Tensor, b: Tensor) => Tensor, a: Tensor, b: Tensor): Float64Array[] {
  const x = a.detach().requiresGrad_();
  const y = b.detach().requiresGrad_();
  f(x, y).mul(randn(f(a, b).shape, { dtype: a.dtype })).sum().backward();
  return [Float64Array.from(x.grad?.data ?? []), Float64Array.from(y.grad?.data ?? [])];
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}

describe("matmul of a batch by a matrix (batch folded into one GEMM)", () => {
  it("passes gradcheck on [2, 3, m, k] x [k, n] and [m, k] x [k, n]", () => {
    trials(2, 51, (gen) => {
      const [m, k, n] = [gen.integer(1, 4), gen.integer(1, 4), gen.integer(1, 4)];
      expect(gradcheck(matmul, [leaf([2, 3, m, k], gen), leaf([k, n], gen)]).ok).toBe(true);
      expect(gradcheck(matmul, [leaf([m, k], gen), leaf([k, n], gen)]).ok).toBe(true);
    });
  });

  it("gives the values and gradients of the per-batch product with an explicit batch dim", () => {
    manualSeed(52);
    const a = randn([4, 5, 6], { dtype: "float64" });
    const b = randn([6, 7], { dtype: "float64" });
    const b1 = b.reshape([1, 6, 7]);
    expect(maxDiff(matmul(a, b).data, matmul(a, b1).data)).toBeLessThan(1e-12);
    manualSeed(53);
    const [da, db] = gradsOf(matmul, a, b);
    manualSeed(53);
    const [da1, db1] = gradsOf((x, y) => matmul(x, y.reshape([1, 6, 7])), a, b);
    expect(maxDiff(da ?? [], da1 ?? [])).toBeLessThan(1e-12);
    expect(maxDiff(db ?? [], db1 ?? [])).toBeLessThan(1e-12);
  });
});

describe("matmulTransposed", () => {
  it("passes gradcheck with broadcast batches and size-1 dims", () => {
    trials(2, 54, (gen) => {
      const [m, k, n] = [gen.integer(1, 4), gen.integer(1, 4), gen.integer(1, 4)];
      expect(gradcheck(matmulTransposed, [leaf([2, m, k], gen), leaf([2, n, k], gen)]).ok).toBe(true);
      expect(gradcheck(matmulTransposed, [leaf([2, 1, m, k], gen), leaf([3, n, k], gen)]).ok).toBe(true);
      expect(gradcheck(matmulTransposed, [leaf([m, k], gen), leaf([n, k], gen)]).ok).toBe(true);
    });
  });

  it("equals matmul with the transposed second operand, values and gradients", () => {
    manualSeed(55);
    const q = randn([3, 4, 8]);
    const keys = randn([3, 5, 8]);
    expect(maxDiff(matmulTransposed(q, keys).data, matmul(q, transpose(keys, 1, 2)).data)).toBeLessThan(1e-5);
    manualSeed(56);
    const [dq, dk] = gradsOf(matmulTransposed, q, keys);
    manualSeed(56);
    const [dq1, dk1] = gradsOf((x, y) => matmul(x, transpose(y, 1, 2)), q, keys);
    expect(maxDiff(dq ?? [], dq1 ?? [])).toBeLessThan(1e-5);
    expect(maxDiff(dk ?? [], dk1 ?? [])).toBeLessThan(1e-5);
  });

  it("names both shapes when the feature sizes differ", () => {
    const call = (): Tensor => matmulTransposed(randn([2, 3, 4]), randn([2, 5, 6]));
    expect(call).toThrow(ShapeError);
    expect(call).toThrow("matmulTransposed: need [..., m, k] and [..., n, k]; a is [2, 3, 4], b is [2, 5, 6]");
  });
});

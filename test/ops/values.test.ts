import { describe, expect, it } from "vitest";
import { argmax, argmin, chunk, flip, gather, max, maskedFill, min, norm, slice, split, tensor } from "../../src";

const arr = (t: { data: ArrayLike<number> }): number[] => Array.from(t.data);

describe("reductions with indices", () => {
  it("max along a dim gives values and int32 indices, first index on ties", () => {
    const { values, indices } = max(tensor([[1, 5, 5], [7, 2, 7]]), 1);
    expect(arr(values)).toEqual([5, 7]);
    expect(indices.dtype).toBe("int32");
    expect(arr(indices)).toEqual([1, 0]);
  });

  it("keepdim keeps the reduced dim as size 1", () => {
    const { values, indices } = min(tensor([[3, 1], [0, 4]]), 0, true);
    expect(values.shape).toEqual([1, 2]);
    expect(arr(indices)).toEqual([1, 0]);
    expect(argmax(tensor([[3, 1], [0, 4]]), undefined, true).shape).toEqual([1, 1]);
  });

  it("NaN wins, as in PyTorch", () => {
    const { values, indices } = max(tensor([1, NaN, 3]), 0);
    expect(Number.isNaN(values.item())).toBe(true);
    expect(indices.item()).toBe(1);
    expect(Number.isNaN(max(tensor([1, NaN, 3])).item())).toBe(true);
  });

  it("argmax and argmin without a dim index the flattened tensor", () => {
    const x = tensor([[1, 9], [-4, 3]]);
    expect(argmax(x).item()).toBe(1);
    expect(argmin(x).item()).toBe(2);
    expect(argmax(x).shape).toEqual([]);
  });

  it("max over all elements splits the gradient between ties", () => {
    const x = tensor([2, 5, 5], { requiresGrad: true });
    max(x).backward();
    expect(arr(x.grad ?? tensor([]))).toEqual([0, 0.5, 0.5]);
  });

  it("max along a dim sends the whole gradient to the first tied element", () => {
    const x = tensor([[5, 5]], { requiresGrad: true });
    max(x, 1).values.sum().backward();
    expect(arr(x.grad ?? tensor([]))).toEqual([1, 0]);
  });
});

describe("norm", () => {
  const x = tensor([[3, -4], [0, 0]], { dtype: "float64", requiresGrad: true });

  it("computes 2-, 1- and infinity norms over dims", () => {
    expect(arr(norm(x, 2, 1))).toEqual([5, 0]);
    expect(arr(norm(x, 1, 1))).toEqual([7, 0]);
    expect(arr(norm(x, Infinity, 1))).toEqual([4, 0]);
    expect(norm(x).item()).toBe(5);
  });

  it("has a zero gradient at a zero norm, as PyTorch", () => {
    norm(x, 2, 1).sum().backward();
    const g = arr(x.grad ?? tensor([]));
    [0.6, -0.8, 0, 0].forEach((v, i) => expect(g[i]).toBeCloseTo(v, 14));
  });
});

describe("shape ops", () => {
  it("split by size leaves a smaller last piece; chunk may return fewer pieces", () => {
    expect(split(tensor([1, 2, 3, 4, 5]), 2).map(arr)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk(tensor([1, 2, 3, 4, 5, 6]), 4).map(arr)).toEqual([[1, 2], [3, 4], [5, 6]]);
  });

  it("flip reverses the chosen dims", () => {
    expect(flip(tensor([[1, 2], [3, 4]]), [0, 1]).toArray()).toEqual([[4, 3], [2, 1]]);
    expect(flip(tensor([[1, 2], [3, 4]]), 1).toArray()).toEqual([[2, 1], [4, 3]]);
  });

  it("gather picks along a dim with index's shape", () => {
    const x = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(gather(x, 1, tensor([[2, 0], [1, 1]], { dtype: "int32" })).toArray()).toEqual([[3, 1], [5, 5]]);
  });

  it("maskedFill writes the value where the broadcast mask is set", () => {
    const x = tensor([[1, 2], [3, 4]]);
    expect(maskedFill(x, tensor([0, 1], { dtype: "int32" }), -1).toArray()).toEqual([[1, -1], [3, -1]]);
  });

  it("slice follows Python's rules for negative and out-of-range bounds", () => {
    const x = tensor([0, 1, 2, 3, 4, 5]);
    expect(arr(slice(x, 0, -2))).toEqual([4, 5]);
    expect(arr(slice(x, 0, 1, 100, 2))).toEqual([1, 3, 5]);
    expect(arr(slice(x, 0, 4, 2))).toEqual([]);
  });
});

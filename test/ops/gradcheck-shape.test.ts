import { describe, expect, it } from "vitest";
import {
  Tensor, cast, cat, chunk, clone, expand, flatten, flip, gather, gradcheck, indexSelect, maskedFill, matmul, narrow, permute, randint,
  reshape, select, slice, split, squeeze, stack, tensor, transpose, unsqueeze,
} from "../../src";
import { leaf, trials } from "./helpers";

/** Sums a list of tensors of possibly different shapes into one scalar, for gradcheck. */
function total(parts: Tensor[]): Tensor {
  return stack(parts.map((p, i) => p.sum().mul(i + 1)));
}

describe("gradcheck of shape ops", () => {
  it("reshape, flatten, squeeze and unsqueeze pass gradients through", () => {
    const x = leaf([2, 1, 3]);
    expect(gradcheck((v) => reshape(v, [3, -1]), [x]).ok).toBe(true);
    expect(gradcheck((v) => flatten(v, 1), [x]).ok).toBe(true);
    expect(gradcheck((v) => squeeze(v, 1), [x]).ok).toBe(true);
    expect(gradcheck((v) => squeeze(v), [x]).ok).toBe(true);
    expect(gradcheck((v) => unsqueeze(v, -1), [x]).ok).toBe(true);
  });

  it("permute and transpose have correct gradients", () => {
    const x = leaf([2, 3, 4]);
    expect(gradcheck((v) => permute(v, [2, 0, 1]), [x]).ok).toBe(true);
    expect(gradcheck((v) => transpose(v, 0, -1), [x]).ok).toBe(true);
  });

  it("expand sums the gradient over repeated size-1 dims", () => {
    const x = leaf([3, 1]);
    expect(gradcheck((v) => expand(v, [2, 3, 4]), [x]).ok).toBe(true);
  });

  it("narrow, select and slice place the gradient into the slice", () => {
    const x = leaf([4, 5]);
    expect(gradcheck((v) => narrow(v, 1, 1, 3), [x]).ok).toBe(true);
    expect(gradcheck((v) => select(v, 0, -1), [x]).ok).toBe(true);
    expect(gradcheck((v) => slice(v, 1, -4, 5, 2), [x]).ok).toBe(true);
  });

  it("cat and stack split the gradient back to their inputs", () => {
    const a = leaf([2, 3]);
    const b = leaf([2, 1]);
    expect(gradcheck((p, q) => cat([p, q, p], 1), [a, b]).ok).toBe(true);
    expect(gradcheck((p) => stack([p, p.mul(2)], 1), [a]).ok).toBe(true);
  });

  it("split and chunk give pieces whose gradients add up to the input's", () => {
    const x = leaf([5, 3]);
    expect(gradcheck((v) => total(split(v, 2)), [x]).ok).toBe(true);
    expect(gradcheck((v) => total(split(v, [1, 2], 1)), [x]).ok).toBe(true);
    expect(gradcheck((v) => total(chunk(v, 3, 0)), [x]).ok).toBe(true);
  });

  it("flip reverses the gradient along the flipped dims", () => {
    trials(3, 31, (gen) => {
      const x = leaf([gen.integer(1, 4), gen.integer(1, 4), 2], gen);
      expect(gradcheck((v) => flip(v, [0, 2]), [x]).ok).toBe(true);
    });
  });

  it("gather scatter-adds the gradient, also for repeated indices", () => {
    const x = leaf([3, 4]);
    const index = tensor([[0, 0, 3], [2, 1, 2]], { dtype: "int32" });
    expect(gradcheck((v) => gather(v, 1, index), [x]).ok).toBe(true);
    const rows = tensor([[2, 0, 1, 1], [2, 2, 0, 1]], { dtype: "int32" });
    expect(gradcheck((v) => gather(v, 0, rows), [x]).ok).toBe(true);
  });

  it("indexSelect scatter-adds the gradient of repeated rows", () => {
    const x = leaf([4, 3]);
    const ids = randint(0, 4, [6]);
    expect(gradcheck((v) => indexSelect(v, 0, ids), [x]).ok).toBe(true);
    expect(gradcheck((v) => indexSelect(v, 1, [2, 2, 0]), [x]).ok).toBe(true);
  });

  it("maskedFill with a broadcast mask stops the gradient at filled places", () => {
    const x = leaf([2, 3, 4]);
    const mask = tensor([[1, 0, 0, 1]], { dtype: "int32" });
    expect(gradcheck((v) => maskedFill(v, mask, -1e9), [x]).ok).toBe(true);
  });

  it("clone and float casts pass the gradient through", () => {
    const x = leaf([2, 2]);
    expect(gradcheck((v) => clone(v).mul(v), [x]).ok).toBe(true);
    expect(gradcheck((v) => cast(cast(v, "float32"), "float64"), [x], { atol: 1e-3, rtol: 1e-2, eps: 1e-3 }).ok).toBe(true);
  });

  it("matmul handles vectors, matrices and broadcast batches", () => {
    trials(2, 41, (gen) => {
      const m = gen.integer(1, 4);
      const k = gen.integer(1, 4);
      const n = gen.integer(1, 4);
      expect(gradcheck(matmul, [leaf([k], gen), leaf([k], gen)]).ok).toBe(true);
      expect(gradcheck(matmul, [leaf([m, k], gen), leaf([k], gen)]).ok).toBe(true);
      expect(gradcheck(matmul, [leaf([k], gen), leaf([2, k, n], gen)]).ok).toBe(true);
      expect(gradcheck(matmul, [leaf([2, 1, m, k], gen), leaf([3, k, n], gen)]).ok).toBe(true);
    });
  });
});

import { describe, expect, it } from "vitest";
import "../../src/backend";
import { IndexError } from "../../src/errors";
import { crossEntropy, nllLoss } from "../../src/functional";
import { indexSelect } from "../../src/ops";
import { randn, tensor } from "../../src/tensor";

describe("index lists given as plain numbers", () => {
  const x = tensor([[0, 1], [2, 3], [4, 5]]);

  it.each([[[0.9, 1.5]], [[NaN]], [[2 ** 32 + 1]], [[Infinity]], [[-0.5]]])(
    "indexSelect raises an IndexError for %j (it used to truncate or wrap)",
    (index) => {
      expect(() => indexSelect(x, 0, index)).toThrow(IndexError);
      expect(() => indexSelect(x, 0, index)).toThrow(/^indexSelect: index must hold integers; got .* at position 0/);
    },
  );

  it("indexSelect still picks integer rows, repeats allowed", () => {
    expect(Array.from(indexSelect(x, 0, [2, 0, 2]).data)).toEqual([4, 5, 0, 1, 4, 5]);
  });

  it("crossEntropy and nllLoss raise for fractional targets (crossEntropy used to equal the loss for [0, 2])", () => {
    const logits = randn([2, 3]);
    expect(() => crossEntropy(logits, [0.5, 2.9])).toThrow(/^crossEntropy: targets must hold integers; got 0.5 at position 0/);
    expect(() => nllLoss(logits, [0, NaN])).toThrow(/^nllLoss: targets must hold integers; got NaN at position 1/);
    expect(crossEntropy(logits, [0, 2]).item()).toBeCloseTo(crossEntropy(logits, tensor([0, 2], { dtype: "int32" })).item(), 6);
  });
});

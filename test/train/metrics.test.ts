import { describe, expect, it } from "vitest";
import { tensor } from "../../src/tensor";
import { ShapeError } from "../../src/errors";
import { corpusBleu, exactMatch, tokenAccuracy } from "../../src/train";

describe("metrics", () => {
  it("token accuracy ignores padding and takes the argmax of scores", () => {
    const targets = tensor([[4, 5, 0], [6, 0, 0]], { dtype: "int32" });
    const ids = tensor([[4, 9, 7], [6, 1, 1]], { dtype: "int32" });
    expect(tokenAccuracy(ids, targets)).toBeCloseTo(2 / 3);
    const scores = tensor([[[0, 1], [1, 0]]]);
    expect(tokenAccuracy(scores, tensor([[1, 1]], { dtype: "int32" }))).toBeCloseTo(0.5);
    expect(() => tokenAccuracy(tensor([[1, 2, 3]]), tensor([[1, 2]], { dtype: "int32" }))).toThrow(ShapeError);
  });

  it("exact match counts whole sequences", () => {
    expect(exactMatch([["a", "b"], ["a"]], [["a", "b"], ["a", "c"]])).toBe(0.5);
  });

  it("corpus BLEU-4 is 1 for identical text and matches a hand computation", () => {
    const ref = "the cat sat on the mat".split(" ");
    expect(corpusBleu([ref], [ref])).toBeCloseTo(1);
    // hyp "the cat sat on the mat today": p1 = 6/7, p2 = 5/6, p3 = 4/5, p4 = 3/4, BP = 1 (c > r)
    const hyp = [...ref, "today"];
    const expected = Math.exp((Math.log(6 / 7) + Math.log(5 / 6) + Math.log(4 / 5) + Math.log(3 / 4)) / 4);
    expect(corpusBleu([hyp], [ref])).toBeCloseTo(expected, 10);
    // a shorter hypothesis pays the brevity penalty exp(1 - r/c)
    const short = ref.slice(0, 4);
    expect(corpusBleu([short], [ref])).toBeCloseTo(Math.exp(1 - 6 / 4), 10);
    // clipping: "the the the the" against "the cat" counts "the" once
    expect(corpusBleu([["the", "the"]], [["the", "cat"]], 1)).toBeCloseTo(0.5);
  });
});

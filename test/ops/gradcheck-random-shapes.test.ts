import { describe, expect, it } from "vitest";
import {
  Generator, Tensor, cat, dropout, flip, gather, gradcheck, logSoftmax, maskedFill, narrow, permute, randint, slice, softmax, split,
  squeeze, unsqueeze,
} from "../../src";
import { leaf, trials } from "./helpers";

/** A random shape of rank 1..3 with sizes 1..3. */
function shapeOf(gen: Generator): number[] {
  return Array.from({ length: gen.integer(1, 4) }, () => gen.integer(1, 4));
}

/** A random permutation of 0..n-1. */
function permutation(gen: Generator, n: number): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = gen.integer(0, i + 1);
    [p[i], p[j]] = [p[j] ?? j, p[i] ?? i];
  }
  return p;
}

describe("gradcheck of shape ops and composites over random shapes", () => {
  it("permute, flip, squeeze and unsqueeze", () => {
    trials(6, 101, (gen) => {
      const x = leaf(shapeOf(gen), gen);
      const perm = permutation(gen, x.ndim);
      const dims = perm.slice(0, gen.integer(1, x.ndim + 1));
      const at = gen.integer(0, x.ndim + 1);
      expect(gradcheck((v) => permute(v, perm), [x]).ok).toBe(true);
      expect(gradcheck((v) => flip(v, dims), [x]).ok).toBe(true);
      expect(gradcheck((v) => squeeze(unsqueeze(v, at)), [x]).ok).toBe(true);
    });
  });

  it("narrow, slice, split and cat along a random dim", () => {
    trials(6, 102, (gen) => {
      const x = leaf(shapeOf(gen), gen);
      const d = gen.integer(0, x.ndim);
      const size = x.shape[d] ?? 1;
      const start = gen.integer(0, size);
      const length = gen.integer(0, size - start + 1);
      const step = gen.integer(1, 3);
      expect(gradcheck((v) => narrow(v, d, start, length), [x]).ok).toBe(true);
      expect(gradcheck((v) => slice(v, d, start - size, size, step), [x]).ok).toBe(true);
      expect(gradcheck((v) => cat(split(v, 1, d).reverse(), d), [x]).ok).toBe(true);
    });
  });

  it("gather with random indices along a random dim", () => {
    trials(6, 103, (gen) => {
      const x = leaf(shapeOf(gen), gen);
      const d = gen.integer(0, x.ndim);
      const indexShape = x.shape.map((s, i) => (i === d ? gen.integer(1, 5) : gen.integer(1, s + 1)));
      const index = randint(0, x.shape[d] ?? 1, indexShape, { generator: gen });
      expect(gradcheck((v) => gather(v, d, index), [x]).ok).toBe(true);
    });
  });

  it("maskedFill with a random broadcast mask", () => {
    trials(6, 104, (gen) => {
      const x = leaf(shapeOf(gen), gen);
      const maskShape = x.shape.slice(gen.integer(0, x.ndim)).map((s) => (gen.uniform() < 0.5 ? 1 : s));
      const mask = randint(0, 2, maskShape, { generator: gen });
      expect(gradcheck((v) => maskedFill(v, mask, 0.25), [x]).ok).toBe(true);
    });
  });

  it("softmax and logSoftmax along a random dim", () => {
    trials(6, 105, (gen) => {
      const x = leaf(shapeOf(gen), gen);
      const d = gen.integer(-x.ndim, x.ndim);
      expect(gradcheck((v) => softmax(v, d), [x]).ok).toBe(true);
      expect(gradcheck((v) => logSoftmax(v, d), [x]).ok).toBe(true);
    });
  });

  it("dropout with a fixed mask (a fresh generator per call)", () => {
    trials(4, 106, (gen, t) => {
      const x: Tensor = leaf(shapeOf(gen), gen);
      expect(gradcheck((v) => dropout(v, 0.4, true, new Generator(t)), [x]).ok).toBe(true);
    });
  });
});

import { describe, expect, it } from "vitest";
import { Generator, Tensor, amax, amin, gradcheck, max, mean, min, norm, sum } from "../../src";
import { leaf, randomShape, trials } from "./helpers";

/** A random non-empty dim list of a tensor of rank >= 1. */
function someDims(gen: Generator, rank: number): number[] {
  const dims = Array.from({ length: rank }, (_, d) => d).filter(() => gen.uniform() < 0.5);
  return dims.length === 0 ? [gen.integer(0, rank)] : dims;
}

/** A float64 leaf of a random shape of rank >= 1. */
function ranked(gen: Generator): Tensor {
  const shape = randomShape(gen);
  return leaf(shape.length === 0 ? [gen.integer(1, 4)] : shape, gen);
}

describe("gradcheck of reductions", () => {
  const multiDim: Array<[string, (x: Tensor, dims: number[], keep: boolean) => Tensor]> = [
    ["sum", (x, d, k) => sum(x, d, k)],
    ["mean", (x, d, k) => mean(x, d, k)],
    ["amax", (x, d, k) => amax(x, d, k)],
    ["amin", (x, d, k) => amin(x, d, k)],
    ["norm (p = 2)", (x, d, k) => norm(x, 2, d, k)],
    ["norm (p = 1)", (x, d, k) => norm(x, 1, d, k)],
    ["norm (p = 3)", (x, d, k) => norm(x, 3, d, k)],
    ["norm (p = Infinity)", (x, d, k) => norm(x, Infinity, d, k)],
    ["norm (p = -Infinity)", (x, d, k) => norm(x, -Infinity, d, k)],
  ];
  for (const [name, op] of multiDim) {
    it(`${name} over one or several dims, with and without keepdim, has correct gradients`, () => {
      trials(5, name.length * 13, (gen, t) => {
        const x = ranked(gen);
        expect(gradcheck((v) => op(v, someDims(new Generator(t), x.ndim), t % 2 === 0), [x]).ok).toBe(true);
      });
    });
  }

  it("sum, amax and norm over all elements have correct gradients", () => {
    trials(3, 4, (gen) => {
      const x = leaf(randomShape(gen), gen);
      expect(gradcheck((v) => sum(v), [x]).ok).toBe(true);
      expect(gradcheck((v) => amax(v), [x]).ok).toBe(true);
      expect(gradcheck((v) => norm(v), [x]).ok).toBe(true);
    });
  });

  it("max and min along a dim send the gradient to the chosen element", () => {
    trials(6, 21, (gen, t) => {
      const x = ranked(gen);
      const dim = gen.integer(-x.ndim, x.ndim);
      expect(gradcheck((v) => max(v, dim, t % 2 === 0).values, [x]).ok).toBe(true);
      expect(gradcheck((v) => min(v, dim, t % 2 === 1).values, [x]).ok).toBe(true);
    });
  });

  it("max and min over all elements have correct gradients", () => {
    trials(3, 8, (gen) => {
      const x = leaf(randomShape(gen), gen);
      expect(gradcheck((v) => max(v), [x]).ok).toBe(true);
      expect(gradcheck((v) => min(v), [x]).ok).toBe(true);
    });
  });
});

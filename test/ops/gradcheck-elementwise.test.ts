import { describe, expect, it } from "vitest";
import {
  Tensor, abs, add, clamp, div, exp, gradcheck, log, maximum, minimum, mul, neg, pow, relu, sigmoid, sqrt, sub, tanh, tensor, where,
} from "../../src";
import { broadcastPair, leaf, positiveLeaf, randomShape, trials } from "./helpers";

type Binary = (a: Tensor, b: Tensor) => Tensor;
type Unary = (x: Tensor) => Tensor;

const binaries: Array<[string, Binary, boolean]> = [
  ["add", add, false],
  ["sub", sub, false],
  ["mul", mul, false],
  ["div", div, true],
  ["pow", pow, true],
  ["maximum", maximum, false],
  ["minimum", minimum, false],
];

const unaries: Array<[string, Unary, boolean]> = [
  ["neg", neg, false],
  ["exp", exp, false],
  ["log", log, true],
  ["sqrt", sqrt, true],
  ["abs", abs, false],
  ["tanh", tanh, false],
  ["sigmoid", sigmoid, false],
  ["relu", relu, false],
  ["clamp", (x) => clamp(x, -0.5, 0.7), false],
];

describe("gradcheck of elementwise ops", () => {
  for (const [name, op, positive] of binaries) {
    it(`${name} has correct gradients for broadcast shapes with size-1 dims`, () => {
      trials(5, name.length * 7, (gen) => {
        const [sa, sb] = broadcastPair(gen);
        const a = positive ? positiveLeaf(sa, gen) : leaf(sa, gen);
        const b = positive ? positiveLeaf(sb, gen) : leaf(sb, gen);
        expect(gradcheck(op, [a, b]).ok).toBe(true);
      });
    });
  }

  for (const [name, op, positive] of unaries) {
    it(`${name} has correct gradients for random shapes`, () => {
      trials(4, name.length * 11, (gen) => {
        const shape = randomShape(gen);
        const x = positive ? positiveLeaf(shape, gen) : leaf(shape, gen);
        expect(gradcheck(op, [x]).ok).toBe(true);
      });
    });
  }

  it("pow with a number exponent has a correct gradient", () => {
    trials(3, 5, (gen) => {
      const x = positiveLeaf(randomShape(gen), gen);
      expect(gradcheck((t) => pow(t, 2.5), [x]).ok).toBe(true);
      expect(gradcheck((t) => pow(t, -1), [x]).ok).toBe(true);
    });
  });

  it("where routes gradients to both branches with a broadcast condition", () => {
    trials(4, 9, (gen) => {
      const [sa, sb] = broadcastPair(gen);
      const a = leaf(sa, gen);
      const b = leaf(sb, gen);
      const cond = a.detach().gt(0);
      expect(gradcheck((x, y) => where(cond, x, y), [a, b]).ok).toBe(true);
    });
  });

  it("numbers mixed with tensors take the tensor's dtype and pass gradcheck", () => {
    const x = leaf([2, 3]);
    expect(gradcheck((t) => add(mul(t, 3), 1).div(2).sub(0.5), [x]).ok).toBe(true);
    expect(add(tensor([1, 2], { dtype: "float64" }), 1).dtype).toBe("float64");
  });
});

import { record } from "../autograd/record";
import type { Tensor } from "../tensor/tensor";
import { mul } from "./mul";
import { unaryForward } from "./operands";
import { tensorArg } from "./tensor-arg";

/** Elementwise absolute value: out = |x|. */
export function abs(x: Tensor): Tensor {
  tensorArg("abs", "x", x);
  const out = unaryForward(x, Math.abs);
  // dL/dx = g * sign(x) (0 at x = 0, as PyTorch)
  return record(out, "abs", [x], (g) => [mul(g, unaryForward(x, Math.sign))]);
}

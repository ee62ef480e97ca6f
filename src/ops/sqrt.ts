import { record } from "../autograd/record";
import type { Tensor } from "../tensor/tensor";
import { div } from "./div";
import { mul } from "./mul";
import { floatDType, unaryForward } from "./operands";
import { tensorArg } from "./tensor-arg";

/** Elementwise square root: out = sqrt(x). */
export function sqrt(x: Tensor): Tensor {
  tensorArg("sqrt", "x", x);
  const out = unaryForward(x, Math.sqrt, floatDType(x));
  // dL/dx = g / (2 sqrt(x))
  return record(out, "sqrt", [x], (g) => [div(g, mul(out, 2))]);
}

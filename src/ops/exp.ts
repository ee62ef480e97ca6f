import { record } from "../autograd/record";
import type { Tensor } from "../tensor/tensor";
import { mul } from "./mul";
import { floatDType, unaryForward } from "./operands";

/** Elementwise exponential: out = e^x. */
export function exp(x: Tensor): Tensor {
  const out = unaryForward(x, Math.exp, floatDType(x));
  // dL/dx = g * e^x
  return record(out, "exp", [x], (g) => [mul(g, out)]);
}

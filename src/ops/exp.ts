import { record } from "../autograd/record";
import type { Tensor } from "../tensor/tensor";
import { mul } from "./mul";
import { expMap } from "./loops/pointwise";
import { pointwise } from "./operands";
import { tensorArg } from "./tensor-arg";

/** Elementwise exponential: out = e^x. */
export function exp(x: Tensor): Tensor {
  tensorArg("exp", "x", x);
  const out = pointwise(x, expMap);
  // dL/dx = g * e^x
  return record(out, "exp", [x], (g) => [mul(g, out)]);
}

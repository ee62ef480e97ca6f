import { record } from "../autograd/record";
import type { Tensor } from "../tensor/tensor";
import { tanhGrad, tanhMap } from "../backend/js/pointwise";
import { pointwise, pointwiseGrad } from "./operands";

/** Elementwise hyperbolic tangent: out = tanh(x), the vanilla RNN's squashing function. */
export function tanh(x: Tensor): Tensor {
  const out = pointwise(x, tanhMap);
  // dL/dx = g * (1 - tanh(x)^2)
  return record(out, "tanh", [x], (g) => [pointwiseGrad(g, tanhGrad, out)]);
}

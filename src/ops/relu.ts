import { record } from "../autograd/record";
import type { Tensor } from "../tensor/tensor";
import { reluGrad, reluMap } from "../backend/js/pointwise";
import { pointwise, pointwiseGrad } from "./operands";

/** Elementwise rectifier: out = max(x, 0) (IRNN's nonlinearity). */
export function relu(x: Tensor): Tensor {
  const out = pointwise(x, reluMap, x.dtype);
  // dL/dx = g where x > 0, else 0
  return record(out, "relu", [x], (g) => [pointwiseGrad(g, reluGrad, x)]);
}

import { record } from "../autograd/record";
import type { Tensor } from "../tensor/tensor";
import { reluGrad, reluMap } from "./loops/pointwise";
import { pointwise, pointwiseGrad } from "./operands";
import { gt } from "./compare";
import { mul } from "./mul";
import { tensorArg } from "./tensor-arg";

/** Elementwise rectifier: out = max(x, 0) (IRNN's nonlinearity). */
export function relu(x: Tensor): Tensor {
  tensorArg("relu", "x", x);
  const out = pointwise(x, reluMap, x.dtype);
  // dL/dx = g where x > 0, else 0
  return record(out, "relu", [x], (g) => [g.requiresGrad ? mul(g, gt(x, 0)) : pointwiseGrad(g, reluGrad, x)]);
}

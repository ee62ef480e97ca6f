import { record } from "../autograd/record";
import type { Tensor } from "../tensor/tensor";
import { binaryForward, unaryForward } from "./operands";

/** Elementwise rectifier: out = max(x, 0) (IRNN's nonlinearity). */
export function relu(x: Tensor): Tensor {
  const out = unaryForward(x, (v) => (v > 0 ? v : 0));
  // dL/dx = g where x > 0, else 0
  return record(out, "relu", [x], (g) => [binaryForward("relu", g, x, (gv, v) => (v > 0 ? gv : 0))]);
}

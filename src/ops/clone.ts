import { record } from "../autograd/record";
import { Tensor } from "../tensor/tensor";

/** A copy of `x` with its own buffer; gradients pass straight through. */
export function clone(x: Tensor): Tensor {
  const out = new Tensor(x.data.slice(), x.shape);
  // dL/dx = g
  return record(out, "clone", [x], (g) => [g]);
}

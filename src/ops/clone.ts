import { record } from "../autograd/record";
import { Tensor } from "../tensor/tensor";
import { tensorArg } from "./tensor-arg";

/** A copy of `x` with its own buffer; gradients pass straight through. */
export function clone(x: Tensor): Tensor {
  tensorArg("clone", "x", x);
  const out = new Tensor(x.data.slice(), x.shape);
  // dL/dx = g
  return record(out, "clone", [x], (g) => [g]);
}

import { record } from "../autograd/record";
import { copyOf } from "../tensor/dtype";
import { Tensor } from "../tensor/tensor";
import { tensorArg } from "./tensor-arg";

/** A copy of `x` with its own buffer; gradients pass straight through. */
export function clone(x: Tensor): Tensor {
  tensorArg("clone", "x", x);
  const out = new Tensor(copyOf(x.data), x.shape);
  // dL/dx = g
  return record(out, "clone", [x], (g) => [g]);
}

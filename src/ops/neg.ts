import { record } from "../autograd/record";
import type { Tensor } from "../tensor/tensor";
import { unaryForward } from "./operands";
import { tensorArg } from "./tensor-arg";

/** Elementwise negation: out = -x. */
export function neg(x: Tensor): Tensor {
  tensorArg("neg", "x", x);
  const out = unaryForward(x, (v) => -v);
  // dL/dx = -g
  return record(out, "neg", [x], (g) => [neg(g)]);
}

import { record } from "../autograd/record";
import type { Tensor } from "../tensor/tensor";
import { unaryForward } from "./operands";

/** Elementwise negation: out = -x. */
export function neg(x: Tensor): Tensor {
  const out = unaryForward(x, (v) => -v);
  // dL/dx = -g
  return record(out, "neg", [x], (g) => [neg(g)]);
}

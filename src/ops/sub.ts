import { record } from "../autograd/record";
import type { Tensor, TensorLike } from "../tensor/tensor";
import { neg } from "./neg";
import { arithmeticForward, operands, sumTo } from "./operands";

/** Elementwise difference with broadcasting: out = a - b. */
export function sub(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands("sub", a, b);
  const out = arithmeticForward("sub", x, y);
  // dL/da = g, dL/db = -g
  return record(out, "sub", [x, y], (g) => [sumTo(g, x.shape), sumTo(neg(g), y.shape)]);
}

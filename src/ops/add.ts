import { record } from "../autograd/record";
import type { Tensor, TensorLike } from "../tensor/tensor";
import { arithmeticForward, operands, sumTo } from "./operands";

/**
 * Elementwise sum with broadcasting: out = a + b.
 *
 * @example add(tensor([1, 2]), 3) // tensor([4, 5])
 */
export function add(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands("add", a, b);
  const out = arithmeticForward("add", x, y);
  // dL/da = g, dL/db = g (summed over broadcast dims)
  return record(out, "add", [x, y], (g) => [sumTo(g, x.shape), sumTo(g, y.shape)]);
}

import { record } from "../autograd/record";
import type { Tensor, TensorLike } from "../tensor/tensor";
import { binaryForward, operands, sumTo } from "./operands";

/**
 * Elementwise sum with broadcasting: out = a + b.
 *
 * @example add(tensor([1, 2]), 3) // tensor([4, 5])
 */
export function add(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands("add", a, b);
  const out = binaryForward("add", x, y, (p, q) => p + q);
  // dL/da = g, dL/db = g (summed over broadcast dims)
  return record(out, "add", [x, y], (g) => [sumTo(g, x.shape), sumTo(g, y.shape)]);
}

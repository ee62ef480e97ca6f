import { record } from "../autograd/record";
import type { Tensor, TensorLike } from "../tensor/tensor";
import { arithmeticForward, operands, sumTo } from "./operands";

/** Elementwise (Hadamard) product with broadcasting: out = a * b. */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands("mul", a, b);
  const out = arithmeticForward("mul", x, y);
  // dL/da = g * b, dL/db = g * a
  return record(out, "mul", [x, y], (g) => [
    x.requiresGrad ? sumTo(mul(g, y), x.shape) : null,
    y.requiresGrad ? sumTo(mul(g, x), y.shape) : null,
  ]);
}

import { record } from "../autograd/record";
import type { Tensor, TensorLike } from "../tensor/tensor";
import { log } from "./log";
import { mul } from "./mul";
import { binaryForward, operands, sumTo } from "./operands";

/**
 * Elementwise power with broadcasting: out = a^b, with a scalar or tensor exponent.
 *
 * @example pow(x, 2) // x squared
 */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands("pow", a, b);
  const out = binaryForward("pow", x, y, Math.pow);
  // dL/da = g * b * a^(b-1); dL/db = g * a^b * ln a
  return record(out, "pow", [x, y], (g) => [
    x.requiresGrad ? sumTo(mul(g, binaryForward("pow", x, y, (p, q) => (q === 0 ? 0 : q * Math.pow(p, q - 1)))), x.shape) : null,
    y.requiresGrad ? sumTo(mul(g, mul(out, log(x))), y.shape) : null,
  ]);
}

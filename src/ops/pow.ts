import { record } from "../autograd/record";
import type { Tensor, TensorLike } from "../tensor/tensor";
import { log } from "./log";
import { mul } from "./mul";
import { binaryForward, operands, sumTo } from "./operands";
import { isGradEnabled } from "../autograd/grad-mode";
import { where } from "./where";
import { eq } from "./compare";
import { sub } from "./sub";

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
    x.requiresGrad ? sumTo(mul(g, powSlope(x, y)), x.shape) : null,
    y.requiresGrad ? sumTo(mul(g, mul(out, log(x))), y.shape) : null,
  ]);
}

/** d(x^y)/dx = y x^(y-1) (0 where y = 0); recorded ops in a backward pass with createGraph. */
function powSlope(x: Tensor, y: Tensor): Tensor {
  if (isGradEnabled()) return where(eq(y, 0), 0, mul(y, pow(x, sub(y, 1))));
  return binaryForward("pow", x, y, (p, q) => (q === 0 ? 0 : q * Math.pow(p, q - 1)));
}

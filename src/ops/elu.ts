import { record } from "../autograd/record";
import { ValueError } from "../errors";
import type { Tensor } from "../tensor/tensor";
import { add } from "./add";
import { gt } from "./compare";
import { mul } from "./mul";
import { pointwise } from "./operands";
import { where } from "./where";
import { tensorArg } from "./tensor-arg";

/**
 * Elementwise exponential linear unit (PyTorch's `F.elu`):
 *
 *   elu(x) = x for x > 0,   alpha (e^x - 1) otherwise   (alpha default 1)
 *
 * Backward: dL/dx = g for x > 0, g (elu(x) + alpha) = g alpha e^x otherwise.
 *
 * @example elu(x, 1.0)
 */
export function elu(x: Tensor, alpha = 1): Tensor {
  tensorArg("elu", "x", x);
  if (typeof alpha !== "number" || !Number.isFinite(alpha)) throw new ValueError(`elu: alpha must be a finite number; got ${alpha}`);
  const out = pointwise(x, (src, dst) => {
    for (let i = 0; i < src.length; i++) {
      const v = src[i] as number;
      dst[i] = v > 0 ? v : alpha * Math.expm1(v);
    }
  });
  // dL/dx = g where x > 0, g (out + alpha) elsewhere
  return record(out, "elu", [x], (g) => [where(gt(x, 0), g, mul(g, add(out, alpha)))]);
}

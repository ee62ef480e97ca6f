import { ValueError } from "../errors";
import { add } from "../ops/add";
import { erf } from "../ops/erf";
import { mul } from "../ops/mul";
import { sigmoid } from "../ops/sigmoid";
import { tanh } from "../ops/tanh";
import type { Tensor } from "../tensor/tensor";

/**
 * Gaussian error linear unit (PyTorch's `F.gelu`), the Transformer's feed-forward nonlinearity:
 *
 *   gelu(x) = x Phi(x) = x (1 + erf(x / sqrt 2)) / 2                                   (approximate "none")
 *   gelu(x) ~ x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) / 2                           (approximate "tanh")
 *
 * Composites of erf (or tanh), so gradients of every order are exact.
 *
 * @example gelu(h)
 */
export function gelu(x: Tensor, approximate: "none" | "tanh" = "none"): Tensor {
  if (approximate === "none") return mul(mul(x, 0.5), add(erf(mul(x, Math.SQRT1_2)), 1));
  if (approximate === "tanh") {
    const inner = mul(add(x, mul(mul(mul(x, x), x), 0.044715)), Math.sqrt(2 / Math.PI));
    return mul(mul(x, 0.5), add(tanh(inner), 1));
  }
  throw new ValueError(`gelu: approximate must be "none" or "tanh"; got ${String(approximate)}`);
}

/**
 * Sigmoid linear unit, or swish (PyTorch's `F.silu`): silu(x) = x sigmoid(x).
 *
 * @example silu(h)
 */
export function silu(x: Tensor): Tensor {
  return mul(x, sigmoid(x));
}

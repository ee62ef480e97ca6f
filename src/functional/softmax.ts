import { amax } from "../ops/amax";
import { exp } from "../ops/exp";
import { log } from "../ops/log";
import { div } from "../ops/div";
import { sub } from "../ops/sub";
import { sum } from "../ops/sum";
import { isFloating } from "../tensor/dtype";
import type { Tensor } from "../tensor/tensor";

/**
 * Softmax along `dim` (default the last):
 *
 *   softmax(x)_i = e^(x_i - m) / sum_j e^(x_j - m),   m = max_j x_j
 *
 * where i, j run along `dim`. Subtracting the max m (a constant: softmax is shift invariant) keeps
 * e^(.) from overflowing. Built from primitives, so its gradient comes from theirs:
 * dL/dx = y * (g - sum(g * y)).
 *
 * @example softmax(scores, -1) // attention weights [B, S], each row sums to 1
 */
export function softmax(x: Tensor, dim = -1): Tensor {
  const z = shifted(x, dim);
  const e = exp(z);
  return div(e, sum(e, dim, true));
}

/**
 * Log-softmax along `dim` (default the last), by the log-sum-exp trick:
 *
 *   logSoftmax(x)_i = (x_i - m) - log sum_j e^(x_j - m),   m = max_j x_j
 *
 * Never takes the log of a rounded-to-zero probability, so it is the stable input of NLL losses.
 *
 * @example logSoftmax(logits, -1) // [B, V] log-probabilities
 */
export function logSoftmax(x: Tensor, dim = -1): Tensor {
  const z = shifted(x, dim);
  return sub(z, log(sum(exp(z), dim, true)));
}

/** x - max(x) along dim, the max detached (it cancels out of both functions). */
function shifted(x: Tensor, dim: number): Tensor {
  const xf = isFloating(x.dtype) ? x : x.to("float32");
  return sub(xf, amax(xf, dim, true).detach());
}

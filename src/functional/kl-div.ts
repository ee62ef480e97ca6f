import { ValueError } from "../errors";
import { exp } from "../ops/exp";
import { gt } from "../ops/compare";
import { log } from "../ops/log";
import { mul } from "../ops/mul";
import { sub } from "../ops/sub";
import { where } from "../ops/where";
import type { Tensor } from "../tensor/tensor";
import { checkLossOptions } from "./loss-input";
import { reduce } from "./binary-cross-entropy";

/** Options of `klDiv`. */
export interface KLDivOptions {
  /** "mean" over all elements (default, as PyTorch), "batchmean" (the sum over the batch size: the true KL), "sum", "none". */
  reduction?: "mean" | "batchmean" | "sum" | "none";
  /** The target holds log-probabilities too (default false: probabilities). */
  logTarget?: boolean;
}

/**
 * Kullback-Leibler divergence KL(target || model) with the model given as log-probabilities
 * (PyTorch's `F.kl_div`; the argument order is PyTorch's, input first):
 *
 *   l_i = y_i (log y_i - x_i)            (0 where y_i = 0)
 *   l_i = e^(y_i) (y_i - x_i)            (logTarget)
 *
 * where x = log q are the model's log-probabilities and y the target distribution p. At y_i = 0 the
 * gradient with respect to y_i is 0 here (PyTorch gives -inf there, the one-sided limit). The KL of
 * each distribution is the sum over its classes: use reduction "batchmean" with x [B, C].
 *
 * @example klDiv(logSoftmax(student, -1), softmax(teacher, -1), { reduction: "batchmean" })
 */
export function klDiv(input: Tensor, target: Tensor, options: KLDivOptions = {}): Tensor {
  checkLossOptions("klDiv", options, ["reduction", "logTarget"]);
  const reduction = options.reduction ?? "mean";
  if (!["mean", "batchmean", "sum", "none"].includes(reduction)) {
    throw new ValueError(`klDiv: reduction must be "mean", "batchmean", "sum" or "none"; got ${String(reduction)}`);
  }
  let l: Tensor;
  if (options.logTarget === true) {
    l = mul(exp(target), sub(target, input));
  } else {
    // log y where y > 0 (1 elsewhere, so 0 log 0 is 0 and its gradient finite)
    const positive = gt(target, 0);
    l = where(positive, mul(target, sub(log(where(positive, target, 1)), input)), 0);
  }
  if (reduction === "batchmean") return l.sum().div(input.ndim === 0 ? 1 : (input.shape[0] ?? 1));
  return reduce(l, reduction);
}

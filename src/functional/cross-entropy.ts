import { ValueError } from "../errors";
import { crossEntropyRows } from "../ops/fused/cross-entropy";
import type { Tensor } from "../tensor/tensor";
import { weightedCrossEntropy } from "./weighted-cross-entropy";
import { Reduction, checkIgnoreIndex, checkLossOptions, checkReduction, classTargets } from "./loss-input";

/** Options of `crossEntropy`. */
export interface CrossEntropyOptions {
  /** Targets equal to this value contribute nothing, to the loss or to the mean's count (default -100). */
  ignoreIndex?: number;
  /** "mean" over non-ignored targets (default), "sum", or "none" (one loss per target). */
  reduction?: Reduction;
  /** epsilon: mix the one-hot target with the uniform distribution (default 0). */
  labelSmoothing?: number;
  /** A weight per class [C]: row i counts w_t_i times, and the mean divides by sum_i w_t_i. */
  weight?: Tensor;
}

const KEYS = ["ignoreIndex", "reduction", "labelSmoothing", "weight"];

/**
 * Cross-entropy of class scores against integer targets: a fused, stable log-softmax plus
 * negative log-likelihood with a hand-written backward (PyTorch's `F.cross_entropy`):
 *
 *   log p_ic = x_ic - lse_i,   lse_i = m_i + log sum_c e^(x_ic - m_i),   m_i = max_c x_ic
 *   l_i = -(1 - eps) log p_i,t_i - (eps / C) sum_c log p_ic
 *   L = sum_i l_i / |{i : t_i != ignoreIndex}|   (mean)   or   sum_i l_i   (sum)
 *
 * where x [..., C] are the logits (the class dim is the LAST one, e.g. [T, B, V] from a language
 * model; PyTorch puts it second for K-dim inputs), t [...] the int32 targets, C the classes and
 * eps `labelSmoothing`. Rows whose target is `ignoreIndex` give l_i = 0 (padding).
 * The gradient needs no graph of the softmax: dL/dx_ic = w_i (p_ic - (1 - eps) [c = t_i] - eps / C),
 * w_i the weight of row i in the reduction (1 / count for the mean, times the incoming gradient).
 * The forward computes it right after each row's exponentials, while the row is in cache, for an
 * incoming gradient of 1 (the op `crossEntropyRows` of ops/fused, on the backend's rows); the
 * backward of `loss.backward()` then only hands it over (other incoming gradients scale a copy).
 * Without a graph (no grad needed) nothing but the loss is kept.
 * A mean over zero targets is NaN, as in PyTorch. With `weight` [C] the composed path of
 * `weightedCrossEntropy` runs instead (l_i scaled by w_t_i, the mean divided by sum_i w_t_i).
 *
 * @example const loss = crossEntropy(logits, targets, { ignoreIndex: PAD });  // logits [T, B, V], targets [T, B]
 */
export function crossEntropy(logits: Tensor, targets: Tensor | readonly number[], options: CrossEntropyOptions = {}): Tensor {
  checkLossOptions("crossEntropy", options, KEYS);
  const reduction = checkReduction("crossEntropy", options.reduction ?? "mean");
  const ignoreIndex = checkIgnoreIndex("crossEntropy", options.ignoreIndex ?? -100);
  const eps = options.labelSmoothing ?? 0;
  if (typeof eps !== "number" || !(eps >= 0 && eps <= 1)) {
    throw new ValueError(`crossEntropy: labelSmoothing must be a number in [0, 1]; got ${String(eps)}`);
  }
  const t = classTargets("crossEntropy", logits, targets, ignoreIndex);
  if (options.weight !== undefined) return weightedCrossEntropy(logits, t, options.weight, reduction, ignoreIndex, eps);
  return crossEntropyRows(logits, t, ignoreIndex, eps, reduction);
}

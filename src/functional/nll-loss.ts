import { nllRows } from "../ops/nll-loss";
import type { Tensor } from "../tensor/tensor";
import { Reduction, checkIgnoreIndex, checkLossOptions, checkReduction, classTargets } from "./loss-input";

/** Options of `nllLoss`. */
export interface NLLLossOptions {
  /** Targets equal to this value contribute nothing (default -100). */
  ignoreIndex?: number;
  /** "mean" over non-ignored targets (default), "sum", or "none". */
  reduction?: Reduction;
}

/**
 * Negative log-likelihood of log-probabilities against integer targets (PyTorch's `F.nll_loss`):
 *
 *   l_i = -y_i,t_i,   L = sum_i l_i / |{i : t_i != ignoreIndex}|   (mean)
 *
 * where y [..., C] are log-probabilities (e.g. from `logSoftmax`, class dim last) and t [...] the
 * int32 targets. `crossEntropy(x, t)` equals `nllLoss(logSoftmax(x), t)`, fused.
 *
 * @example const loss = nllLoss(logSoftmax(logits), targets);
 */
export function nllLoss(logProbs: Tensor, targets: Tensor | readonly number[], options: NLLLossOptions = {}): Tensor {
  checkLossOptions("nllLoss", options, ["ignoreIndex", "reduction"]);
  const reduction = checkReduction("nllLoss", options.reduction ?? "mean");
  const ignoreIndex = checkIgnoreIndex("nllLoss", options.ignoreIndex ?? -100);
  const t = classTargets("nllLoss", logProbs, targets, ignoreIndex);
  return nllRows(logProbs, t, ignoreIndex, reduction);
}

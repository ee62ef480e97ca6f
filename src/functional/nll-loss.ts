import { record } from "../autograd/record";
import { allocate } from "../tensor/dtype";
import { mul } from "../ops/mul";
import { Tensor } from "../tensor/tensor";
import { reduceRows, targetsShape } from "./cross-entropy";
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
  const C = logProbs.shape[logProbs.ndim - 1] ?? 0;
  const N = t.length;
  const rows = new Float64Array(N);
  let count = 0;
  for (let i = 0; i < N; i++) {
    const ti = t[i] as number;
    if (ti === ignoreIndex) continue;
    count++;
    rows[i] = -(logProbs.data[i * C + ti] as number);
  }
  const out = reduceRows(logProbs, targetsShape(logProbs), rows, reduction, count);
  return record(out, "nll_loss", [logProbs], (g) => {
    if (g.requiresGrad) return [mul(perRow(g, reduction, N), pickMatrix(logProbs, t, ignoreIndex, reduction === "mean" ? -1 / count : -1)).reshape([...logProbs.shape])];
    // dL/dy_ic = -w_i [c = t_i]
    const gy = allocate(logProbs.dtype, logProbs.numel);
    const scale = reduction === "mean" ? 1 / count : 1;
    for (let i = 0; i < N; i++) {
      const ti = t[i] as number;
      if (ti === ignoreIndex) continue;
      gy[i * C + ti] = -(reduction === "none" ? (g.data[i] as number) : (g.data[0] as number)) * scale;
    }
    return [new Tensor(gy, logProbs.shape)];
  });
}

/** The incoming gradient as [N, 1] rows (reduction "none") or a scalar, for the recorded backward. */
export function perRow(g: Tensor, reduction: Reduction, N: number): Tensor {
  return reduction === "none" ? g.reshape([N, 1]) : g.reshape([1, 1]);
}

/** [..., C] holding `value` at (i, t_i) for every row whose target is not ignored, 0 elsewhere. */
export function pickMatrix(like: Tensor, t: Int32Array, ignoreIndex: number, value: number): Tensor {
  const C = like.shape[like.ndim - 1] ?? 0;
  const data = allocate(like.dtype, t.length * C);
  t.forEach((ti, i) => {
    if (ti !== ignoreIndex) data[i * C + ti] = value;
  });
  return new Tensor(data, [t.length, C]);
}

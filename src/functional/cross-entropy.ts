import { record } from "../autograd/record";
import { ValueError } from "../errors";
import { allocate } from "../tensor/dtype";
import { Tensor } from "../tensor/tensor";
import { Reduction, checkIgnoreIndex, checkLossOptions, checkReduction, classTargets } from "./loss-input";

/** Options of `crossEntropy`. */
export interface CrossEntropyOptions {
  /** Targets equal to this value contribute nothing, to the loss or to the mean's count (default -100). */
  ignoreIndex?: number;
  /** "mean" over non-ignored targets (default), "sum", or "none" (one loss per target). */
  reduction?: Reduction;
  /** epsilon: mix the one-hot target with the uniform distribution (default 0). */
  labelSmoothing?: number;
}

const KEYS = ["ignoreIndex", "reduction", "labelSmoothing"];

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
 * w_i the weight of row i in the reduction.
 * A mean over zero targets is NaN, as in PyTorch.
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
  const C = logits.shape[logits.ndim - 1] ?? 0;
  const N = t.length;
  const x = logits.data;
  // softmax rows kept for the backward (as PyTorch keeps log-softmax), so exp runs once:
  // probs holds e^(x_ic - m_i), rowScale 1 / sum_c e^(x_ic - m_i)
  const probs = allocate(logits.dtype, logits.numel);
  const rowScale = new Float64Array(N);
  const rowLoss = new Float64Array(N);
  let count = 0;
  for (let i = 0; i < N; i++) {
    const ti = t[i] as number;
    if (ti === ignoreIndex) continue;
    count++;
    const base = i * C;
    let m = -Infinity;
    let total = 0;
    for (let c = 0; c < C; c++) {
      const v = x[base + c] as number;
      if (v > m) m = v;
      total += v;
    }
    let s = 0;
    for (let c = 0; c < C; c++) {
      const e = Math.exp((x[base + c] as number) - m);
      probs[base + c] = e;
      s += e;
    }
    rowScale[i] = 1 / s;
    const l = m + Math.log(s);
    const nll = l - (x[base + ti] as number);
    // -(1/C) sum_c log p_ic = lse - mean_c x_ic
    rowLoss[i] = eps === 0 ? nll : (1 - eps) * nll + eps * (l - total / C);
  }
  const out = reduceRows(logits, targetsShape(logits), rowLoss, reduction, count);
  return record(out, "cross_entropy", [logits], (g) => {
    // dL/dx_ic = w_i * (softmax_ic - (1 - eps) [c = t_i] - eps / C)
    const gx = allocate(logits.dtype, logits.numel);
    const gd = g.data;
    const scale = reduction === "mean" ? 1 / count : 1;
    const off = eps / C;
    for (let i = 0; i < N; i++) {
      const ti = t[i] as number;
      if (ti === ignoreIndex) continue;
      const w = (reduction === "none" ? (gd[i] as number) : (gd[0] as number)) * scale;
      const base = i * C;
      const ws = w * (rowScale[i] as number);
      const wo = w * off;
      for (let c = 0; c < C; c++) gx[base + c] = ws * (probs[base + c] as number) - wo;
      gx[base + ti] = (gx[base + ti] as number) - w * (1 - eps);
    }
    return [new Tensor(gx, logits.shape)];
  });
}

/** The shape of the targets of scores [..., C]. */
export function targetsShape(scores: Tensor): number[] {
  return scores.shape.slice(0, -1);
}

/** Combines per-row losses into the result tensor of `reduction` (dtype of `like`). */
export function reduceRows(like: Tensor, shape: readonly number[], rows: Float64Array, reduction: Reduction, count: number): Tensor {
  if (reduction === "none") {
    const data = allocate(like.dtype, rows.length);
    data.set(rows);
    return new Tensor(data, shape);
  }
  let s = 0;
  for (let i = 0; i < rows.length; i++) s += rows[i] as number;
  const data = allocate(like.dtype, 1);
  data[0] = reduction === "sum" ? s : s / count;
  return new Tensor(data, []);
}

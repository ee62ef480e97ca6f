import { isGradEnabled } from "../autograd/grad-mode";
import { record } from "../autograd/record";
import { getBackend } from "../backend/backend";
import { ValueError } from "../errors";
import { TypedArray, allocate, dtypeOfArray } from "../tensor/dtype";
import { Tensor } from "../tensor/tensor";
import { weightedCrossEntropy } from "./weighted-cross-entropy";
import { perRow, pickMatrix } from "./nll-loss";
import { softmax } from "./softmax";
import { mul } from "../ops/mul";
import { sub } from "../ops/sub";
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
 * incoming gradient of 1 (the rows run on the backend: `Backend.crossEntropyRows`, WebAssembly
 * SIMD for float32); the backward of `loss.backward()` then only hands it over (other incoming
 * gradients scale a copy). Without a graph (no grad needed) nothing but the loss is kept.
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
  const C = logits.shape[logits.ndim - 1] ?? 0;
  const N = t.length;
  let count = 0;
  for (let i = 0; i < N; i++) if (t[i] !== ignoreIndex) count++;
  // grad: dL/dx for an incoming gradient of 1 (rows of ignored targets are 0), only with a graph
  const needsGrad = logits.requiresGrad && isGradEnabled();
  const grad = needsGrad ? allocate(logits.dtype, logits.numel) : null;
  const rowLoss = new Float64Array(N);
  const w = reduction === "mean" ? 1 / count : 1;
  getBackend().crossEntropyRows(N, C, logits.data, 0, t, ignoreIndex, eps, w, rowLoss, grad, 0);
  const out = reduceRows(logits, targetsShape(logits), rowLoss, reduction, count);
  if (grad === null) return out;
  return record(out, "cross_entropy", [logits], (g) => {
    if (isGradEnabled()) return [recordedGrad(logits, g, t, ignoreIndex, eps, reduction, count)];
    return [new Tensor(scaleRows(grad, g.data, reduction === "none", C), logits.shape)];
  });
}

/**
 * The gradient for the incoming gradient `g`: `grad` itself when g is the scalar 1 (the usual
 * `loss.backward()`), else a copy with row i scaled by g_i (reduction "none") or every row by g.
 */
function scaleRows(grad: TypedArray, g: TypedArray, perRow: boolean, C: number): TypedArray {
  if (!perRow && g[0] === 1) return grad;
  const out = allocate(dtypeOfArray(grad), grad.length);
  for (let i = 0; i < grad.length / C; i++) {
    const gi = (perRow ? g[i] : g[0]) as number;
    for (let c = i * C; c < (i + 1) * C; c++) out[c] = gi * (grad[c] as number);
  }
  return out;
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

/**
 * dL/dx = (softmax(x) - (1 - eps) onehot(t) - eps / C) w g as recorded ops, for a backward pass
 * with createGraph (second derivatives through the softmax); ignored rows get 0.
 */
function recordedGrad(logits: Tensor, g: Tensor, t: Int32Array, ignoreIndex: number, eps: number, reduction: Reduction, count: number): Tensor {
  const C = logits.shape[logits.ndim - 1] ?? 0;
  const N = t.length;
  const scale = reduction === "mean" ? 1 / count : 1;
  const live = allocate(logits.dtype, N);
  const target = pickMatrix(logits, t, ignoreIndex, 1 - eps);
  t.forEach((ti, i) => {
    if (ti === ignoreIndex) return;
    live[i] = scale;
    for (let c = 0; c < C; c++) target.data[i * C + c] = (target.data[i * C + c] as number) + eps / C;
  });
  const p = softmax(logits, -1).reshape([N, C]);
  const rows = mul(sub(p, target), new Tensor(live, [N, 1]));
  return mul(rows, perRow(g, reduction, N)).reshape([...logits.shape]);
}

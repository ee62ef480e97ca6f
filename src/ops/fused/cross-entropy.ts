import { isGradEnabled } from "../../autograd/grad-mode";
import { record, whenReleased } from "../../autograd/record";
import { getBackend } from "../../backend/backend";
import { TypedArray, allocate, dtypeOfArray, handOver, releaseStorage } from "../../tensor/dtype";
import { Tensor } from "../../tensor/tensor";
import { Reduction, reduceRows, targetsShape } from "../loss-rows";
import { mul } from "../mul";
import { perRow, pickMatrix } from "../nll-loss";
import { sub } from "../sub";
import { softmax } from "./softmax";

/**
 * Softmax cross-entropy of scores x [..., C] against checked int32 targets t (one per row), fused,
 * with a hand-written backward (the op of `crossEntropy`, which validates first):
 *
 *   l_i = (1 - eps) (lse_i - x_i,t_i) + eps (lse_i - (1/C) sum_c x_ic),   lse_i = log sum_c e^x_ic
 *   dL/dx_ic = w_i (softmax(x_i)_c - (1 - eps) [c = t_i] - eps / C)
 *
 * Rows whose target is `ignoreIndex` give 0 and are not counted in the mean. The rows run on the
 * backend (`Backend.crossEntropyRows`), which writes the gradient for an incoming gradient of 1
 * in the same pass, only when a graph is recorded.
 */
export function crossEntropyRows(logits: Tensor, t: Int32Array, ignoreIndex: number, eps: number, reduction: Reduction): Tensor {
  const C = logits.shape[logits.ndim - 1] ?? 0;
  const N = t.length;
  let count = 0;
  for (let i = 0; i < N; i++) if (t[i] !== ignoreIndex) count++;
  // grad: dL/dx for an incoming gradient of 1 (rows of ignored targets are 0), only with a graph
  const needsGrad = logits.requiresGrad && isGradEnabled();
  const grad = needsGrad ? allocate(logits.dtype, logits.numel) : null;
  const rowLoss = allocate("float64", N) as Float64Array; // float64 storage is a Float64Array
  const w = reduction === "mean" ? 1 / count : 1;
  getBackend().crossEntropyRows(N, C, logits.data, 0, t, ignoreIndex, eps, w, rowLoss, grad, 0);
  const out = reduceRows(logits, targetsShape(logits), rowLoss, reduction, count);
  releaseStorage(rowLoss); // this function's own: reduceRows copied or summed it
  if (grad === null) return out;
  const recorded = record(out, "cross_entropy", [logits], (g) => {
    if (isGradEnabled()) return [recordedGrad(logits, g, t, ignoreIndex, eps, reduction, count)];
    return [new Tensor(scaleRows(grad, g.data, reduction === "none", C), logits.shape)];
  });
  // the gradient rows are the pass's to give back once used (they may be the gradient itself)
  whenReleased(recorded, () => handOver(grad));
  return recorded;
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

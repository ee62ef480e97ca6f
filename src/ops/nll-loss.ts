import { record } from "../autograd/record";
import { allocate } from "../tensor/dtype";
import { Tensor } from "../tensor/tensor";
import { Reduction, reduceRows, targetsShape } from "./loss-rows";
import { mul } from "./mul";

/**
 * Negative log-likelihood of log-probabilities y [..., C] against checked int32 targets t (one per
 * row), the op of `nllLoss` (which validates first):
 *
 *   l_i = -y_i,t_i   (0 where t_i is ignoreIndex, not counted in the mean)
 *   dL/dy_ic = -w_i [c = t_i],   w_i = g (1/count for the mean; g_i for reduction "none")
 */
export function nllRows(logProbs: Tensor, t: Int32Array, ignoreIndex: number, reduction: Reduction): Tensor {
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

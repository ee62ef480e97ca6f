import { DTypeError, ShapeError } from "../errors";
import { gather } from "../ops/gather";
import { div } from "../ops/div";
import { indexSelect } from "../ops/index-select";
import { mul } from "../ops/mul";
import { neg } from "../ops/neg";
import { sub } from "../ops/sub";
import { sum } from "../ops/sum";
import { formatShape } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import type { Reduction } from "./loss-input";
import { logSoftmax } from "../ops/fused/softmax";

/**
 * Cross-entropy with a weight per class (PyTorch's `F.cross_entropy(..., weight=w)`), composed of
 * logSoftmax, gather and sums, so it is differentiable to every order:
 *
 *   l_i = w_t_i (-(1 - eps) log p_i,t_i) + (eps / C) sum_c w_c (-log p_ic)
 *   L = sum_i l_i / sum_i w_t_i   (mean)   or   sum_i l_i   (sum)
 *
 * where t_i is the target of row i, w [C] the class weights, eps the label smoothing; rows whose
 * target is ignoreIndex contribute 0 to both sums. `t` holds validated targets.
 */
export function weightedCrossEntropy(logits: Tensor, t: Int32Array, weight: Tensor, reduction: Reduction, ignoreIndex: number, eps: number): Tensor {
  const C = logits.shape[logits.ndim - 1] ?? 0;
  if (!(weight instanceof Tensor) || weight.dtype === "int32") {
    throw new DTypeError(`crossEntropy: weight must be a float tensor [C]; got ${weight instanceof Tensor ? weight.dtype : typeof weight}`);
  }
  if (weight.ndim !== 1 || weight.shape[0] !== C) {
    throw new ShapeError(`crossEntropy: weight must be [C] with C = ${C} classes; input is ${formatShape(logits.shape)}, weight is ${formatShape(weight.shape)}`);
  }
  const rowsShape = logits.shape.slice(0, -1);
  const N = t.length;
  const w = weight.to(logits.dtype);
  const logp = logSoftmax(logits, -1).reshape([N, C]);
  // ignored rows pick class 0 and get a row weight of 0
  const picked = Int32Array.from(t, (v) => (v === ignoreIndex ? 0 : v));
  const live = new Tensor(Float64Array.from(t, (v) => (v === ignoreIndex ? 0 : 1)), [N]).to(logits.dtype);
  const rowWeight = mul(indexSelect(w, 0, new Tensor(picked, [N])), live);
  const nll = neg(gather(logp, 1, new Tensor(picked, [N, 1])).reshape([N]));
  let rows = mul(rowWeight, nll);
  if (eps > 0) {
    const smooth = mul(neg(sum(mul(logp, w), 1)), live);
    rows = sub(mul(rows, 1 - eps), mul(smooth, -eps / C));
  }
  if (reduction === "none") return rows.reshape(rowsShape);
  const total = sum(rows);
  return reduction === "sum" ? total : div(total, sum(rowWeight));
}

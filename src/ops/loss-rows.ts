import { allocate } from "../tensor/dtype";
import { Tensor } from "../tensor/tensor";

/**
 * What the loss ops over rows of class scores share: how per-row losses become the result.
 */

/** How a loss combines its per-element values: their mean, their sum, or none (one per element). */
export type Reduction = "mean" | "sum" | "none";

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

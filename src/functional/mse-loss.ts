import { ShapeError } from "../errors";
import { formatShape, sameShape } from "../tensor/shape";
import type { Tensor } from "../tensor/tensor";
import { Reduction, checkLossOptions, checkReduction } from "./loss-input";

/** Options of `mseLoss`. */
export interface MSELossOptions {
  /** "mean" (default), "sum", or "none" (the squared errors, elementwise). */
  reduction?: Reduction;
}

/**
 * Mean squared error (PyTorch's `F.mse_loss`), built from primitive ops:
 *
 *   L = (1 / n) sum_i (x_i - y_i)^2
 *
 * where x is the prediction and y the target, both of the same shape (no silent broadcasting).
 *
 * @example const loss = mseLoss(model.forward(x), y);
 */
export function mseLoss(input: Tensor, target: Tensor, options: MSELossOptions = {}): Tensor {
  checkLossOptions("mseLoss", options, ["reduction"]);
  const reduction = checkReduction("mseLoss", options.reduction ?? "mean");
  if (!sameShape(input.shape, target.shape)) {
    throw new ShapeError(`mseLoss: input and target must have the same shape; input is ${formatShape(input.shape)}, target is ${formatShape(target.shape)}`);
  }
  const d = input.sub(target);
  const sq = d.mul(d);
  if (reduction === "none") return sq;
  return reduction === "sum" ? sq.sum() : sq.mean();
}

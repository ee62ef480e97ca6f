import { ShapeError } from "../errors";
import { add } from "../ops/add";
import { clamp } from "../ops/clamp";
import { log } from "../ops/log";
import { mul } from "../ops/mul";
import { neg } from "../ops/neg";
import { softplus } from "../ops/softplus";
import { sub } from "../ops/sub";
import { formatShape, sameShape } from "../tensor/shape";
import type { Tensor } from "../tensor/tensor";
import { Reduction, checkLossOptions, checkReduction } from "./loss-input";

/** Options of `binaryCrossEntropy`. */
export interface BCELossOptions {
  /** A weight broadcast against the elementwise losses (default none). */
  weight?: Tensor;
  /** "mean" (default), "sum", or "none". */
  reduction?: Reduction;
}

/** Options of `binaryCrossEntropyWithLogits`. */
export interface BCEWithLogitsOptions extends BCELossOptions {
  /** A weight of the positive targets, broadcast along the last dim (one per class; default 1). */
  posWeight?: Tensor;
}

/**
 * Binary cross-entropy of probabilities (PyTorch's `F.binary_cross_entropy`):
 *
 *   l_i = -w_i (y_i log x_i + (1 - y_i) log(1 - x_i)),   each log clamped to >= -100 as in PyTorch
 *
 * where x are probabilities in [0, 1] and y targets of the same shape. Prefer
 * `binaryCrossEntropyWithLogits` on raw scores: it never rounds a probability to 0 or 1.
 *
 * @example binaryCrossEntropy(sigmoid(scores), labels)
 */
export function binaryCrossEntropy(input: Tensor, target: Tensor, options: BCELossOptions = {}): Tensor {
  checkLossOptions("binaryCrossEntropy", options, ["weight", "reduction"]);
  const reduction = checkReduction("binaryCrossEntropy", options.reduction ?? "mean");
  checkSameShape("binaryCrossEntropy", input, target);
  const logX = clamp(log(input), -100);
  const log1mX = clamp(log(sub(1, input)), -100);
  const l = neg(add(mul(target, logX), mul(sub(1, target), log1mX)));
  return reduce(options.weight === undefined ? l : mul(l, options.weight), reduction);
}

/**
 * Binary cross-entropy of logits (PyTorch's `F.binary_cross_entropy_with_logits`), stable:
 *
 *   l_i = w_i ((1 - y_i) x_i + (1 + (p - 1) y_i) softplus(-x_i))
 *
 * which equals -w_i (p y_i log sigmoid(x_i) + (1 - y_i) log(1 - sigmoid(x_i))), where x are
 * logits, y targets in [0, 1] of the same shape, w `weight` and p `posWeight` [C] (recall vs
 * precision: p > 1 counts positives more). softplus keeps the gradient exact at x = 0.
 *
 * @example binaryCrossEntropyWithLogits(scores, labels, { posWeight: tensor([3]) })
 */
export function binaryCrossEntropyWithLogits(input: Tensor, target: Tensor, options: BCEWithLogitsOptions = {}): Tensor {
  checkLossOptions("binaryCrossEntropyWithLogits", options, ["weight", "posWeight", "reduction"]);
  const reduction = checkReduction("binaryCrossEntropyWithLogits", options.reduction ?? "mean");
  checkSameShape("binaryCrossEntropyWithLogits", input, target);
  const logWeight = options.posWeight === undefined ? null : add(mul(sub(options.posWeight, 1), target), 1);
  const sp = softplus(neg(input));
  const l = add(mul(sub(1, target), input), logWeight === null ? sp : mul(logWeight, sp));
  return reduce(options.weight === undefined ? l : mul(l, options.weight), reduction);
}

function checkSameShape(op: string, input: Tensor, target: Tensor): void {
  if (!sameShape(input.shape, target.shape)) {
    throw new ShapeError(`${op}: input and target must have the same shape; input is ${formatShape(input.shape)}, target is ${formatShape(target.shape)}`);
  }
}

/** The mean, the sum, or the elementwise losses. */
export function reduce(l: Tensor, reduction: Reduction): Tensor {
  if (reduction === "none") return l;
  return reduction === "sum" ? l.sum() : l.mean();
}

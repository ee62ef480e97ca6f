import { DTypeError, IndexError, ShapeError, ValueError } from "../errors";
import { isFloating } from "../tensor/dtype";
import { indexList } from "../tensor/index-list";
import { formatShape, sameShape } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import type { Reduction } from "../ops/loss-rows";

/** How a loss combines its per-element values: their mean, their sum, or none (one per element). */
export type { Reduction };

/** Throws a `ValueError` naming `op` for an option key outside `allowed`. */
export { checkKnownOptions as checkLossOptions } from "../known-options";

/** Checks a `reduction` option. */
export function checkReduction(op: string, reduction: unknown): Reduction {
  if (reduction === "mean" || reduction === "sum" || reduction === "none") return reduction;
  throw new ValueError(`${op}: reduction must be "mean", "sum" or "none"; got ${String(reduction)}`);
}

/**
 * Validates class scores [..., C] and integer targets [...] (the scores' shape without its last
 * dim) and returns the targets as an Int32Array. Every target must lie in [0, C) or equal
 * `ignoreIndex`; otherwise an `IndexError` names the value, its position and both shapes.
 */
export function classTargets(op: string, scores: Tensor, targets: Tensor | readonly number[], ignoreIndex: number): Int32Array {
  if (!isFloating(scores.dtype)) {
    throw new DTypeError(`${op}: input must be float32 or float64; got ${scores.dtype} of shape ${formatShape(scores.shape)}`);
  }
  if (scores.ndim === 0) {
    throw new ShapeError(`${op}: input must be [..., C] with a class dim; got a scalar ${formatShape(scores.shape)}`);
  }
  const t = targets instanceof Tensor ? targets : new Tensor(indexList(op, "targets", targets), [targets.length]);
  if (t.dtype !== "int32") {
    throw new DTypeError(`${op}: targets must be int32 class indices; got ${t.dtype} of shape ${formatShape(t.shape)}`);
  }
  const expected = scores.shape.slice(0, -1);
  if (!sameShape(t.shape, expected)) {
    throw new ShapeError(
      `${op}: targets must have the input's shape without its class dim; input is ${formatShape(scores.shape)}, ` +
        `expected targets ${formatShape(expected)}, got ${formatShape(t.shape)}`,
    );
  }
  const C = scores.shape[scores.ndim - 1] ?? 0;
  const idx = t.data as Int32Array;
  for (let i = 0; i < idx.length; i++) {
    const v = idx[i] as number;
    if ((v < 0 || v >= C) && v !== ignoreIndex) {
      throw new IndexError(
        `${op}: target ${v} at flat index ${i} is out of range for ${C} classes; expected 0 <= target < ${C} ` +
          `or ignoreIndex ${ignoreIndex}; input is ${formatShape(scores.shape)}, targets are ${formatShape(t.shape)}`,
      );
    }
  }
  return idx;
}

/** Checks that `ignoreIndex` is an integer. */
export function checkIgnoreIndex(op: string, ignoreIndex: unknown): number {
  if (typeof ignoreIndex !== "number" || !Number.isInteger(ignoreIndex)) {
    throw new ValueError(`${op}: ignoreIndex must be an integer; got ${String(ignoreIndex)}`);
  }
  return ignoreIndex;
}

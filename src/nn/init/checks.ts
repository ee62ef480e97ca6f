import { DTypeError, ShapeError } from "../../errors";
import { isFloating } from "../../tensor/dtype";
import { formatShape } from "../../tensor/shape";
import type { Tensor } from "../../tensor/tensor";

/** Throws unless `t` holds float32 or float64 values. */
export function requireFloatTensor(op: string, t: Tensor): void {
  if (!isFloating(t.dtype)) {
    throw new DTypeError(`${op}: tensor must be float32 or float64; got ${t.dtype} of shape ${formatShape(t.shape)}`);
  }
}

/** Throws unless `t` has at least `min` dimensions. */
export function requireRank(op: string, t: Tensor, min: number): void {
  if (t.ndim < min) {
    throw new ShapeError(`${op}: tensor must have at least ${min} dimensions; got ${formatShape(t.shape)}`);
  }
}

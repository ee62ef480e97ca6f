import { record } from "../autograd/record";
import { broadcastCopy } from "./loops/pointwise";
import { ShapeError } from "../errors";
import { allocate } from "../tensor/dtype";
import { broadcastShapes, broadcastStrides, formatShape, numelOf, sameShape, numberList } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { sumTo } from "./operands";
import { tensorArg } from "./tensor-arg";

/**
 * Repeats size-1 dims (and adds leading dims) to reach `shape`; -1 keeps a size.
 * seqgrad tensors are contiguous, so the result is a materialized copy.
 *
 * @example expand(bias, [B, H]) // [H] -> [B, H]
 */
export function expand(x: Tensor, shape: readonly number[]): Tensor {
  tensorArg("expand", "x", x);
  numberList("expand", "shape", shape);
  const lead = shape.length - x.ndim;
  if (lead < 0) {
    throw new ShapeError(`expand: the target must have at least as many dims as the tensor; tensor is ${formatShape(x.shape)}, target ${formatShape(shape)}`);
  }
  const target = shape.map((s, d) => (s === -1 && d >= lead ? (x.shape[d - lead] ?? 1) : s));
  if (!target.every((s) => Number.isInteger(s) && s >= 0)) {
    throw new ShapeError(`expand: sizes must be non-negative integers (or -1 to keep a dim); tensor is ${formatShape(x.shape)}, target ${formatShape(shape)}`);
  }
  for (let d = 0; d < x.ndim; d++) {
    const have = x.shape[d] ?? 1;
    const want = target[d + lead] ?? 1;
    if (have !== 1 && have !== want) {
      throw new ShapeError(`expand: only size-1 dims can grow; tensor is ${formatShape(x.shape)}, target ${formatShape(shape)} (dim ${d}: ${have} -> ${want})`);
    }
  }
  return expandTo(x, target);
}

/** Broadcasts x to `shape` (assumed compatible), differentiably. */
export function expandTo(x: Tensor, shape: readonly number[]): Tensor {
  if (sameShape(x.shape, shape)) return x;
  broadcastShapes("expand", x.shape, shape);
  const out = allocate(x.dtype, numelOf(shape));
  broadcastCopy(x.data, broadcastStrides(x.shape, shape), out, shape);
  // dL/dx = g summed over the repeated dims
  return record(new Tensor(out, shape), "expand", [x], (g) => [sumTo(g, x.shape)]);
}

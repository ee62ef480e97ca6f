import { record } from "../autograd/record";
import { extremumAlong } from "./loops/extremum";
import { ValueError } from "../errors";
import { allocate } from "../tensor/dtype";
import { formatShape, normalizeDims, reducedShape } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { div } from "./div";
import { mul } from "./mul";
import { aroundDim } from "./narrow";
import { binaryForward } from "./operands";
import { sum } from "./sum";
import { tensorArg } from "./tensor-arg";

/**
 * Largest value over `dim` (one or several; all when omitted): out = max_{reduced dims} x.
 * The gradient is split evenly between tied maxima (PyTorch's `amax` rule).
 *
 * @example amax(scores, -1, true) // [B, S] -> [B, 1], the shift of a stable softmax
 */
export function amax(x: Tensor, dim?: number | readonly number[], keepdim = false): Tensor {
  tensorArg("amax", "x", x);
  return reduceExtremum("amax", x, dim, keepdim, false);
}

/** Smallest value over `dim` (one or several; all when omitted); ties share the gradient evenly. */
export function amin(x: Tensor, dim?: number | readonly number[], keepdim = false): Tensor {
  tensorArg("amin", "x", x);
  return reduceExtremum("amin", x, dim, keepdim, true);
}

/** amax / amin under the name `op` (`max()` and `min()` without a dim use it too). */
export function reduceExtremum(op: string, x: Tensor, dim: number | readonly number[] | undefined, keepdim: boolean, takeMin: boolean): Tensor {
  const dims = normalizeDims(op, dim, x.ndim);
  checkReducible(op, x, dims);
  let values = x.data;
  const shape = [...x.shape];
  for (let j = dims.length - 1; j >= 0; j--) {
    const d = dims[j] as number;
    const { outer, size, inner } = aroundDim(shape, d);
    const next = allocate(x.dtype, outer * inner);
    extremumAlong(values, outer, size, inner, takeMin, next, new Int32Array(outer * inner));
    values = next;
    shape[d] = 1;
  }
  const { kept, out } = reducedShape(x.shape, dims, keepdim);
  const result = new Tensor(values === x.data ? x.data.slice() : values, out);
  // dL/dx = g / (number of ties) at every element equal to the extremum, 0 elsewhere
  return record(result, op, [x], (g) => {
    const mask = binaryForward(op, x, result.reshape(kept), (v, m) => (v === m || (v !== v && m !== m) ? 1 : 0), g.dtype);
    return [mul(mask, div(g.reshape(kept), sum(mask, dims, true)))];
  });
}

/** Throws when a reduced dim is empty: an extremum of nothing is undefined. */
export function checkReducible(op: string, x: Tensor, dims: readonly number[]): void {
  for (const d of dims) {
    if (x.shape[d] === 0) {
      throw new ValueError(`${op}: cannot reduce over an empty dim; expected size > 0 in dim ${d}, got shape ${formatShape(x.shape)}`);
    }
  }
}

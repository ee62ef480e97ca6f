import { record } from "../autograd/record";
import { binaryMap } from "./loops/elementwise";
import { allocate, promote } from "../tensor/dtype";
import { broadcastShapes, numelOf } from "../tensor/shape";
import { Tensor, TensorLike } from "../tensor/tensor";
import { asTensor, sumTo } from "./operands";
import { tensorArg } from "./tensor-arg";

/**
 * Picks a where `cond` is non-zero, b elsewhere, with broadcasting over all three.
 *
 * @example where(mask, scores, -Infinity)
 */
export function where(cond: Tensor, a: TensorLike, b: TensorLike): Tensor {
  tensorArg("where", "cond", cond);
  const x = asTensor("where", a, b instanceof Tensor ? b : undefined);
  const y = asTensor("where", b, x);
  const shape = broadcastShapes("where", broadcastShapes("where", cond.shape, x.shape), y.shape);
  const dtype = promote(x.dtype, y.dtype);
  const out = allocate(dtype, numelOf(shape));
  const picked = select(cond, x, shape, dtype, false);
  const other = select(cond, y, shape, dtype, true);
  for (let i = 0; i < out.length; i++) out[i] = (picked[i] as number) + (other[i] as number);
  // dL/da = g where cond, dL/db = g elsewhere
  return record(new Tensor(out, shape), "where", [x, y], (g) => g.requiresGrad ? [
    x.requiresGrad ? sumTo(where(cond, g, 0), x.shape) : null,
    y.requiresGrad ? sumTo(where(cond, 0, g), y.shape) : null,
  ] : [
    x.requiresGrad ? sumTo(new Tensor(select(cond, g, shape, g.dtype, false), shape), x.shape) : null,
    y.requiresGrad ? sumTo(new Tensor(select(cond, g, shape, g.dtype, true), shape), y.shape) : null,
  ]);
}

/** v broadcast to shape where cond is non-zero (or zero, when `invert`), 0 elsewhere. */
function select(cond: Tensor, v: Tensor, shape: readonly number[], dtype: Tensor["dtype"], invert: boolean): Tensor["data"] {
  const spread = allocate(dtype, numelOf(shape));
  const zero = allocate(dtype, 1);
  binaryMap(v.data, v.shape, zero, [], spread, shape, (p) => p);
  const out = allocate(dtype, spread.length);
  binaryMap(cond.data, cond.shape, spread, shape, out, shape, (c, p) => ((c !== 0) !== invert ? p : 0));
  return out;
}

import { record } from "../autograd/record";
import { flipAlong } from "./loops/extremum";
import { allocate } from "../tensor/dtype";
import { normalizeDims } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { aroundDim } from "./narrow";
import { tensorArg } from "./tensor-arg";

/**
 * Reverses the order of elements along each dim in `dims` (a copy):
 * out[..., i, ...] = x[..., n-1-i, ...].
 *
 * @example flip(x, 0) // [T, B, D] read backwards in time, for the reverse direction of a BiRNN
 */
export function flip(x: Tensor, dims: number | readonly number[]): Tensor {
  tensorArg("flip", "x", x);
  const ds = normalizeDims("flip", dims, x.ndim);
  let data = x.data;
  for (const d of ds) {
    const { outer, size, inner } = aroundDim(x.shape, d);
    const next = allocate(x.dtype, x.numel);
    flipAlong(data, outer, size, inner, next);
    data = next;
  }
  const out = new Tensor(data === x.data ? x.data.slice() : data, x.shape);
  // dL/dx = g flipped back along the same dims
  return record(out, "flip", [x], (g) => [flip(g, ds)]);
}

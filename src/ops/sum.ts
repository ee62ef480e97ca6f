import { record } from "../autograd/record";
import { sumDims } from "./loops/reduce";
import { allocate } from "../tensor/dtype";
import { normalizeDims, numelOf } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { expandTo } from "./expand";
import { tensorArg } from "./tensor-arg";

/**
 * Sum over `dim` (one or several; all when omitted), keeping reduced dims as size 1 if `keepdim`.
 *
 * @example sum(x, 1, true) // [B, H] -> [B, 1]
 */
export function sum(x: Tensor, dim?: number | readonly number[], keepdim = false): Tensor {
  tensorArg("sum", "x", x);
  const dims = normalizeDims("sum", dim, x.ndim);
  const kept = x.shape.map((s, d) => (dims.includes(d) ? 1 : s));
  const shape = keepdim ? kept : x.shape.filter((_, d) => !dims.includes(d));
  const out = allocate(x.dtype, numelOf(shape));
  sumDims(x.data, x.shape, dims, out);
  const result = new Tensor(out, shape);
  // dL/dx = g broadcast back over the reduced dims
  return record(result, "sum", [x], (g) => [expandTo(g.reshape(kept), x.shape)]);
}

/** Mean over `dim` (one or several; all when omitted). */
export function mean(x: Tensor, dim?: number | readonly number[], keepdim = false): Tensor {
  tensorArg("mean", "x", x);
  const dims = normalizeDims("mean", dim, x.ndim);
  let count = 1;
  for (const d of dims) count *= x.shape[d] ?? 1;
  const xs = x.dtype === "int32" ? x.to("float32") : x;
  return sum(xs, dims, keepdim).div(count);
}

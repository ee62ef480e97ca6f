import { IndexError } from "../errors";
import { formatShape, normalizeDim } from "../tensor/shape";
import type { Tensor } from "../tensor/tensor";
import { arange } from "../tensor/creation";
import { indexSelect } from "./index-select";
import { narrow } from "./narrow";
import { tensorArg } from "./tensor-arg";

/**
 * Python-style slice `x[..., start:end:step, ...]` of dim `dim`: negative bounds count from the
 * end, out-of-range bounds are clipped, `step` is a positive integer. A differentiable copy.
 *
 * @example slice(x, 0, -1) // all time steps but the last: inputs of a next-token model
 */
export function slice(x: Tensor, dim: number, start = 0, end = Infinity, step = 1): Tensor {
  tensorArg("slice", "x", x);
  const d = normalizeDim("slice", dim, x.ndim);
  const whole = (v: number): boolean => Number.isInteger(v) || Math.abs(v) === Infinity;
  if (!whole(start) || !whole(end) || !Number.isInteger(step) || step < 1) {
    throw new IndexError(
      `slice: bounds must be integers and step a positive integer; got start ${start}, end ${end}, step ${step} for dim ${d} of ${formatShape(x.shape)}`,
    );
  }
  const size = x.shape[d] ?? 1;
  const clip = (v: number): number => Math.min(size, Math.max(0, v < 0 ? v + size : v));
  const lo = clip(start);
  const hi = Math.max(lo, clip(end));
  if (step === 1) return narrow(x, d, lo, hi - lo);
  return indexSelect(x, d, arange(lo, hi, step, { dtype: "int32" }));
}

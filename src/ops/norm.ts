import { record } from "../autograd/record";
import { sumDims } from "./loops/reduce";
import { ValueError } from "../errors";
import { allocate, requireFloating } from "../tensor/dtype";
import { normalizeDims, numelOf, reducedShape } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { abs } from "./abs";
import { reduceExtremum } from "./amax";
import { mul } from "./mul";
import { binaryForward, unaryForward } from "./operands";
import { tensorArg } from "./tensor-arg";

/**
 * Vector p-norm over `dim` (one or several; all when omitted):
 *
 *   ||x||_p = (sum_i |x_i|^p)^(1/p),   ||x||_inf = max_i |x_i|,   ||x||_-inf = min_i |x_i|
 *
 * p = 2 by default; any p > 0, Infinity and -Infinity are accepted (PyTorch's `linalg.vector_norm`).
 * At a zero norm the gradient is 0 (the subgradient PyTorch picks).
 *
 * @example norm(grad) // the global gradient norm that clipping compares with maxNorm
 */
export function norm(x: Tensor, p = 2, dim?: number | readonly number[], keepdim = false): Tensor {
  tensorArg("norm", "x", x);
  requireFloating("norm", x.dtype);
  if (!(p > 0) && Math.abs(p) !== Infinity) {
    throw new ValueError(`norm: p must be positive or +-Infinity; got ${p}`);
  }
  const dims = normalizeDims("norm", dim, x.ndim);
  if (Math.abs(p) === Infinity) return infinityNorm(x, p, dims, keepdim);
  const { kept, out } = reducedShape(x.shape, dims, keepdim);
  const powered = unaryForward(x, p === 2 ? (v) => v * v : p === 1 ? Math.abs : (v) => Math.pow(Math.abs(v), p));
  const total = allocate(x.dtype, numelOf(out));
  sumDims(powered.data, x.shape, dims, total);
  const root = p === 2 ? Math.sqrt : p === 1 ? (s: number) => s : (s: number) => Math.pow(s, 1 / p);
  for (let i = 0; i < total.length; i++) total[i] = root(total[i] as number);
  const result = new Tensor(total, out);
  // dL/dx_i = g * sign(x_i) |x_i|^(p-1) / ||x||^(p-1)   (p = 2: g x_i / ||x||; p = 1: g sign(x_i))
  return record(result, "norm", [x], (g) => {
    if (p === 1) return [mul(g.reshape(kept), unaryForward(x, Math.sign, g.dtype))];
    const scale = binaryForward("norm", g.reshape(kept), result.reshape(kept), (gv, n) => (n === 0 ? 0 : gv / Math.pow(n, p - 1)));
    const shape = p === 2 ? x : unaryForward(x, (v) => Math.sign(v) * Math.pow(Math.abs(v), p - 1), g.dtype);
    return [mul(shape, scale)];
  });
}

/** max |x| (or min |x| for -Infinity), with the gradient shared by the tied elements. */
function infinityNorm(x: Tensor, p: number, dims: readonly number[], keepdim: boolean): Tensor {
  return reduceExtremum("norm", abs(x), dims, keepdim, p < 0);
}

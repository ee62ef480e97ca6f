import { record } from "../autograd/record";
import { allocate } from "../tensor/dtype";
import { normalizeDim } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { flip } from "./flip";
import { aroundDim } from "./narrow";
import { tensorArg } from "./tensor-arg";

/**
 * Cumulative sum along `dim` (PyTorch's `cumsum`):
 *
 *   out_i = sum_{j <= i} x_j   (i, j along dim; every other dim is a batch dim)
 *
 * Backward: the reversed cumulative sum of g, dL/dx_j = sum_{i >= j} g_i, i.e. flip(cumsum(flip(g))).
 *
 * @example cumsum(tensor([1, 2, 3]), 0) // [1, 3, 6]
 */
export function cumsum(x: Tensor, dim: number): Tensor {
  tensorArg("cumsum", "x", x);
  const d = normalizeDim("cumsum", dim, x.ndim);
  const { outer, size, inner } = aroundDim(x.shape, d);
  const out = allocate(x.dtype, x.numel);
  const src = x.data;
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      let acc = 0;
      for (let i = 0; i < size; i++) {
        const at = (o * size + i) * inner + k;
        acc += src[at] as number;
        out[at] = acc;
      }
    }
  }
  // dL/dx_j = sum_{i >= j} g_i
  return record(new Tensor(out, x.shape), "cumsum", [x], (g) => [x.ndim === 0 ? g : flip(cumsum(flip(g, [d]), d), [d])]);
}

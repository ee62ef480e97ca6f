import { ValueError } from "../errors";
import { normalizeDim } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { gather } from "./gather";
import type { ValuesIndices } from "./max";
import { aroundDim, narrow } from "./narrow";
import { tensorArg } from "./tensor-arg";

/**
 * Sorts along `dim` (default the last), ascending unless `descending` (PyTorch's `sort`):
 * `values = gather(x, dim, indices)`, so gradients flow back to where each value came from.
 * The sort is stable (equal values keep their order); NaN sorts as the largest value.
 *
 * @example const { values, indices } = sort(scores, -1, true)
 */
export function sort(x: Tensor, dim = -1, descending = false): ValuesIndices {
  tensorArg("sort", "x", x);
  const indices = argsort(x, dim, descending);
  return { values: x.ndim === 0 ? x : gather(x, normalizeDim("sort", dim, x.ndim), indices), indices };
}

/**
 * The int32 indices that sort x along `dim` (default the last), ascending unless `descending`
 * (PyTorch's `argsort`, stable). Not differentiable.
 *
 * @example argsort(tensor([3, 1, 2])) // [1, 2, 0]
 */
export function argsort(x: Tensor, dim = -1, descending = false): Tensor {
  tensorArg("argsort", "x", x);
  if (x.ndim === 0) return new Tensor(new Int32Array(1), []);
  const d = normalizeDim("argsort", dim, x.ndim);
  const { outer, size, inner } = aroundDim(x.shape, d);
  const out = new Int32Array(x.numel);
  const order = new Array<number>(size);
  const key = new Float64Array(size);
  const sign = descending ? -1 : 1;
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      for (let i = 0; i < size; i++) {
        order[i] = i;
        key[i] = x.data[(o * size + i) * inner + k] as number;
      }
      order.sort((a, b) => sign * compareNaNLast(key[a] as number, key[b] as number) || a - b);
      for (let i = 0; i < size; i++) out[(o * size + i) * inner + k] = order[i] as number;
    }
  }
  return new Tensor(out, x.shape);
}

/**
 * The k largest (or, with `largest: false`, smallest) values along `dim` and their int32
 * indices, in sorted order (PyTorch's `topk`). Gradients flow to the picked elements.
 *
 * @example const { values, indices } = topk(logits, 5) // the five most likely tokens per row
 */
export function topk(x: Tensor, k: number, dim = -1, largest = true): ValuesIndices {
  tensorArg("topk", "x", x);
  const d = x.ndim === 0 ? 0 : normalizeDim("topk", dim, x.ndim);
  const size = x.ndim === 0 ? 1 : (x.shape[d] ?? 1);
  if (!Number.isInteger(k) || k < 0 || k > size) {
    throw new ValueError(`topk: k must be an integer in [0, ${size}] (the size of dim ${d}); got ${k}`);
  }
  if (x.ndim === 0) return { values: x, indices: new Tensor(new Int32Array(1), []) };
  const indices = narrow(argsort(x, d, largest), d, 0, k);
  return { values: gather(x, d, indices), indices };
}

/** Ascending order with NaN after every number. */
function compareNaNLast(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return a - b;
}

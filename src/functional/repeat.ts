import { ValueError } from "../errors";
import { expand } from "../ops/expand";
import { reshape } from "../ops/reshape";
import { formatShape } from "../tensor/shape";
import type { Tensor } from "../tensor/tensor";

/**
 * Tiles x: each dim d is repeated `sizes[d]` times (PyTorch's `Tensor.repeat`). `sizes` may be
 * longer than x's rank; x then gains leading dims of size 1 first. out has shape
 * [sizes_0 s_0, sizes_1 s_1, ...]. A reshape-expand-reshape composite, so gradients sum the copies.
 *
 * @example repeat(tensor([1, 2]), [2, 2]) // [[1, 2, 1, 2], [1, 2, 1, 2]]
 */
export function repeat(x: Tensor, sizes: readonly number[]): Tensor {
  if (sizes.length < x.ndim) {
    throw new ValueError(`repeat: sizes must have at least as many entries as x has dims; x is ${formatShape(x.shape)}, got sizes [${sizes.join(", ")}]`);
  }
  for (const s of sizes) {
    if (!Number.isInteger(s) || s < 0) throw new ValueError(`repeat: sizes must be non-negative integers; got [${sizes.join(", ")}]`);
  }
  const shape = [...new Array<number>(sizes.length - x.ndim).fill(1), ...x.shape];
  // [s0, s1] -> [1, s0, 1, s1] -> [r0, s0, r1, s1] -> [r0 s0, r1 s1]
  const interleaved = shape.flatMap((s) => [1, s]);
  const spread = shape.flatMap((s, d) => [sizes[d] as number, s]);
  return reshape(expand(reshape(x, interleaved), spread), shape.map((s, d) => s * (sizes[d] as number)));
}

/**
 * PyTorch's `tile`: `repeat` where `dims` shorter than x's rank is padded with leading 1s.
 *
 * @example tile(x, [2]) // repeats the last dim twice
 */
export function tile(x: Tensor, dims: readonly number[]): Tensor {
  const padded = dims.length < x.ndim ? [...new Array<number>(x.ndim - dims.length).fill(1), ...dims] : dims;
  return repeat(x, padded);
}

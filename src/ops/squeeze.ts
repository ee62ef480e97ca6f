import { ShapeError } from "../errors";
import { formatShape, normalizeDim } from "../tensor/shape";
import type { Tensor } from "../tensor/tensor";
import { reshape } from "./reshape";
import { tensorArg } from "./tensor-arg";

/**
 * Removes size-1 dims: all of them, or only `dim` (left unchanged if its size is not 1, as PyTorch).
 *
 * @example squeeze(h, 0) // [1, B, H] -> [B, H]
 */
export function squeeze(x: Tensor, dim?: number): Tensor {
  tensorArg("squeeze", "x", x);
  if (dim === undefined) return reshape(x, x.shape.filter((s) => s !== 1));
  const d = normalizeDim("squeeze", dim, x.ndim);
  if (x.shape[d] !== 1) return x;
  return reshape(x, x.shape.filter((_, i) => i !== d));
}

/**
 * Inserts a size-1 dim at `dim` (which may be ndim, to append).
 *
 * @example unsqueeze(h, 0) // [B, H] -> [1, B, H]
 */
export function unsqueeze(x: Tensor, dim: number): Tensor {
  tensorArg("unsqueeze", "x", x);
  const d = normalizeDim("unsqueeze", dim, x.ndim + 1);
  if (d > x.ndim) {
    throw new ShapeError(`unsqueeze: dim out of range for ${formatShape(x.shape)}; got ${dim}`);
  }
  const shape = [...x.shape];
  shape.splice(d, 0, 1);
  return reshape(x, shape);
}

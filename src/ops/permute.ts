import { record } from "../autograd/record";
import { permuteCopy } from "./loops/reduce";
import { ShapeError } from "../errors";
import { allocateOverwritten } from "../tensor/dtype";
import { formatShape, normalizeDim, numberList } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { tensorArg } from "./tensor-arg";

/**
 * Reorders dims: output dim i is input dim dims[i] (a contiguous copy).
 *
 * @example permute(x, [1, 0, 2]) // [T, B, D] -> [B, T, D]
 */
export function permute(x: Tensor, dims: readonly number[]): Tensor {
  tensorArg("permute", "x", x);
  numberList("permute", "dims", dims);
  if (dims.length !== x.ndim) {
    throw new ShapeError(`permute: need one entry per dim; tensor is ${formatShape(x.shape)}, got dims [${dims.join(", ")}]`);
  }
  const perm = dims.map((d) => normalizeDim("permute", d, x.ndim));
  if (new Set(perm).size !== perm.length) {
    throw new ShapeError(`permute: dims must be a permutation; got [${dims.join(", ")}] for ${formatShape(x.shape)}`);
  }
  const out = allocateOverwritten(x.dtype, x.numel); // permuteCopy writes every element
  permuteCopy(x.data, x.shape, perm, out);
  const inverse = new Array<number>(perm.length);
  perm.forEach((p, i) => (inverse[p] = i));
  // dL/dx = g permuted back by the inverse permutation
  return record(new Tensor(out, perm.map((p) => x.shape[p] ?? 1)), "permute", [x], (g) => [permute(g, inverse)]);
}

/** Swaps two dims (a contiguous copy). `transpose(x, -2, -1)` is the matrix transpose. */
export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  tensorArg("transpose", "x", x);
  const d0 = normalizeDim("transpose", dim0, x.ndim);
  const d1 = normalizeDim("transpose", dim1, x.ndim);
  const perm = Array.from({ length: x.ndim }, (_, i) => i);
  perm[d0] = d1;
  perm[d1] = d0;
  return permute(x, perm);
}

import { record } from "../autograd/record";
import { extremumAlong } from "./loops/extremum";
import { allocate } from "../tensor/dtype";
import { normalizeDim, reducedShape } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { checkReducible, reduceExtremum } from "./amax";
import { aroundDim } from "./narrow";
import { tensorArg } from "./tensor-arg";

/** The result of `max` / `min` along a dim: the values and where they are (int32). */
export interface ValuesIndices {
  values: Tensor;
  indices: Tensor;
}

/**
 * Maximum of all elements, or along `dim` with the index of the (first) maximum.
 * Along a dim, the gradient goes to the chosen element only (PyTorch's rule); over all elements it
 * is split evenly between ties.
 *
 * @example const { values, indices } = max(logits, -1) // [B, V] -> [B], [B]
 */
export function max(x: Tensor): Tensor;
export function max(x: Tensor, dim: number, keepdim?: boolean): ValuesIndices;
export function max(x: Tensor, dim?: number, keepdim = false): Tensor | ValuesIndices {
  tensorArg("max", "x", x);
  if (dim === undefined) return reduceExtremum("max", x, undefined, false, false);
  return extremumWithIndices("max", x, dim, keepdim, false);
}

/** Minimum of all elements, or along `dim` with the index of the (first) minimum. */
export function min(x: Tensor): Tensor;
export function min(x: Tensor, dim: number, keepdim?: boolean): ValuesIndices;
export function min(x: Tensor, dim?: number, keepdim = false): Tensor | ValuesIndices {
  tensorArg("min", "x", x);
  if (dim === undefined) return reduceExtremum("min", x, undefined, false, true);
  return extremumWithIndices("min", x, dim, keepdim, true);
}

/**
 * Index of the maximum along `dim` (int32), or of the flattened tensor when `dim` is omitted.
 *
 * @example argmax(logits, -1) // greedy decoding: [B, V] -> [B]
 */
export function argmax(x: Tensor, dim?: number, keepdim = false): Tensor {
  tensorArg("argmax", "x", x);
  return argExtremum("argmax", x, dim, keepdim, false);
}

/** Index of the minimum along `dim` (int32), or of the flattened tensor when `dim` is omitted. */
export function argmin(x: Tensor, dim?: number, keepdim = false): Tensor {
  tensorArg("argmin", "x", x);
  return argExtremum("argmin", x, dim, keepdim, true);
}

function extremumWithIndices(op: string, x: Tensor, dim: number, keepdim: boolean, takeMin: boolean): ValuesIndices {
  const scan = scanAlong(op, x, dim, keepdim, takeMin);
  const { outer, size, inner, indices } = scan;
  // dL/dx = g at the chosen index of each slice, 0 elsewhere
  const values = record(scan.values, op, [x], (g) => {
    const gx = allocate(g.dtype, x.numel);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const at = o * inner + i;
        gx[(o * size + (indices.data[at] as number)) * inner + i] = g.data[at] as number;
      }
    }
    return [new Tensor(gx, x.shape)];
  });
  return { values, indices };
}

/** Extremum values and indices along one dim, not recorded. */
function scanAlong(op: string, x: Tensor, dim: number, keepdim: boolean, takeMin: boolean) {
  const d = normalizeDim(op, dim, x.ndim);
  const dims = x.ndim === 0 ? [] : [d];
  checkReducible(op, x, dims);
  const { outer, size, inner } = aroundDim(x.shape, d);
  const values = allocate(x.dtype, outer * inner);
  const indices = new Int32Array(outer * inner);
  extremumAlong(x.data, outer, size, inner, takeMin, values, indices);
  const { out } = reducedShape(x.shape, dims, keepdim);
  return { outer, size, inner, values: new Tensor(values, out), indices: new Tensor(indices, out) };
}

function argExtremum(op: string, x: Tensor, dim: number | undefined, keepdim: boolean, takeMin: boolean): Tensor {
  if (dim !== undefined) return scanAlong(op, x, dim, keepdim, takeMin).indices;
  checkReducible(op, x, x.shape.map((_, d) => d));
  const values = allocate(x.dtype, 1);
  const index = new Int32Array(1);
  extremumAlong(x.data, 1, x.numel, 1, takeMin, values, index);
  return new Tensor(index, keepdim ? x.shape.map(() => 1) : []);
}

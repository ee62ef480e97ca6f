import { record } from "../autograd/record";
import { IndexError } from "../errors";
import { allocate, allocateOverwritten } from "../tensor/dtype";
import { formatShape, normalizeDim } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { reshape } from "./reshape";
import { numelOf } from "../tensor/shape";
import { cat } from "./cat";
import { tensorArg } from "./tensor-arg";

/**
 * The slice `start .. start+length-1` of dim `dim` (a copy), like `x.narrow(dim, start, length)`.
 *
 * @example narrow(gates, 1, 0, H) // the input gate i of packed LSTM gates [B, 4H]
 */
export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  tensorArg("narrow", "x", x);
  const d = normalizeDim("narrow", dim, x.ndim);
  const size = x.shape[d] ?? 1;
  const s = start < 0 ? start + size : start;
  if (!Number.isInteger(s) || !Number.isInteger(length) || s < 0 || length < 0 || s + length > size) {
    throw new IndexError(`narrow: slice out of range; dim ${d} of ${formatShape(x.shape)} has size ${size}, got start ${start}, length ${length}`);
  }
  const outShape = x.shape.map((v, i) => (i === d ? length : v));
  const out = new Tensor(copyBlock(x, d, s, length), outShape);
  // dL/dx = g placed into the slice, zeros elsewhere
  return record(out, "narrow", [x], (g) => [g.requiresGrad ? padRecorded(g, x.shape, d, s) : padBlock(g, x.shape, d, s)]);
}

/** Index `index` of dim `dim`, removing that dim (like `x[:, index]`). */
export function select(x: Tensor, dim: number, index: number): Tensor {
  tensorArg("select", "x", x);
  const d = normalizeDim("select", dim, x.ndim);
  const size = x.shape[d] ?? 1;
  if (!Number.isInteger(index) || index < -size || index >= size) {
    throw new IndexError(`select: index out of range; dim ${d} of ${formatShape(x.shape)} has size ${size}, got ${index}`);
  }
  const picked = narrow(x, d, index < 0 ? index + size : index, 1);
  return reshape(picked, x.shape.filter((_, i) => i !== d));
}

function copyBlock(x: Tensor, d: number, start: number, length: number): Tensor["data"] {
  const { outer, inner, size } = aroundDim(x.shape, d);
  const out = allocateOverwritten(x.dtype, outer * length * inner); // the blocks tile it whole
  const src = x.data;
  for (let o = 0; o < outer; o++) {
    const from = (o * size + start) * inner;
    out.set(src.subarray(from, from + length * inner), o * length * inner);
  }
  return out;
}

/** A zero tensor of `shape` with g written at [.., start:start+len, ..] of dim d. */
export function padBlock(g: Tensor, shape: readonly number[], d: number, start: number): Tensor {
  const { outer, inner, size } = aroundDim(shape, d);
  const length = g.shape[d] ?? 1;
  const out = allocate(g.dtype, outer * size * inner);
  for (let o = 0; o < outer; o++) {
    out.set(g.data.subarray(o * length * inner, (o + 1) * length * inner), (o * size + start) * inner);
  }
  return new Tensor(out, shape);
}

/** padBlock as recorded ops (zeros, g, zeros concatenated along d), for createGraph. */
function padRecorded(g: Tensor, shape: readonly number[], d: number, start: number): Tensor {
  const length = g.shape[d] ?? 1;
  const zerosOf = (n: number): Tensor => new Tensor(allocate(g.dtype, numelOf(shape.map((v, i) => (i === d ? n : v)))), shape.map((v, i) => (i === d ? n : v)));
  return cat([zerosOf(start), g, zerosOf((shape[d] ?? 1) - start - length)], d);
}

/** Views a shape as [outer, size, inner] around dim d. */
export function aroundDim(shape: readonly number[], d: number): { outer: number; size: number; inner: number } {
  let outer = 1;
  let inner = 1;
  for (let i = 0; i < d; i++) outer *= shape[i] ?? 1;
  for (let i = d + 1; i < shape.length; i++) inner *= shape[i] ?? 1;
  return { outer, size: shape[d] ?? 1, inner };
}

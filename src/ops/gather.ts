import { record } from "../autograd/record";
import { DTypeError, IndexError, ShapeError } from "../errors";
import { allocate } from "../tensor/dtype";
import { formatShape, normalizeDim, stridesOf } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { scatterAdd } from "./scatter";
import { tensorArg } from "./tensor-arg";

/**
 * Picks along `dim` the entries named by `index` (int32, same rank as x, no larger than x in the
 * other dims). For dim = 1 of a 3-D tensor: out[i][j][k] = x[i][index[i][j][k]][k].
 * The output has index's shape; the backward scatter-adds g into zeros of x's shape.
 *
 * @example gather(logProbs, 1, targets.unsqueeze(1)) // [B, V], [B, 1] -> [B, 1]
 */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  tensorArg("gather", "x", x);
  tensorArg("gather", "index", index);
  const d = normalizeDim("gather", dim, x.ndim);
  checkIndex("gather", x, d, index);
  const offsets = sourceOffsets(x, d, index);
  const out = allocate(x.dtype, index.numel);
  for (let i = 0; i < out.length; i++) out[i] = x.data[offsets[i] as number] as number;
  // dL/dx[src(i)] += g[i]  (scatter-add: entries picked twice get both gradients)
  return record(new Tensor(out, index.shape), "gather", [x], (g) => {
    if (g.requiresGrad) return [scatterAdd(new Tensor(allocate(g.dtype, x.numel), x.shape), d, index, g)];
    const gx = allocate(g.dtype, x.numel);
    for (let i = 0; i < offsets.length; i++) {
      const at = offsets[i] as number;
      gx[at] = (gx[at] as number) + (g.data[i] as number);
    }
    return [new Tensor(gx, x.shape)];
  });
}

/** Checks an int32 index of x's rank, no larger than x outside dim d, every entry within dim d. */
export function checkIndex(op: string, x: Tensor, d: number, index: Tensor): void {
  if (index.dtype !== "int32") {
    throw new DTypeError(`${op}: index must be int32; got ${index.dtype} of shape ${formatShape(index.shape)}`);
  }
  const fits = index.ndim === x.ndim && index.shape.every((s, i) => i === d || s <= (x.shape[i] ?? 0));
  if (!fits) {
    throw new ShapeError(
      `${op}: index must have the rank of x and be no larger outside dim ${d}; x is ${formatShape(x.shape)}, index is ${formatShape(index.shape)}`,
    );
  }
  const size = x.shape[d] ?? 1;
  for (let i = 0; i < index.numel; i++) {
    const v = index.data[i] as number;
    if (v < 0 || v >= size) {
      throw new IndexError(`${op}: index ${v} at flat position ${i} is out of range for dim ${d} of ${formatShape(x.shape)} (size ${size})`);
    }
  }
}

/** Flat offset into x of every index element. */
export function sourceOffsets(x: Tensor, d: number, index: Tensor): Int32Array {
  const xStrides = stridesOf(x.shape);
  const nd = index.ndim;
  const offsets = new Int32Array(index.numel);
  const pos = new Array<number>(nd).fill(0);
  for (let i = 0; i < offsets.length; i++) {
    let off = 0;
    for (let k = 0; k < nd; k++) {
      if (k !== d) off += (pos[k] as number) * (xStrides[k] as number);
    }
    const v = index.data[i] as number;
    offsets[i] = off + v * (xStrides[d] ?? 1);
    for (let k = nd - 1; k >= 0; k--) {
      pos[k] = (pos[k] as number) + 1;
      if ((pos[k] as number) < (index.shape[k] as number)) break;
      pos[k] = 0;
    }
  }
  return offsets;
}

import { record } from "../autograd/record";
import { DTypeError, IndexError } from "../errors";
import { allocate } from "../tensor/dtype";
import { indexList } from "../tensor/index-list";
import { formatShape, normalizeDim } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { aroundDim } from "./narrow";
import { scatterAdd } from "./scatter";
import { tensorArg } from "./tensor-arg";

/**
 * Picks entries `index` (1-D int32 or a number list) of dim `dim`, in that order, repeats allowed.
 * Its backward is a scatter-add: rows picked twice receive both gradients. Embeddings use it.
 *
 * @example indexSelect(weight, 0, tokenIds) // [V, E] -> [N, E]
 */
export function indexSelect(x: Tensor, dim: number, index: Tensor | readonly number[]): Tensor {
  tensorArg("indexSelect", "x", x);
  const d = normalizeDim("indexSelect", dim, x.ndim);
  const idx = toIndex(index);
  const size = x.shape[d] ?? 1;
  for (let i = 0; i < idx.length; i++) {
    const v = idx[i] as number;
    if (v < 0 || v >= size) {
      throw new IndexError(`indexSelect: index ${v} at position ${i} is out of range for dim ${d} of ${formatShape(x.shape)} (size ${size})`);
    }
  }
  const { outer, inner } = aroundDim(x.shape, d);
  const n = idx.length;
  const out = allocate(x.dtype, outer * n * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < n; i++) {
      const from = (o * size + (idx[i] as number)) * inner;
      out.set(x.data.subarray(from, from + inner), (o * n + i) * inner);
    }
  }
  const outShape = x.shape.map((s, i) => (i === d ? n : s));
  // dL/dx[j] = sum of g[i] over every i with index[i] = j (scatter-add)
  return record(new Tensor(out, outShape), "index_select", [x], (g) => {
    if (g.requiresGrad) return [scatterAdd(new Tensor(allocate(g.dtype, x.numel), x.shape), d, spreadIndex(idx, outShape, d), g)];
    const gx = allocate(g.dtype, x.numel);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < n; i++) {
        const to = (o * size + (idx[i] as number)) * inner;
        const from = (o * n + i) * inner;
        for (let j = 0; j < inner; j++) gx[to + j] = (gx[to + j] as number) + (g.data[from + j] as number);
      }
    }
    return [new Tensor(gx, x.shape)];
  });
}

function toIndex(index: Tensor | readonly number[]): Int32Array {
  if (index instanceof Tensor) {
    if (index.dtype !== "int32") {
      throw new DTypeError(`indexSelect: index must be int32; got ${index.dtype} of shape ${formatShape(index.shape)}`);
    }
    if (index.ndim > 1) {
      throw new IndexError(`indexSelect: index must be 1-D; got ${formatShape(index.shape)}`);
    }
    return index.data as Int32Array;
  }
  return indexList("indexSelect", "index", index);
}

/** The int32 index of shape `shape` whose entry along dim d at position i is idx[i] (for scatterAdd). */
function spreadIndex(idx: Int32Array, shape: readonly number[], d: number): Tensor {
  const { outer, size, inner } = aroundDim(shape, d);
  const out = new Int32Array(outer * size * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < size; i++) out.fill(idx[i] as number, (o * size + i) * inner, (o * size + i + 1) * inner);
  }
  return new Tensor(out, shape);
}

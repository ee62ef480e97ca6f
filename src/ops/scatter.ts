import { record } from "../autograd/record";
import { ShapeError } from "../errors";
import { allocate, promote } from "../tensor/dtype";
import { formatShape, normalizeDim, sameShape } from "../tensor/shape";
import { Tensor, TensorLike } from "../tensor/tensor";
import { checkIndex, gather, sourceOffsets } from "./gather";
import { asTensor } from "./operands";
import { tensorArg } from "./tensor-arg";

/**
 * A copy of x with the values of `src` written at the positions `index` names along `dim`
 * (PyTorch's `scatter`, out of place). For dim = 1 of a 3-D tensor:
 *
 *   out[i][index[i][j][k]][k] = src[i][j][k]
 *
 * where index is int32 of x's rank (no larger than x outside `dim`) and `src` a number or a
 * tensor of index's shape. When two entries name one position the later one wins.
 * Backward: dL/dx = g with the written positions zeroed, dL/dsrc = gather(g, dim, index).
 *
 * @example scatter(zeros([2, 4]), 1, tensor([[1], [3]], { dtype: "int32" }), 1) // one-hot rows
 */
export function scatter(x: Tensor, dim: number, index: Tensor, src: TensorLike): Tensor {
  tensorArg("scatter", "x", x);
  tensorArg("scatter", "index", index);
  return scatterWith("scatter", x, dim, index, src, false);
}

/**
 * A copy of x with the values of `src` added at the positions `index` names along `dim`
 * (PyTorch's `scatter_add`): out[i][index[i][j][k]][k] += src[i][j][k] for dim = 1, repeated
 * positions adding up. Backward: dL/dx = g, dL/dsrc = gather(g, dim, index). gather's backward.
 *
 * @example scatterAdd(zeros([V]), 0, tokenIds, ones([N])) // token counts
 */
export function scatterAdd(x: Tensor, dim: number, index: Tensor, src: TensorLike): Tensor {
  tensorArg("scatterAdd", "x", x);
  tensorArg("scatterAdd", "index", index);
  return scatterWith("scatterAdd", x, dim, index, src, true);
}

function scatterWith(op: string, x: Tensor, dim: number, index: Tensor, source: TensorLike, add: boolean): Tensor {
  const d = normalizeDim(op, dim, x.ndim);
  checkIndex(op, x, d, index);
  const src = asTensor(op, source, x);
  const scalar = !(source instanceof Tensor);
  if (!scalar && !sameShape(src.shape, index.shape)) {
    throw new ShapeError(`${op}: src must have the shape of index; index is ${formatShape(index.shape)}, src is ${formatShape(src.shape)}`);
  }
  const offsets = sourceOffsets(x, d, index);
  const out = allocate(promote(x.dtype, src.dtype), x.numel);
  out.set(x.data);
  for (let i = 0; i < offsets.length; i++) {
    const at = offsets[i] as number;
    const v = src.data[scalar ? 0 : i] as number;
    out[at] = add ? (out[at] as number) + v : v;
  }
  const result = new Tensor(out, x.shape);
  const inputs = scalar ? [x] : [x, src];
  if (add) {
    // dL/dx = g, dL/dsrc = g at the positions each entry went to
    return record(result, "scatter_add", inputs, (g) => [g, scalar ? null : gather(g, d, index)]);
  }
  // dL/dx = g except where src overwrote x; dL/dsrc = g where each entry went
  return record(result, "scatter", inputs, (g) => [scatter(g, d, index, 0), scalar ? null : gather(g, d, index)]);
}

import { DTypeError, IndexError, ValueError } from "../errors";
import { formatShape } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";

/**
 * One-hot encoding of int32 class indices (PyTorch's `F.one_hot`): out[..., c] = 1 where
 * c = indices[...], 0 elsewhere; out is int32 [..., numClasses]. numClasses -1 (default) uses
 * max(indices) + 1. Not differentiable (cast with `.to("float32")` to use it as an input).
 *
 * @example oneHot(tensor([0, 2], { dtype: "int32" }), 3) // [[1, 0, 0], [0, 0, 1]]
 */
export function oneHot(indices: Tensor, numClasses = -1): Tensor {
  if (indices.dtype !== "int32") {
    throw new DTypeError(`oneHot: indices must be int32; got ${indices.dtype} of shape ${formatShape(indices.shape)}`);
  }
  let top = -1;
  for (let i = 0; i < indices.numel; i++) top = Math.max(top, indices.data[i] as number);
  const C = numClasses === -1 ? top + 1 : numClasses;
  if (!Number.isInteger(C) || C < 0) throw new ValueError(`oneHot: numClasses must be -1 or a non-negative integer; got ${numClasses}`);
  const out = new Int32Array(indices.numel * C);
  for (let i = 0; i < indices.numel; i++) {
    const c = indices.data[i] as number;
    if (c < 0 || c >= C) {
      throw new IndexError(`oneHot: class ${c} at flat index ${i} is out of range; expected 0 <= class < ${C}, indices are ${formatShape(indices.shape)}`);
    }
    out[i * C + c] = 1;
  }
  return new Tensor(out, [...indices.shape, C]);
}

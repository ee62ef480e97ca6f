import { record } from "../autograd/record";
import { ShapeError, ValueError } from "../errors";
import { allocateOverwritten, promote } from "../tensor/dtype";
import { formatShape, normalizeDim } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { cast } from "./cast";
import { aroundDim, narrow } from "./narrow";
import { unsqueeze } from "./squeeze";
import { tensorListArg } from "./tensor-arg";

/**
 * Joins tensors along an existing dim; all other dims must match.
 *
 * @example cat([hForward, hBackward], -1) // [B, H] + [B, H] -> [B, 2H]
 */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  tensorListArg("cat", "tensors", tensors);
  const first = tensors[0];
  if (first === undefined) throw new ValueError("cat: expected a non-empty list of tensors; got []");
  const d = normalizeDim("cat", dim, first.ndim);
  for (const t of tensors) {
    const ok = t.ndim === first.ndim && t.shape.every((s, i) => i === d || s === first.shape[i]);
    if (!ok) {
      const shapes = tensors.map((x) => formatShape(x.shape)).join(", ");
      throw new ShapeError(`cat: tensors must match except in dim ${d}; got ${shapes}`);
    }
  }
  const dtype = tensors.map((t) => t.dtype).reduce(promote);
  const sizes = tensors.map((t) => t.shape[d] ?? 0);
  const total = sizes.reduce((p, q) => p + q, 0);
  const outShape = first.shape.map((s, i) => (i === d ? total : s));
  const { outer, inner } = aroundDim(outShape, d);
  const out = allocateOverwritten(dtype, outer * total * inner); // the inputs tile it whole
  let at = 0;
  tensors.forEach((t, k) => {
    const len = (sizes[k] ?? 0) * inner;
    const src = t.dtype === dtype ? t.data : cast(t, dtype).data;
    for (let o = 0; o < outer; o++) out.set(src.subarray(o * len, (o + 1) * len), o * total * inner + at * inner);
    at += sizes[k] ?? 0;
  });
  const starts = sizes.map((_, k) => sizes.slice(0, k).reduce((p, q) => p + q, 0));
  // dL/dx_k = the slice of g that x_k filled
  return record(new Tensor(out, outShape), "cat", tensors, (g) =>
    tensors.map((t, k) => (t.requiresGrad ? narrow(g, d, starts[k] ?? 0, sizes[k] ?? 0) : null)),
  );
}

/**
 * Stacks equally shaped tensors along a new dim.
 *
 * @example stack(outputs, 0) // T tensors [B, H] -> [T, B, H]
 */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  tensorListArg("stack", "tensors", tensors);
  const first = tensors[0];
  if (first === undefined) throw new ValueError("stack: expected a non-empty list of tensors; got []");
  for (const t of tensors) {
    if (t.ndim !== first.ndim || t.shape.some((s, i) => s !== first.shape[i])) {
      const shapes = tensors.map((x) => formatShape(x.shape)).join(", ");
      throw new ShapeError(`stack: all tensors must have the same shape; got ${shapes}`);
    }
  }
  const d = normalizeDim("stack", dim, first.ndim + 1);
  return cat(tensors.map((t) => unsqueeze(t, d)), d);
}

import { record } from "../autograd/record";
import { ShapeError } from "../errors";
import { formatShape, numelOf, numberList } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { tensorArg } from "./tensor-arg";

/**
 * The same values under a new shape (one size may be -1, inferred). Shares the buffer.
 *
 * @example reshape(logits, [-1, V]) // [T, B, V] -> [T*B, V]
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  tensorArg("reshape", "x", x);
  numberList("reshape", "shape", shape);
  const target = inferShape("reshape", x.shape, shape);
  const out = new Tensor(x.data, target);
  // dL/dx = g reshaped back
  return record(out, "reshape", [x], (g) => [reshape(g, x.shape)]);
}

/** Flattens dims startDim..endDim into one (PyTorch's `flatten`). */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  tensorArg("flatten", "x", x);
  if (x.ndim === 0) return reshape(x, [1]);
  const s = startDim < 0 ? startDim + x.ndim : startDim;
  const e = endDim < 0 ? endDim + x.ndim : endDim;
  if (s < 0 || e >= x.ndim || s > e) {
    throw new ShapeError(`flatten: need 0 <= startDim <= endDim < ndim; tensor is ${formatShape(x.shape)}, got startDim ${startDim}, endDim ${endDim}`);
  }
  const merged = x.shape.slice(s, e + 1).reduce((p, q) => p * q, 1);
  return reshape(x, [...x.shape.slice(0, s), merged, ...x.shape.slice(e + 1)]);
}

function inferShape(op: string, from: readonly number[], shape: readonly number[]): number[] {
  const n = numelOf(from);
  const unknown = shape.filter((s) => s === -1).length;
  if (unknown > 1 || shape.some((s) => !Number.isInteger(s) || s < -1)) {
    throw new ShapeError(`${op}: sizes must be non-negative integers with at most one -1; got ${formatShape(shape)}`);
  }
  const known = shape.filter((s) => s !== -1).reduce((p, q) => p * q, 1);
  const target = shape.map((s) => (s === -1 ? (known === 0 ? 0 : n / known) : s));
  if (numelOf(target) !== n || target.some((s) => !Number.isInteger(s))) {
    throw new ShapeError(`${op}: shape ${formatShape(shape)} is invalid for a tensor of shape ${formatShape(from)} (${n} elements)`);
  }
  return target;
}

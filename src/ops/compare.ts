import type { Tensor, TensorLike } from "../tensor/tensor";
import { binaryForward, operands } from "./operands";

/**
 * Elementwise comparisons with broadcasting. They return int32 masks of 0 and 1 (seqgrad has no
 * bool dtype) and are not differentiable.
 */
export function eq(a: TensorLike, b: TensorLike): Tensor {
  return compare("eq", a, b, (p, q) => (p === q ? 1 : 0));
}

/** a != b as an int32 mask. */
export function ne(a: TensorLike, b: TensorLike): Tensor {
  return compare("ne", a, b, (p, q) => (p !== q ? 1 : 0));
}

/** a < b as an int32 mask. */
export function lt(a: TensorLike, b: TensorLike): Tensor {
  return compare("lt", a, b, (p, q) => (p < q ? 1 : 0));
}

/** a <= b as an int32 mask. */
export function le(a: TensorLike, b: TensorLike): Tensor {
  return compare("le", a, b, (p, q) => (p <= q ? 1 : 0));
}

/** a > b as an int32 mask. */
export function gt(a: TensorLike, b: TensorLike): Tensor {
  return compare("gt", a, b, (p, q) => (p > q ? 1 : 0));
}

/** a >= b as an int32 mask. */
export function ge(a: TensorLike, b: TensorLike): Tensor {
  return compare("ge", a, b, (p, q) => (p >= q ? 1 : 0));
}

function compare(op: string, a: TensorLike, b: TensorLike, f: (p: number, q: number) => number): Tensor {
  const [x, y] = operands(op, a, b);
  return binaryForward(op, x, y, f, "int32");
}

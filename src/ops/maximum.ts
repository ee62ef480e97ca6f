import { record } from "../autograd/record";
import type { Tensor, TensorLike } from "../tensor/tensor";
import { mul } from "./mul";
import { binaryForward, operands, sumTo } from "./operands";

/** Elementwise maximum with broadcasting. On ties the gradient is split evenly, as PyTorch. */
export function maximum(a: TensorLike, b: TensorLike): Tensor {
  return extremum("maximum", a, b, (p, q) => (p > q ? 1 : p === q ? 0.5 : 0));
}

/** Elementwise minimum with broadcasting. On ties the gradient is split evenly, as PyTorch. */
export function minimum(a: TensorLike, b: TensorLike): Tensor {
  return extremum("minimum", a, b, (p, q) => (p < q ? 1 : p === q ? 0.5 : 0));
}

function extremum(op: string, a: TensorLike, b: TensorLike, pickA: (p: number, q: number) => number): Tensor {
  const [x, y] = operands(op, a, b);
  const out = binaryForward(op, x, y, (p, q) => (Number.isNaN(p) || Number.isNaN(q) ? NaN : pickA(p, q) >= 0.5 ? p : q));
  // dL/da = g where a wins, dL/db = g where b wins (half each on ties)
  return record(out, op, [x, y], (g) => [
    x.requiresGrad ? sumTo(mul(g, binaryForward(op, x, y, pickA, g.dtype)), x.shape) : null,
    y.requiresGrad ? sumTo(mul(g, binaryForward(op, x, y, (p, q) => 1 - pickA(p, q), g.dtype)), y.shape) : null,
  ]);
}

import { record } from "../autograd/record";
import type { Tensor, TensorLike } from "../tensor/tensor";
import { mul } from "./mul";
import { neg } from "./neg";
import { arithmeticForward, operands, sumTo } from "./operands";

/** Elementwise true division with broadcasting: out = a / b (int32 inputs give float32). */
export function div(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands("div", a, b);
  const dtype = x.dtype === "int32" && y.dtype === "int32" ? "float32" : undefined;
  const out = arithmeticForward("div", x, y, dtype);
  // dL/da = g / b, dL/db = -g * a / b^2 = -g * out / b
  return record(out, "div", [x, y], (g) => [
    x.requiresGrad ? sumTo(div(g, y), x.shape) : null,
    y.requiresGrad ? sumTo(neg(div(mul(g, out), y)), y.shape) : null,
  ]);
}

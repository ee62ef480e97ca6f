import { record } from "../autograd/record";
import type { Tensor } from "../tensor/tensor";
import { div } from "./div";
import { floatDType, unaryForward } from "./operands";
import { tensorArg } from "./tensor-arg";

/** Elementwise natural logarithm: out = ln x (NaN for x < 0, -Infinity at 0, as PyTorch). */
export function log(x: Tensor): Tensor {
  tensorArg("log", "x", x);
  const out = unaryForward(x, Math.log, floatDType(x));
  // dL/dx = g / x
  return record(out, "log", [x], (g) => [div(g, x)]);
}

import { record } from "../autograd/record";
import type { Tensor } from "../tensor/tensor";
import { binaryForward, floatDType, unaryForward } from "./operands";

/** Elementwise hyperbolic tangent: out = tanh(x), the vanilla RNN's squashing function. */
export function tanh(x: Tensor): Tensor {
  const out = unaryForward(x, Math.tanh, floatDType(x));
  // dL/dx = g * (1 - tanh(x)^2)
  return record(out, "tanh", [x], (g) => [binaryForward("tanh", g, out, (gv, h) => gv * (1 - h * h))]);
}

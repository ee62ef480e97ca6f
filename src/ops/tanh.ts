import { record } from "../autograd/record";
import { getBackend } from "../backend/backend";
import type { Tensor } from "../tensor/tensor";
import { tanhGrad } from "./loops/pointwise";
import { pointwise, pointwiseGrad } from "./operands";
import { isGradEnabled } from "../autograd/grad-mode";
import { mul } from "./mul";
import { sub } from "./sub";
import { tensorArg } from "./tensor-arg";

/**
 * Elementwise hyperbolic tangent: out = tanh(x), the vanilla RNN's squashing function. Runs on the
 * backend's `tanh` kernel (vectorized on the wasm backend, within a few float32 ulp).
 */
export function tanh(x: Tensor): Tensor {
  tensorArg("tanh", "x", x);
  const kernel = getBackend().tanh;
  const out = pointwise(x, (v, o) => kernel(o.length, v, 0, o, 0));
  // dL/dx = g * (1 - tanh(x)^2)
  return record(out, "tanh", [x], (g) => [isGradEnabled() ? mul(g, sub(1, mul(out, out))) : pointwiseGrad(g, tanhGrad, out)]);
}

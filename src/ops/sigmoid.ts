import { record } from "../autograd/record";
import { getBackend } from "../backend/backend";
import type { Tensor } from "../tensor/tensor";
import { sigmoidGrad } from "./loops/pointwise";
import { pointwise, pointwiseGrad } from "./operands";
import { isGradEnabled } from "../autograd/grad-mode";
import { mul } from "./mul";
import { sub } from "./sub";
import { tensorArg } from "./tensor-arg";

/** Numerically stable logistic function sigma(v) = 1 / (1 + e^-v). */
export function sigmoidScalar(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

/**
 * Elementwise logistic sigmoid: out = 1 / (1 + e^-x), the gates' squashing function. Runs on the
 * backend's `sigmoid` kernel (vectorized on the wasm backend, within a few float32 ulp).
 */
export function sigmoid(x: Tensor): Tensor {
  tensorArg("sigmoid", "x", x);
  const kernel = getBackend().sigmoid;
  const out = pointwise(x, (v, o) => kernel(o.length, v, 0, o, 0));
  // dL/dx = g * s (1 - s)
  return record(out, "sigmoid", [x], (g) => [isGradEnabled() ? mul(g, mul(out, sub(1, out))) : pointwiseGrad(g, sigmoidGrad, out)]);
}

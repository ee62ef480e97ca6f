import { record } from "../autograd/record";
import { ValueError } from "../errors";
import type { Tensor } from "../tensor/tensor";
import { gt } from "./compare";
import { mul } from "./mul";
import { pointwise } from "./operands";
import { sigmoid } from "./sigmoid";
import { where } from "./where";
import { tensorArg } from "./tensor-arg";

/**
 * Elementwise softplus (PyTorch's `F.softplus`), a smooth relu:
 *
 *   softplus(x) = log(1 + e^(beta x)) / beta,   or x where beta x > threshold (linear there)
 *
 * Options: beta (default 1), threshold (default 20). Backward: dL/dx = g * sigmoid(beta x)
 * (g where beta x > threshold), exact at 0 too, unlike a composition through abs or relu.
 *
 * @example softplus(x) // log(1 + e^x), a positive scale or variance
 */
export function softplus(x: Tensor, beta = 1, threshold = 20): Tensor {
  tensorArg("softplus", "x", x);
  if (typeof beta !== "number" || beta === 0 || !Number.isFinite(beta)) throw new ValueError(`softplus: beta must be a finite non-zero number; got ${beta}`);
  if (typeof threshold !== "number" || Number.isNaN(threshold)) throw new ValueError(`softplus: threshold must be a number; got ${threshold}`);
  const out = pointwise(x, (src, dst) => {
    for (let i = 0; i < src.length; i++) {
      const v = src[i] as number;
      const z = v * beta;
      dst[i] = z > threshold ? v : Math.log1p(Math.exp(z)) / beta;
    }
  });
  // dL/dx = g * sigmoid(beta x), or g in the linear region
  return record(out, "softplus", [x], (g) => {
    const z = mul(x, beta);
    return [where(gt(z, threshold), g, mul(g, sigmoid(z)))];
  });
}

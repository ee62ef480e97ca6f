import { record } from "../autograd/record";
import type { Tensor } from "../tensor/tensor";
import { exp } from "./exp";
import { mul } from "./mul";
import { pointwise } from "./operands";
import { tensorArg } from "./tensor-arg";

/**
 * Elementwise error function erf(x) = 2/sqrt(pi) * integral_0^x e^(-t^2) dt (PyTorch's `erf`),
 * accurate to a few float64 ulp. GELU's Gaussian CDF is 0.5 (1 + erf(x / sqrt 2)).
 */
export function erf(x: Tensor): Tensor {
  tensorArg("erf", "x", x);
  const out = pointwise(x, (src, dst) => {
    for (let i = 0; i < src.length; i++) dst[i] = erfScalar(src[i] as number);
  });
  // dL/dx = g * 2/sqrt(pi) e^(-x^2)
  return record(out, "erf", [x], (g) => [mul(g, mul(exp(mul(x, x).neg()), TWO_OVER_SQRT_PI))]);
}

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * erf of one number: the series 2/sqrt(pi) e^(-x^2) sum_n 2^n x^(2n+1) / (1*3*...*(2n+1)) (all
 * terms positive, no cancellation) below |x| = 2.5, else 1 - erfc(x) from erfc's continued fraction.
 */
export function erfScalar(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  if (a >= 6) return Math.sign(x);
  if (a < 2.5) {
    let term = a;
    let total = a;
    for (let n = 1; n < 200 && term > total * 1e-17; n++) {
      term *= (2 * a * a) / (2 * n + 1);
      total += term;
    }
    return Math.sign(x) * TWO_OVER_SQRT_PI * Math.exp(-a * a) * total;
  }
  return Math.sign(x) * (1 - erfcContinuedFraction(a));
}

/** erfc(a) for a >= 2.5: e^(-a^2)/sqrt(pi) / (a + (1/2)/(a + 1/(a + (3/2)/(a + ...)))), by Lentz's method. */
function erfcContinuedFraction(a: number): number {
  const tiny = 1e-300;
  let f = a;
  let c = a;
  let d = 0;
  for (let n = 1; n < 300; n++) {
    const an = n / 2;
    d = a + an * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = a + an / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-a * a) / Math.sqrt(Math.PI) / f;
}

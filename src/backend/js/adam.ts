import type { TypedArray } from "../../tensor/dtype";

/**
 * The Adam update without weight decay, amsgrad or maximize (the common case), in one tight loop
 * over the whole arrays (see `Backend.adamStep`):
 *   m = beta1 m + (1 - beta1) g,  v = beta2 v + (1 - beta2) g^2,
 *   theta -= stepSize m / (sqrt(v) / sqrt(bc2) + eps)
 * with m and v read back as stored (rounded to the parameter's dtype).
 */
export function adamStepJs(
  p: TypedArray,
  g: TypedArray,
  m: TypedArray,
  v: TypedArray,
  beta1: number,
  beta2: number,
  stepSize: number,
  invBc2Sqrt: number,
  eps: number,
): void {
  const a1 = 1 - beta1;
  const a2 = 1 - beta2;
  for (let i = 0; i < p.length; i++) {
    const gi = g[i] as number;
    m[i] = beta1 * (m[i] as number) + a1 * gi;
    v[i] = beta2 * (v[i] as number) + a2 * gi * gi;
    p[i] = (p[i] as number) - (stepSize * (m[i] as number)) / (Math.sqrt(v[i] as number) * invBc2Sqrt + eps);
  }
}

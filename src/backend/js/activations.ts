import type { TypedArray } from "../../tensor/dtype";

/** The logistic function, evaluated without overflow: exp of a non-positive number only. */
export function sigmoidOf(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

/** out[outOff + i] = 1 / (1 + exp(-x[xOff + i])) for i < n. */
export function sigmoidJs(n: number, x: TypedArray, xOff: number, out: TypedArray, outOff: number): void {
  for (let i = 0; i < n; i++) out[outOff + i] = sigmoidOf(x[xOff + i] as number);
}

/** out[outOff + i] = tanh(x[xOff + i]) for i < n. */
export function tanhJs(n: number, x: TypedArray, xOff: number, out: TypedArray, outOff: number): void {
  for (let i = 0; i < n; i++) out[outOff + i] = Math.tanh(x[xOff + i] as number);
}

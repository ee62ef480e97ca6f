import type { TypedArray } from "../../tensor/dtype";

/**
 * Closure-free loops for the activations of recurrent cells and their derivatives. Each has its
 * own loop so V8 compiles it tight; `unaryMap` with a closure serves the rarer functions.
 */

/** out = e^x. */
export function expMap(x: TypedArray, out: TypedArray): void {
  for (let i = 0; i < out.length; i++) out[i] = Math.exp(x[i] as number);
}

/** out = max(x, 0), NaN kept (as PyTorch does, so anomaly mode still sees it). */
export function reluMap(x: TypedArray, out: TypedArray): void {
  for (let i = 0; i < out.length; i++) {
    const v = x[i] as number;
    out[i] = v > 0 || Number.isNaN(v) ? v : 0;
  }
}

/** out = g (1 - y^2), the gradient through y = tanh(x). */
export function tanhGrad(g: TypedArray, y: TypedArray, out: TypedArray): void {
  for (let i = 0; i < out.length; i++) {
    const h = y[i] as number;
    out[i] = (g[i] as number) * (1 - h * h);
  }
}

/** out = g s (1 - s), the gradient through s = sigma(x). */
export function sigmoidGrad(g: TypedArray, s: TypedArray, out: TypedArray): void {
  for (let i = 0; i < out.length; i++) {
    const v = s[i] as number;
    out[i] = (g[i] as number) * v * (1 - v);
  }
}

/** out = g where x > 0, else 0: the gradient through relu(x). */
export function reluGrad(g: TypedArray, x: TypedArray, out: TypedArray): void {
  for (let i = 0; i < out.length; i++) out[i] = (x[i] as number) > 0 ? (g[i] as number) : 0;
}

/** Copies x (shape `shape`, broadcastable) into out (shape `target`): the forward of expand. */
export function broadcastCopy(x: TypedArray, strides: readonly number[], out: TypedArray, target: readonly number[]): void {
  if (x.length === 1) {
    out.fill(x[0] as number);
    return;
  }
  const n = out.length;
  const last = target.length - 1;
  const inner = target[last] ?? 1;
  const step = strides[last] ?? 0;
  const index = new Array<number>(target.length).fill(0);
  let off = 0;
  for (let start = 0; start < n; start += inner) {
    if (step === 1) {
      out.set(x.subarray(off, off + inner), start);
    } else {
      for (let j = 0, p = off; j < inner; j++, p += step) out[start + j] = x[p] as number;
    }
    for (let d = last - 1; d >= 0; d--) {
      const size = target[d] ?? 1;
      index[d] = (index[d] ?? 0) + 1;
      off += strides[d] ?? 0;
      if ((index[d] ?? 0) < size) break;
      off -= (strides[d] ?? 0) * size;
      index[d] = 0;
    }
  }
}

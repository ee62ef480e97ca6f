import type { TypedArray } from "../../tensor/dtype";

/**
 * Softmax (or log-softmax, when `log`) along the middle axis of x viewed as [outer, size, inner]:
 *
 *   m = max_k x_k,   s = sum_k e^(x_k - m),   y_k = e^(x_k - m) / s   or   y_k = x_k - m - ln s
 *
 * Subtracting m keeps e^(.) from overflowing. For log-softmax, `probs` (if given) receives the
 * probabilities e^(x_k - m) / s as well, which its backward needs.
 */
export function softmaxAlong(
  x: TypedArray,
  outer: number,
  size: number,
  inner: number,
  log: boolean,
  out: TypedArray,
  probs: TypedArray | null = null,
): void {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      const end = base + size * inner;
      let m = -Infinity;
      for (let p = base; p < end; p += inner) {
        const v = x[p] as number;
        if (v > m || v !== v) m = v;
      }
      let s = 0;
      for (let p = base; p < end; p += inner) {
        const e = Math.exp((x[p] as number) - m);
        if (log) {
          if (probs !== null) probs[p] = e;
        } else {
          out[p] = e;
        }
        s += e;
      }
      if (log) {
        const shift = m + Math.log(s);
        for (let p = base; p < end; p += inner) out[p] = (x[p] as number) - shift;
        if (probs !== null) for (let p = base; p < end; p += inner) probs[p] = (probs[p] as number) / s;
      } else {
        const r = 1 / s;
        for (let p = base; p < end; p += inner) out[p] = (out[p] as number) * r;
      }
    }
  }
}

/**
 * The vector-Jacobian product of `softmaxAlong`, from the gradient g and the probabilities
 * y = softmax(x) (for both functions):
 *
 *   softmax:      dL/dx_k = y_k (g_k - sum_j g_j y_j)
 *   log-softmax:  dL/dx_k = g_k - y_k sum_j g_j
 */
export function softmaxGradAlong(
  g: TypedArray,
  y: TypedArray,
  outer: number,
  size: number,
  inner: number,
  log: boolean,
  out: TypedArray,
): void {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      const end = base + size * inner;
      let dot = 0;
      for (let p = base; p < end; p += inner) dot += log ? (g[p] as number) : (g[p] as number) * (y[p] as number);
      for (let p = base; p < end; p += inner) {
        const gv = g[p] as number;
        const yv = y[p] as number;
        out[p] = log ? gv - yv * dot : yv * (gv - dot);
      }
    }
  }
}

import type { TypedArray } from "../../tensor/dtype";

/**
 * Largest (or smallest, when `takeMin`) value along the middle axis of x viewed as
 * [outer, size, inner], with the index where it first occurs. NaN wins over every number (as in
 * PyTorch, a NaN anywhere makes the result NaN). Writes `values` and `indices`, both [outer, inner].
 */
export function extremumAlong(
  x: TypedArray,
  outer: number,
  size: number,
  inner: number,
  takeMin: boolean,
  values: TypedArray,
  indices: Int32Array,
): void {
  for (let o = 0; o < outer; o++) {
    const base = o * size * inner;
    const dst = o * inner;
    for (let i = 0; i < inner; i++) {
      values[dst + i] = x[base + i] as number;
      indices[dst + i] = 0;
    }
    for (let k = 1; k < size; k++) {
      const row = base + k * inner;
      for (let i = 0; i < inner; i++) {
        const best = values[dst + i] as number;
        if (best !== best) continue;
        const v = x[row + i] as number;
        if (v !== v || (takeMin ? v < best : v > best)) {
          values[dst + i] = v;
          indices[dst + i] = k;
        }
      }
    }
  }
}

/** Reverses the middle axis of x viewed as [outer, size, inner] into out (block copies). */
export function flipAlong(x: TypedArray, outer: number, size: number, inner: number, out: TypedArray): void {
  for (let o = 0; o < outer; o++) {
    const base = o * size * inner;
    for (let k = 0; k < size; k++) {
      const from = base + (size - 1 - k) * inner;
      out.set(x.subarray(from, from + inner), base + k * inner);
    }
  }
}

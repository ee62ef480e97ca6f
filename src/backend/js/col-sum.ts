import type { TypedArray } from "../../tensor/dtype";

/**
 * `Backend.colSum` in plain JS: out[outOff + j] += sum_{r < rows} x[xOff + r ldx + j] for j < cols,
 * in float64, adding the rows in order (so float32 and float64 inputs give the same sums as any
 * backend that keeps that order).
 */
export function colSumJs(rows: number, cols: number, x: TypedArray, xOff: number, ldx: number, out: Float64Array, outOff: number): void {
  for (let r = 0; r < rows; r++) {
    const base = xOff + r * ldx;
    for (let j = 0; j < cols; j++) out[outOff + j] = (out[outOff + j] as number) + (x[base + j] as number);
  }
}

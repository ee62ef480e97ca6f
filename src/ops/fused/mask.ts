import type { TypedArray } from "../../tensor/dtype";
import { StepArrays, isLive } from "./step-arrays";

/**
 * Packed sequences on the fused path. A step where some rows are past their sequence's end runs
 * the backend's whole step on every row; these then put the finished rows back, so a finished
 * sequence keeps its last state and outputs zero:
 *
 *   forward:   h_t = h_{t-1},  c_t = c_{t-1},  tanh(c_t) = 0 (LSTM),  y_t = 0
 *   backward:  dL/dh_{t-1} = dL/dh_t,  dL/dc_{t-1} = dL/dc_t,  dL/da_t = 0
 *
 * A step works row by row (row b of h_t depends on row b of h_{t-1} only), so recomputing a
 * finished row and then restoring it leaves the other rows as they are.
 */

/** Restores the finished rows of step t and writes y_t: h_t for live rows, 0 for finished ones. */
export function freezeFinished(s: StepArrays, t: number, prev: number, out: number): void {
  const { B, H, hs, cs, y } = s;
  for (let b = 0; b < B; b++) {
    const o = b * H;
    const yo = t * B * H + o;
    if (isLive(s, t, b)) {
      if (y !== null) y.set(hs.subarray(out + o, out + o + H), yo);
      continue;
    }
    hs.copyWithin(out + o, prev + o, prev + o + H);
    if (cs !== null) {
      cs.copyWithin(out + o, prev + o, prev + o + H);
      (s.aux as TypedArray).fill(0, yo, yo + H); // tanh(c_t), kept by the LSTM runner
    }
    if (y !== null) y.fill(0, yo, yo + H);
  }
}

/**
 * After the backward of step t on every row (G gates): finished rows pass dL/dh_t on to dhPrev,
 * keep dL/dc_t (`dcBefore`: the LSTM's dc as it was before the step, else null) and get zero
 * gate gradients in every buffer of `dG`.
 */
export function passFinished(
  s: StepArrays,
  t: number,
  G: number,
  dh: TypedArray,
  dhPrev: TypedArray,
  dG: readonly TypedArray[],
  dc: TypedArray | null,
  dcBefore: TypedArray | null,
): void {
  const { B, H } = s;
  for (let b = 0; b < B; b++) {
    if (isLive(s, t, b)) continue;
    const o = b * H;
    dhPrev.set(dh.subarray(o, o + H), o);
    if (dc !== null && dcBefore !== null) dc.set(dcBefore.subarray(o, o + H), o);
    const row = (t * B + b) * G * H;
    for (const d of dG) d.fill(0, row, row + G * H);
  }
}

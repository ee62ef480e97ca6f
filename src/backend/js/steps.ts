import type { TypedArray } from "../../tensor/dtype";
import type { Nonlinearity, RecurrentSequences, RecurrentSteps } from "../recurrent-steps";
import { gruCellBackwardJs, lstmCellBackwardJs, rnnCellBackwardJs } from "./cell-backward";
import { gruCellJs, lstmCellJs, rnnCellJs } from "./cells";
import { gemmJs } from "./gemm";
import { sequencesOfSteps } from "./sequence";

/**
 * The whole recurrent steps of the plain-JS backend (see RecurrentSteps): its GEMM, then its cell
 * kernel (or the cell backward, then the GEMM); a whole direction's forward is a loop over the
 * steps (`sequencesOfSteps`). These compositions define the results that a faster backend's
 * fused steps and sequences must match.
 */
const STEPS: Omit<RecurrentSteps, keyof RecurrentSequences> = {
  lstmStep({ B, H, wHh, acts, actsOff, c, cPrevOff, cOff, h, hPrevOff, hOff, tanhC, tanhCOff }): void {
    // a_t += h_{t-1} W_hh^T
    gemmJs(false, true, B, 4 * H, H, 1, h, hPrevOff, H, wHh, 0, H, 1, acts, actsOff, 4 * H);
    lstmCellJs({ B, H, acts, actsOff, c, cPrevOff, cOff, h, hOff, tanhC, tanhCOff });
  },

  lstmStepBackward({ B, H, wHh, gates, gatesOff, cPrev, cPrevOff, tanhC, tanhCOff, dh, dhOff, dc, dcOff, dG, dGOff, dhPrev, dhPrevOff }): void {
    lstmCellBackwardJs({ B, H, gates, gatesOff, cPrev, cPrevOff, tanhC, tanhCOff, dh, dhOff, dc, dcOff, dG, dGOff });
    // dL/dh_{t-1} = dG W_hh
    gemmJs(false, false, B, H, 4 * H, 1, dG, dGOff, 4 * H, wHh, 0, H, 0, dhPrev, dhPrevOff, H);
  },

  gruStep({ B, H, wHh, bHh, acts, actsOff, h, hPrevOff, hOff, hn, hnOff }): void {
    const GH = 3 * H;
    // hw = h_{t-1} W_hh^T + b_hh
    const hw = hiddenProjection(B, GH, bHh, acts);
    gemmJs(false, true, B, GH, H, 1, h, hPrevOff, H, wHh, 0, H, bHh === null ? 0 : 1, hw, 0, GH);
    gruCellJs({ B, H, acts, actsOff, hw, hwOff: 0, h, hPrevOff, hOff, hn, hnOff });
  },

  gruStepBackward({ B, H, wHh, gates, gatesOff, hn, hnOff, h, hPrevOff, dh, dhOff, dGx, dGxOff, dGh, dGhOff, dhPrev, dhPrevOff }): void {
    gruCellBackwardJs({ B, H, gates, gatesOff, hn, hnOff, h, hPrevOff, dh, dhOff, dGx, dGxOff, dGh, dGhOff, dhPrev, dhPrevOff });
    // dL/dh_{t-1} = dh z + dGh W_hh
    gemmJs(false, false, B, H, 3 * H, 1, dGh, dGhOff, 3 * H, wHh, 0, H, 1, dhPrev, dhPrevOff, H);
  },

  rnnStep({ B, H, nonlinearity, wHh, acts, actsOff, h, hPrevOff, hOff }): void {
    // a_t += h_{t-1} W_hh^T
    gemmJs(false, true, B, H, H, 1, h, hPrevOff, H, wHh, 0, H, 1, acts, actsOff, H);
    rnnCellJs(B * H, isRelu(nonlinearity), acts, actsOff, h, hOff);
  },

  rnnStepBackward({ B, H, nonlinearity, wHh, acts, actsOff, dh, dhOff, dG, dGOff, dhPrev, dhPrevOff }): void {
    rnnCellBackwardJs(B * H, isRelu(nonlinearity), acts, actsOff, dh, dhOff, dG, dGOff);
    // dL/dh_{t-1} = dG W_hh
    gemmJs(false, false, B, H, H, 1, dG, dGOff, H, wHh, 0, H, 0, dhPrev, dhPrevOff, H);
  },
};

/** The plain-JS steps and sequences. */
export const JS_STEPS: RecurrentSteps = { ...STEPS, ...sequencesOfSteps(STEPS) };

/** True for ReLU, false for tanh. */
export function isRelu(nonlinearity: Nonlinearity): boolean {
  return nonlinearity === "relu";
}

/** A [B, G*H] buffer of the dtype of `like`, each row b_hh (zeros without a bias). */
function hiddenProjection(B: number, GH: number, bHh: TypedArray | null, like: TypedArray): TypedArray {
  const hw = like instanceof Float64Array ? new Float64Array(B * GH) : new Float32Array(B * GH);
  if (bHh !== null) for (let b = 0; b < B; b++) hw.set(bHh.subarray(0, GH), b * GH);
  return hw;
}

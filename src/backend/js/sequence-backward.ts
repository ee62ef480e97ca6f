import type { TypedArray } from "../../tensor/dtype";
import type { RecurrentSequenceBackwards } from "../recurrent-backwards";
import type { RecurrentSteps } from "../recurrent-steps";

/** The step backward methods a sequence backward is made of. */
export type StepBackwardMethods = Pick<RecurrentSteps, "lstmStepBackward" | "gruStepBackward" | "rnnStepBackward">;

/**
 * The whole-direction backwards of RecurrentSequenceBackwards as a loop over the step backward
 * methods of `steps`, in reverse order of the forward (t = T-1 .. 0, or 0 .. T-1 in reverse):
 *   dh_t = dL/dy_t + dL/dh_t|from step t+1  (dhLast for the first),  then the step's backward,
 * which writes dL/da_t to block t of dG and dL/dh_{t-1}|from step t to block t of dhPrev.
 * With the plain-JS steps this defines the results (those of one graph node per step, whose
 * engine adds dL/dy_t to what the next step passed down); a backend whose kernels run elsewhere
 * uses it for other dtypes and tiny blocks.
 */
export function sequenceBackwardsOfSteps(steps: StepBackwardMethods): RecurrentSequenceBackwards {
  return {
    lstmSequenceBackward({ T, B, H, reverse, wHh, acts, c, tanhC, dhLast, dY, dc, dG, dhPrev }): void {
      walk(T, B * H, reverse, dhLast, dY, dhPrev, (t, prev, dh, dhOff) => {
        const at = t * 4 * B * H;
        steps.lstmStepBackward({
          B, H, wHh, gates: acts, gatesOff: at, cPrev: c, cPrevOff: prev, tanhC, tanhCOff: t * B * H,
          dh, dhOff, dc, dcOff: 0, dG, dGOff: at, dhPrev, dhPrevOff: t * B * H,
        });
      });
    },

    gruSequenceBackward({ T, B, H, reverse, wHh, acts, h, hn, dhLast, dY, dG, dGh, dhPrev }): void {
      walk(T, B * H, reverse, dhLast, dY, dhPrev, (t, prev, dh, dhOff) => {
        const at = t * 3 * B * H;
        steps.gruStepBackward({
          B, H, wHh, gates: acts, gatesOff: at, hn, hnOff: t * B * H, h, hPrevOff: prev,
          dh, dhOff, dGx: dG, dGxOff: at, dGh, dGhOff: at, dhPrev, dhPrevOff: t * B * H,
        });
      });
    },

    rnnSequenceBackward({ T, B, H, nonlinearity, reverse, wHh, acts, dhLast, dY, dG, dhPrev }): void {
      walk(T, B * H, reverse, dhLast, dY, dhPrev, (t, _prev, dh, dhOff) => {
        const at = t * B * H;
        steps.rnnStepBackward({ B, H, nonlinearity, wHh, acts, actsOff: at, dh, dhOff, dG, dGOff: at, dhPrev, dhPrevOff: at });
      });
    },
  };
}

/**
 * Runs `step(t, prev, dh, dhOff)` for t in backward order, dh_t at dhOff of dh: dhLast first,
 * then dL/dy_t + block t' of dhPrev (t' the step run before), or that block itself without dY.
 * `prev` is the element offset of the state slot step t read (t, reverse t+1).
 */
function walk(
  T: number,
  BH: number,
  reverse: boolean,
  dhLast: TypedArray,
  dY: TypedArray | null,
  dhPrev: TypedArray,
  step: (t: number, prev: number, dh: TypedArray, dhOff: number) => void,
): void {
  const sum = dY === null ? null : dhLast instanceof Float64Array ? new Float64Array(BH) : new Float32Array(BH);
  for (let k = 0; k < T; k++) {
    const t = reverse ? k : T - 1 - k;
    const prev = (reverse ? t + 1 : t) * BH;
    if (k === 0) {
      step(t, prev, dhLast, 0);
      continue;
    }
    const before = (reverse ? t - 1 : t + 1) * BH;
    if (dY === null || sum === null) {
      step(t, prev, dhPrev, before);
      continue;
    }
    // dh_t = dL/dy_t + dL/dh_t|from t+1
    for (let i = 0; i < BH; i++) sum[i] = (dY[t * BH + i] as number) + (dhPrev[before + i] as number);
    step(t, prev, sum, 0);
  }
}

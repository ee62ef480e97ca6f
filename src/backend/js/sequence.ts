import type { RecurrentSequences, RecurrentSteps } from "../recurrent-steps";
import { StepBackwardMethods, sequenceBackwardsOfSteps } from "./sequence-backward";

/** The step methods a sequence and its backward are made of. */
export type StepMethods = Pick<RecurrentSteps, "lstmStep" | "gruStep" | "rnnStep"> & StepBackwardMethods;

/**
 * The whole-direction forwards of RecurrentSequences as a loop over the step methods of `steps`:
 * step t (t = 0 .. T-1, or T-1 .. 0 in reverse) reads the states of slot `prev` and writes slot
 * `out` (t and t+1; reverse t+1 and t), its gates at block t of `acts`. With the plain-JS steps
 * this defines the results; a backend whose steps run on threads uses it for large products.
 * The backwards are those of `sequenceBackwardsOfSteps`.
 */
export function sequencesOfSteps(steps: StepMethods): RecurrentSequences {
  return {
    ...sequenceBackwardsOfSteps(steps),
    lstmSequence({ T, B, H, reverse, wHh, acts, c, h, tanhC }): void {
      const BH = B * H;
      for (let k = 0; k < T; k++) {
        const t = reverse ? T - 1 - k : k;
        const [prev, out] = slots(t, reverse, BH);
        steps.lstmStep({ B, H, wHh, acts, actsOff: t * 4 * BH, c, cPrevOff: prev, cOff: out, h, hPrevOff: prev, hOff: out, tanhC, tanhCOff: t * BH });
      }
    },

    gruSequence({ T, B, H, reverse, wHh, bHh, acts, h, hn }): void {
      const BH = B * H;
      for (let k = 0; k < T; k++) {
        const t = reverse ? T - 1 - k : k;
        const [prev, out] = slots(t, reverse, BH);
        steps.gruStep({ B, H, wHh, bHh, acts, actsOff: t * 3 * BH, h, hPrevOff: prev, hOff: out, hn, hnOff: t * BH });
      }
    },

    rnnSequence({ T, B, H, nonlinearity, reverse, wHh, acts, h }): void {
      const BH = B * H;
      for (let k = 0; k < T; k++) {
        const t = reverse ? T - 1 - k : k;
        const [prev, out] = slots(t, reverse, BH);
        steps.rnnStep({ B, H, nonlinearity, wHh, acts, actsOff: t * BH, h, hPrevOff: prev, hOff: out });
      }
    },
  };
}

/** Element offsets of the state read and the state written by step t: slots t, t+1 (reverse t+1, t). */
function slots(t: number, reverse: boolean, BH: number): [number, number] {
  return reverse ? [(t + 1) * BH, t * BH] : [t * BH, (t + 1) * BH];
}

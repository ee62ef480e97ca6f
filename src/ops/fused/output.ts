import { whenBackwardEnds } from "../../autograd/backward-end";
import type { NodePart } from "../../autograd/node";
import { record } from "../../autograd/record";
import { withScope } from "../../autograd/scope";
import { ValueError } from "../../errors";
import type { TypedArray } from "../../tensor/dtype";
import { allocate, copyOf } from "../../tensor/dtype";
import { Tensor } from "../../tensor/tensor";
import { stepsObserved } from "./recurrent-step";
import type { FusedGrads, StepArrays } from "./step-arrays";

/** Sizes of one fused direction, and where its nodes belong. */
export interface FusedSizes {
  T: number;
  B: number;
  H: number;
  reverse: boolean;
  scope: string;
  /** Every step ran forward in one call (every row live): the backward may run in one call too. */
  whole: boolean;
}

/**
 * The output sequence node of one fused direction. `steps` are the step nodes h_t in the order
 * they ran (t = T-1 .. 0 when reversed); `parts` the gates of every step, for figures.
 *
 * The output y [T, B, H] is made of the steps: y_t = h_t (0 past a sequence's end). Its backward
 * hands each step its slice dL/dy_t (a view, no copy; masked past the end), so the gradient that
 * reaches a step tensor h_t, e.g. a retained `.grad` or a hook, is the whole dL/dh_t: dL/dy_t plus
 * what comes back from h_{t+1}. When the whole sequence ran in one call (`z.whole`, T >= 2) and
 * nothing observes a step's gradient (`stepsObserved`), its backward stashes dL/dy in `grads.dY`
 * for the whole-sequence backward that the last step's node runs (see fusedStep; dropped when the
 * pass ends) and hands slices to the last two steps only: the other steps' dL/dh_t never needs
 * summing, and the second slice keeps dL/dy's storage held until that backward has read it (a
 * pass gives a gradient's storage back once no pending gradient views it).
 */
export function fusedOutput(s: StepArrays, steps: Tensor[], z: FusedSizes, parts: readonly NodePart[], grads: FusedGrads): Tensor {
  const { T, B, H, reverse, scope } = z;
  const BH = B * H;
  if (steps.length === 0) throw new ValueError("fusedOutput: a sequence needs at least one step; expected T >= 1, got 0");
  const ys = s.y ?? s.hs.subarray(reverse ? 0 : BH, reverse ? T * BH : (T + 1) * BH);
  // dL/dh_t += dL/dy_t for every step (rows past the end get 0: their y_t is the constant 0)
  return withScope({ module: scope, role: "output" }, () =>
    record(
      new Tensor(ys, [T, B, H]),
      "rnn_output",
      steps,
      (g) => {
        const stashed = z.whole && T >= 2 && !stepsObserved(steps) && whenBackwardEnds(() => (grads.dY = null));
        if (stashed) grads.dY = g.data;
        return steps.map((_, k) => (stashed && k < T - 2 ? null : stepSlice(g.data, reverse ? T - 1 - k : k, s)));
      },
      undefined,
      parts,
    ),
  );
}

/**
 * The final cell state c_T [B, H] of a fused direction whose cell has one (op `lstm_cell_state`
 * for the LSTM), made from the last step's node `last`. Its backward stashes dL/dc_T, which
 * joins the cell-state chain at the last step's backward.
 */
export function fusedCellState(op: string, s: StepArrays, last: Tensor, grads: FusedGrads, z: FusedSizes): Tensor {
  const { T, B, H, reverse, scope } = z;
  const BH = B * H;
  const cs = s.cs;
  if (cs === null) throw new ValueError(`${op}: the cell has no cell state; expected a [T+1, B, H] buffer, got null`);
  const slot = reverse ? 0 : T * BH;
  return withScope({ module: scope, role: "c" }, () =>
    record(new Tensor(cs.subarray(slot, slot + BH), [B, H]), op, [last], (g) => {
      grads.dcFinal = copyOf(g.data);
      return [new Tensor(allocate(last.dtype, BH), [B, H])];
    }),
  );
}

/** dL/dy_t as a [B, H] tensor: a view of step t's slice, or a copy with rows past the end zeroed. */
function stepSlice(dY: TypedArray, t: number, s: StepArrays): Tensor {
  const { B, H, lengths } = s;
  const view = dY.subarray(t * B * H, (t + 1) * B * H);
  if (lengths === null) return new Tensor(view, [B, H]);
  let dead = false;
  for (let b = 0; b < B; b++) if (t >= (lengths[b] as number)) dead = true;
  if (!dead) return new Tensor(view, [B, H]);
  const masked = view.slice();
  for (let b = 0; b < B; b++) if (t >= (lengths[b] as number)) masked.fill(0, b * H, (b + 1) * H);
  return new Tensor(masked, [B, H]);
}

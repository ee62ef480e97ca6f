import type { NodePart } from "../../autograd/node";
import { passHandsOut, whenBackwardEnds } from "../../autograd/backward-end";
import { record } from "../../autograd/record";
import type { TypedArray } from "../../tensor/dtype";
import { allocate, allocateOverwritten, copyOf } from "../../tensor/dtype";
import { Tensor } from "../../tensor/tensor";
import type { FusedCellKernel } from "./cell-kernel";
import { freezeFinished, passFinished } from "./mask";
import { holdResident, releaseResident, withResident } from "./pin";
import { FusedGrads, RecurrentWeights, StepArrays, allLive } from "./step-arrays";

/** What the steps of one fused direction share: the kernel, weights, buffers and gradient buffers. */
export interface FusedSteps {
  kernel: FusedCellKernel;
  w: RecurrentWeights;
  s: StepArrays;
  grads: FusedGrads;
  /** Steps of the direction. */
  T: number;
  /** Run reversed (t = T-1 .. 0). */
  reverse: boolean;
  /** The step nodes, in the order they ran (filled as they are made). */
  nodes: readonly Tensor[];
  /** The initial state h_0 needs a gradient (else the first step passes none down). */
  initialGrad: boolean;
}

/** Where step t sits: its time index, the state slots it reads and writes, and whether it is the last to run backward. */
export interface StepPlace {
  t: number;
  prev: number;
  out: number;
  /** The first step of the direction to run forward (t = 0, or T-1 reversed): its backward ends the chain. */
  first: boolean;
  /** The last step to run forward: its backward, the first to run, starts the chain. */
  last: boolean;
}

/**
 * Step t of a fused recurrence as one graph node h_t [B, H] (op `lstm_cell` etc.), inputs
 * P (the projection), h_{t-1}, W_hh, and c_{-1} at the first step of a cell with a state.
 *
 * Forward (unless `ran`: the whole sequence already ran in one backend call): the kernel's step,
 * then finished rows are put back (mask.ts) and y_t written.
 * Backward: g = dL/dh_t whole (from y_t and from h_{t+1}); the kernel's step backward writes
 * dL/da_t into the direction's gate-gradient buffer and returns dL/dh_{t-1} (the part through
 * W_hh plus the part that skips it); the first step hands the whole buffer to the projection
 * node as dL/dP (and dL/dc_{-1}).
 * When the whole sequence ran in one call (`ran`) and nothing observes a step's gradient
 * (`stepsObserved`), the backward of the last step (the first to run) runs every step's backward
 * in one backend call instead (`sequenceBackward`, BPTT: dh_t = dL/dy_t + dL/dh_t|from t+1,
 * dG_t = dh_t ⊙ f'(a_t), dL/dh_{t-1}|from t = dG_t W_hh), reading dL/dy_t from the output node's
 * stash: the steps are linked by these nodes alone, so each step's own gradient is not needed
 * again. Each step then returns its block of dL/dh_{t-1}|from t (step 0 a copy, as it leaves).
 */
export function fusedStep(d: FusedSteps, at: StepPlace, inputs: readonly Tensor[], ran: boolean, parts: readonly NodePart[]): Tensor {
  const { kernel, w, s, grads } = d;
  const { t, prev, out, first, last } = at;
  const { B, H } = s;
  const BH = B * H;
  if (!ran) stepForward(d, t, prev, out);
  const hT = new Tensor(s.hs.subarray(out, out + BH), [B, H]);
  const dtype = hT.dtype;
  return record(
    hT,
    kernel.op,
    inputs,
    (g) => {
      if (grads.dGx === null) {
        // the output node stashed dL/dy (and dropped the steps' slices), or nothing reached it
        const whole = ran && last && (grads.dY !== null || !stepsObserved(d.nodes));
        startBackward(d, dtype, whole);
        if (whole) sequenceBackward(d, g.data, dtype);
        else holdResident(grads, w.wHh.data);
      }
      const skipped = first && grads.chain !== null && !d.initialGrad;
      const dh = skipped ? null : new Tensor(dhPrevOf(d, at, g.data, dtype), [B, H]);
      if (!first) return [null, dh, null];
      releaseResident(grads);
      const dP = new Tensor(grads.dGx as TypedArray, [d.T * B, kernel.blocks * H]); // allocated by startBackward
      const dc0 = kernel.cellState ? new Tensor(grads.dc as TypedArray, [B, H]) : null; // allocated by startBackward
      grads.pendingDGh = kernel.splitHiddenGrads ? grads.dGh : null;
      grads.dGx = grads.dGh = grads.dc = grads.dcFinal = grads.chain = null;
      return [dP, dh, null, dc0];
    },
    undefined,
    parts,
  );
}

/** The forward of step t on every row, then finished rows put back and y_t written. */
function stepForward(d: FusedSteps, t: number, prev: number, out: number): void {
  const { s } = d;
  const BH = s.B * s.H;
  d.kernel.step(s, d.w, t, prev, out);
  if (allLive(s, t)) {
    if (s.y !== null) s.y.set(s.hs.subarray(out, out + BH), t * BH);
  } else freezeFinished(s, t, prev, out);
}

/**
 * True when a step's gradient dL/dh_t is observed, so it must reach the step whole: a hook, a
 * retained `.grad`, or a pass that hands it out by name (`grad()`, `backward({ inputs })`).
 */
export function stepsObserved(nodes: readonly Tensor[]): boolean {
  return nodes.some((n) => n.hooks.length > 0 || n.retainsGrad || passHandsOut(n));
}

/**
 * dL/dh_{t-1}|from step t: its block of the chain a whole-sequence backward made (a copy at the
 * first step, whose gradient leaves the direction), else step t's backward now.
 */
function dhPrevOf(d: FusedSteps, at: StepPlace, dh: TypedArray, dtype: Tensor["dtype"]): TypedArray {
  const { t, prev, first } = at;
  const { chain } = d.grads;
  const BH = d.s.B * d.s.H;
  if (chain !== null) {
    const block = chain.subarray(t * BH, (t + 1) * BH);
    return first ? copyOf(block) : block;
  }
  const dhPrev = allocate(dtype, BH);
  stepBackward(d, t, prev, dh, dhPrev);
  return dhPrev;
}

/** Every step's backward in one backend call (W_hh resident meanwhile), from dhLast = dL/dh of the last step and the stashed dL/dy. */
function sequenceBackward(d: FusedSteps, dhLast: TypedArray, dtype: Tensor["dtype"]): void {
  const { kernel, w, s, grads, T } = d;
  // written whole, save block t = 0 without the initial gradient, which no step then reads
  const chain = allocateOverwritten(dtype, T * s.B * s.H);
  const dY = grads.dY;
  grads.dY = null;
  withResident(w.wHh.data, () => kernel.sequenceBackward(s, w, T, d.reverse, dhLast, dY, grads, chain, d.initialGrad));
  grads.chain = chain;
  // a pass that fails before step 0's backward leaves no half-made buffers for the next one
  whenBackwardEnds(() => {
    if (grads.chain === chain) grads.dGx = grads.dGh = grads.dc = grads.dcFinal = grads.chain = null;
  });
}

/** The backward of step t on every row, then finished rows pass their gradients through unchanged. */
function stepBackward(d: FusedSteps, t: number, prev: number, dh: TypedArray, dhPrev: TypedArray): void {
  const { kernel, s, grads } = d;
  const live = allLive(s, t);
  const dcBefore = live || grads.dc === null ? null : grads.dc.slice();
  kernel.stepBackward(s, d.w, t, prev, dh, grads, dhPrev);
  if (live) return;
  const dG = [grads.dGx, kernel.splitHiddenGrads ? grads.dGh : null].filter((x): x is TypedArray => x !== null);
  passFinished(s, t, kernel.blocks, dh, dhPrev, dG, grads.dc, dcBefore);
}

/**
 * Allocates the backward buffers of one direction when its first step's backward runs. A
 * whole-sequence backward (`whole`) writes every element of the gate gradients, so their blocks
 * are not zeroed first (8 MiB per direction of a char-LM LSTM); the step backwards of a masked
 * sequence leave finished rows as they are, so those get zeros.
 */
function startBackward(d: FusedSteps, dtype: Tensor["dtype"], whole: boolean): void {
  const { grads, kernel, s } = d;
  const n = d.T * s.B * kernel.blocks * s.H;
  const gateGrads = (): TypedArray => (whole ? allocateOverwritten(dtype, n) : allocate(dtype, n));
  grads.dGx = gateGrads();
  grads.dGh = kernel.splitHiddenGrads ? gateGrads() : null;
  if (kernel.cellState) grads.dc = grads.dcFinal === null ? allocate(dtype, s.B * s.H) : copyOf(grads.dcFinal);
}

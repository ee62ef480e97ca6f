import { ValueError } from "../../errors";
import type { TypedArray } from "../../tensor/dtype";
import type { FusedGrads, RecurrentWeights, StepArrays } from "./step-arrays";

/**
 * A fused kernel family: how one recurrent cell kind runs on the backend's whole-step kernels.
 * The fused recurrence (`FusedDirection` and the ops of this folder) is the same for every cell;
 * what differs is named here. One object per kind (`LSTM_KERNEL`, `GRU_KERNEL`, `RNN_TANH_KERNEL`,
 * `RNN_RELU_KERNEL`), referenced by the cell's `CellSpec.fused`.
 *
 * The methods call the backend for every row (rows of finished sequences are put back by
 * the caller, see mask.ts) on the arrays of `s`, with step t's gates at rows t*B .. (t+1)*B - 1
 * of `s.acts` and its states read from slot `prev` and written to slot `out` of `s.hs` (`s.cs`).
 */
export interface FusedCellKernel {
  /** Op name of a step node, e.g. `lstm_cell`. */
  readonly op: string;
  /** Op name of the input projection node, e.g. `lstm_projection`. */
  readonly projectionOp: string;
  /** Gate blocks G packed in W_ih and W_hh (4 LSTM, 3 GRU, 1 RNN). */
  readonly blocks: number;
  /** b_hh is added in the projection, P = X W_ih^T + b_ih + b_hh (false: inside the step, as the GRU's r (W_hn h + b_hn)). */
  readonly foldHiddenBias: boolean;
  /** The cell has a cell state c (`s.cs`, and a `dc` carried down the backward). */
  readonly cellState: boolean;
  /** The step keeps a [T, B, H] buffer `s.aux` for its backward (tanh(c_t), hw_n). */
  readonly aux: boolean;
  /** The hidden-side gate gradients differ from the input side's (dG_h, the GRU's r gate). */
  readonly splitHiddenGrads: boolean;
  /** All T steps, every row live, in one backend call (`lstmSequence`, ...). */
  sequence(s: StepArrays, w: RecurrentWeights, T: number, reverse: boolean): void;
  /** Step t, every row: a_t += h_{t-1} W_hh^T and the pointwise cell (`lstmStep`, ...). */
  step(s: StepArrays, w: RecurrentWeights, t: number, prev: number, out: number): void;
  /**
   * Backward of step t, every row, from dh = dL/dh_t: gate gradients into `grads.dGx` (and
   * `grads.dGh`), dL/dc_t -> dL/dc_{t-1} in `grads.dc`, dL/dh_{t-1} into `dhPrev`.
   */
  stepBackward(s: StepArrays, w: RecurrentWeights, t: number, prev: number, dh: TypedArray, grads: FusedGrads, dhPrev: TypedArray): void;
  /**
   * The backward of all T steps, every row live, in one backend call (`lstmSequenceBackward`,
   * ...): `dhLast` is dL/dh of the step run last forward (whole), `dY` [T, B, H] dL/dy_t or null;
   * gate gradients into `grads.dGx` (and `grads.dGh`), dL/dc carried in `grads.dc`, and block t of
   * `chain` [T, B, H] receives dL/dh_{t-1}|from step t (that of the step run first only when
   * `initialGrad`).
   */
  sequenceBackward(
    s: StepArrays,
    w: RecurrentWeights,
    T: number,
    reverse: boolean,
    dhLast: TypedArray,
    dY: TypedArray | null,
    grads: FusedGrads,
    chain: TypedArray,
    initialGrad: boolean,
  ): void;
}

/** A buffer the fused recurrence allocated for this kernel (`aux`, `cs`, `dc`, ...). */
export function allocated(x: TypedArray | null, name: string): TypedArray {
  if (x === null) throw new ValueError(`fused recurrence: buffer ${name} is missing; expected it allocated for this cell, got null`);
  return x;
}

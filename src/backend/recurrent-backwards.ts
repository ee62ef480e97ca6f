import type { TypedArray } from "../tensor/dtype";
import type { Nonlinearity } from "./recurrent-operands";

/**
 * The arrays of the backward of one direction of a fused recurrence over T steps (backpropagation
 * through time), all from offset 0, in the layout of its forward (`RecurrentSequences`):
 *   acts   [T, B, G*H]  the activations the forward left (LSTM i|f|g|o, GRU r|z|n, RNN h_t)
 *   dhLast [B, H]       dL/dh of the step the forward ran last (t = T-1, reverse t = 0), whole
 *   dY     [T, B, H]    dL/dy_t from the outputs, or null (none reached the outputs)
 *   dG     [T, B, G*H]  receives dL/da_t (GRU: the input side dG_x)
 *   dhPrev [T, B, H]    block t receives dL/dh_{t-1}|from step t: what step t passes down through
 *                       W_hh (GRU: plus dh_t z_t), so dL/dh_{t-1} = dL/dy_{t-1} + block t
 */
export interface SequenceBackwardOperands {
  T: number;
  B: number;
  H: number;
  reverse: boolean;
  /** W_hh [G*H, H]. */
  wHh: TypedArray;
  acts: TypedArray;
  dhLast: TypedArray;
  dY: TypedArray | null;
  dG: TypedArray;
  dhPrev: TypedArray;
  /**
   * False when the block of dhPrev of the step run first forward (t = 0, reverse T-1), dL/dh of
   * the initial state, is not wanted: its values are then unspecified (default true).
   */
  initialGrad?: boolean;
}

/** `lstmSequenceBackward`: the states and tanh(c_t) of `lstmSequence`, and the cell-state gradient. */
export interface LSTMSequenceBackwardOperands extends SequenceBackwardOperands {
  /** c [T+1, B, H], slots as the forward's. */
  c: TypedArray;
  /** tanh(c_t) [T, B, H]. */
  tanhC: TypedArray;
  /** [B, H]: holds dL/dc_T, receives dL/dc_{-1} (of the initial cell state). */
  dc: TypedArray;
}

/** `gruSequenceBackward`: the states and hw_n of `gruSequence`, and the hidden-side gate gradients. */
export interface GRUSequenceBackwardOperands extends SequenceBackwardOperands {
  /** h [T+1, B, H], slots as the forward's. */
  h: TypedArray;
  /** hw_n [T, B, H]. */
  hn: TypedArray;
  /** Receives dG_h [T, B, 3H]: dr | dz | dn r. */
  dGh: TypedArray;
}

/** `rnnSequenceBackward`: `acts` holds h_t. */
export interface RNNSequenceBackwardOperands extends SequenceBackwardOperands {
  nonlinearity: Nonlinearity;
}

/**
 * The whole backward of one direction of a fused recurrence, every row live at every step, in one
 * call: the results of T calls of the matching step backward (`lstmStepBackward`, ...) in reverse
 * order of the forward, step t given dh_t = dL/dy_t + dL/dh_t|from step t+1 (the last step run
 * forward: `dhLast`). So a backend on its own memory stages the operands once and runs the loop
 * there (on several threads, meeting once per step). The recurrence of the lecture (BPTT):
 *   dh_t = dL/dy_t + dL/dh_t|from t+1,   dG_t = dh_t ⊙ f'(a_t),   dL/dh_{t-1}|from t = dG_t W_hh
 */
export interface RecurrentSequenceBackwards {
  /**
   * LSTM:  dc~ = dc_t + dh_t o (1 - tanh^2 c_t),  dc_{t-1} = dc~ f,
   *   da = dc~ g i(1-i) | dc~ c_{t-1} f(1-f) | dc~ i (1-g^2) | dh_t tanh(c_t) o(1-o),  dh_{t-1} = da W_hh
   */
  lstmSequenceBackward(operands: LSTMSequenceBackwardOperands): void;

  /**
   * GRU:  dn = dh (1-z)(1-n^2),  dz = dh (h_{t-1} - n) z(1-z),  dr = dn hw_n r(1-r),
   *   dG_x = dr | dz | dn,  dG_h = dr | dz | dn r,  dh_{t-1} = dh z + dG_h W_hh
   */
  gruSequenceBackward(operands: GRUSequenceBackwardOperands): void;

  /** Elman:  dG_t = dh_t (1 - h_t^2) (tanh) or dh_t [h_t > 0] (relu),  dh_{t-1} = dG_t W_hh. */
  rnnSequenceBackward(operands: RNNSequenceBackwardOperands): void;
}

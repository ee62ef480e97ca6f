import type {
  GRUSequenceOperands,
  GRUStepBackwardOperands,
  GRUStepOperands,
  LSTMSequenceOperands,
  LSTMStepBackwardOperands,
  LSTMStepOperands,
  RNNSequenceOperands,
  RNNStepBackwardOperands,
  RNNStepOperands,
} from "./recurrent-operands";
import type { RecurrentSequenceBackwards } from "./recurrent-backwards";

export type { Nonlinearity } from "./recurrent-operands";

/**
 * Whole live steps of a fused recurrence, the recurrent GEMM and the pointwise cell in one call,
 * so a backend that runs on its own memory (WebAssembly) copies each operand in and each result
 * out once per step, instead of once for the GEMM and again for the cell. Every row is treated as
 * live (the fused recurrence puts the rows of finished sequences back afterwards).
 *
 * W_hh is [G*H, H] (`weight_hh_l{k}`, G gates: 4 LSTM, 3 GRU, 1 RNN), the whole of `wHh` from
 * offset 0; a pinned `wHh` (`Backend.pin`) is read from its resident packed copy. All [B, H]
 * blocks (h, c, tanh(c), hw_n, dh) have contiguous rows; gate blocks are [B, G*H].
 * The results are those of `Backend.gemm` followed by the matching cell method (the plain-JS
 * backend composes exactly these).
 */
export interface RecurrentSteps extends RecurrentSequences {
  /**
   * One live LSTM step:  a_t += h_{t-1} W_hh^T,  then `lstmCell` on a_t:
   *   i = s(a_i), f = s(a_f), g = tanh(a_g), o = s(a_o),  c_t = f c_{t-1} + i g,  h_t = o tanh(c_t)
   * `acts` [B, 4H] at actsOff holds P_t = x_t W_ih^T + b (packed i|f|g|o) and receives i, f, g, o;
   * c_{t-1} is read from `c` at cPrevOff, c_t written at cOff; h_{t-1} is read from `h` at
   * hPrevOff, h_t written at hOff; tanh(c_t) goes to `tanhC` at tanhCOff.
   */
  lstmStep(operands: LSTMStepOperands): void;

  /**
   * Backward of `lstmStep`: `lstmCellBackward`, then the gradient of h_{t-1} through W_hh:
   *   dc~ = dc + dh o (1 - tanh^2 c_t),  dc_{t-1} = dc~ f
   *   dG = da_i | da_f | da_g | da_o (see lstmCellBackward),  dh_{t-1} = dG W_hh
   * Operands as in `lstmCellBackward`; dL/dh_{t-1} [B, H] is written (not added) to `dhPrev` at
   * dhPrevOff.
   */
  lstmStepBackward(operands: LSTMStepBackwardOperands): void;

  /**
   * One live GRU step (PyTorch's convention):  hw = h_{t-1} W_hh^T + b_hh,  then `gruCell`:
   *   r = s(x_r + hw_r), z = s(x_z + hw_z), n = tanh(x_n + r hw_n), h_t = (1 - z) n + z h_{t-1}
   * `bHh` [3H] is b_hh (`bias_hh_l{k}`) or null for none; hw stays internal. `acts` [B, 3H] at
   * actsOff holds x_t W_ih^T + b_ih (packed r|z|n) and receives r, z, n; h_{t-1} is read from `h`
   * at hPrevOff, h_t written at hOff; hw_n goes to `hn` [B, H] at hnOff (the backward needs it).
   */
  gruStep(operands: GRUStepOperands): void;

  /**
   * Backward of `gruStep`: `gruCellBackward`, then the gradient of h_{t-1} through W_hh:
   *   dn = dh (1 - z) (1 - n^2),  dz = dh (h_{t-1} - n) z(1-z),  dr = dn hw_n r(1-r)
   *   dGx = dr | dz | dn,  dGh = dr | dz | dn r,  dh_{t-1} = dh z + dGh W_hh
   * Operands as in `gruCellBackward`; dL/dh_{t-1} [B, H] is written to `dhPrev` at dhPrevOff.
   */
  gruStepBackward(operands: GRUStepBackwardOperands): void;

  /**
   * One live Elman step:  a_t += h_{t-1} W_hh^T,  h_t = tanh(a_t) or max(a_t, 0).
   * `acts` [B, H] at actsOff holds P_t = x_t W_ih^T + b and receives h_t (the backward reads it
   * there); h_{t-1} is read from `h` at hPrevOff and h_t also written at hOff.
   */
  rnnStep(operands: RNNStepOperands): void;

  /**
   * Backward of `rnnStep` from dh = dL/dh_t:
   *   dG = dh (1 - h_t^2) (tanh) or dh [a_t > 0] (relu; the same as [h_t > 0]),  dh_{t-1} = dG W_hh
   * h_t is read from `acts` [B, H] at actsOff (as `rnnStep` left it), dh from `dh` at dhOff; dG
   * [B, H] is written at dGOff and dL/dh_{t-1} [B, H] to `dhPrev` at dhPrevOff.
   */
  rnnStepBackward(operands: RNNStepBackwardOperands): void;
}

/**
 * The whole forward of one direction of a fused recurrence, every row live at every step, in one
 * call: the results of T calls of the matching step method (`lstmStep`, ...) in time order (t = 0
 * .. T-1, or T-1 .. 0 when `reverse`), so a backend on its own memory stages the operands once
 * and runs the loop there. The arrays are those of the fused recurrence, all from offset 0:
 *
 *   acts [T, B, G*H]  block t holds P_t = x_t W_ih^T + b and receives what the step leaves there
 *   h, c [T+1, B, H]  states: step t reads slot t and writes slot t+1 (reverse: reads slot t+1,
 *                     writes slot t); the initial state sits in slot 0 (reverse: slot T)
 *   aux  [T, B, H]    block t receives tanh(c_t) (LSTM) or hw_n (GRU)
 *
 * W_hh [G*H, H] and a pinned `wHh` as for the steps. The other slots of `h` and `c` are written;
 * nothing else is read or written. Their backwards are `RecurrentSequenceBackwards`.
 */
export interface RecurrentSequences extends RecurrentSequenceBackwards {
  /**
   * LSTM forward over T steps:  a_t = P_t + h_{t-1} W_hh^T,
   *   i = s(a_i), f = s(a_f), g = tanh(a_g), o = s(a_o),  c_t = f c_{t-1} + i g,  h_t = o tanh(c_t)
   * `acts` receives i|f|g|o of every step, `tanhC` tanh(c_t).
   */
  lstmSequence(operands: LSTMSequenceOperands): void;

  /**
   * GRU forward over T steps:  hw = h_{t-1} W_hh^T + b_hh,
   *   r = s(x_r + hw_r), z = s(x_z + hw_z), n = tanh(x_n + r hw_n), h_t = (1 - z) n + z h_{t-1}
   * `bHh` [3H] is b_hh or null; `acts` (x_t W_ih^T + b_ih) receives r|z|n, `hn` hw_n.
   */
  gruSequence(operands: GRUSequenceOperands): void;

  /**
   * Elman forward over T steps:  a_t = P_t + h_{t-1} W_hh^T,  h_t = tanh(a_t) or max(a_t, 0).
   * Block t of `acts` [T, B, H] receives h_t too (the backward reads it there).
   */
  rnnSequence(operands: RNNSequenceOperands): void;
}

import type { TypedArray } from "../tensor/dtype";

/**
 * The named operands of the recurrent kernels (`Backend.lstmCell`, `lstmStep`, `lstmSequence`,
 * and their GRU and Elman siblings): one object per call, so a call reads as the lecture's
 * equation instead of a row of 9 to 17 numbers. Positional pointers remain only at the
 * WebAssembly boundary (the generated `WasmKernels`).
 *
 * Conventions shared by every kernel:
 * - B rows (batch) of H hidden units, every row live; a [B, H] block has contiguous rows, a gate
 *   block is [B, G*H] with the gates packed as PyTorch packs them (LSTM i|f|g|o, GRU r|z|n).
 * - An array and an offset travel together: `acts` with `actsOff` is the block that starts at
 *   element `actsOff` of `acts`. A state array holding several time slots (`h` [T+1, B, H]) is
 *   read at one offset (`hPrevOff`, h_{t-1}) and written at another (`hOff`, h_t).
 * - `wHh` is W_hh [G*H, H] (`weight_hh_l{k}`, U in the lectures' W/U naming), read whole from
 *   offset 0; a pinned `wHh` (`Backend.pin`) is read from its resident packed copy.
 * - s is the logistic sigmoid; products of vectors are elementwise.
 */

/** Sizes of one step: B rows of H hidden units. */
export interface StepSize {
  /** Rows (the batch). */
  B: number;
  /** Hidden units per row. */
  H: number;
}

/** The activation of an Elman RNN: PyTorch's `nonlinearity` option. */
export type Nonlinearity = "tanh" | "relu";

/**
 * `lstmCell`, the pointwise part of an LSTM step:
 *   i = s(a_i), f = s(a_f), g = tanh(a_g), o = s(a_o),  c_t = f c_{t-1} + i g,  h_t = o tanh(c_t)
 */
export interface LSTMCellOperands extends StepSize {
  /** [B, 4H]: holds the pre-activations a (i|f|g|o) and receives the gates i, f, g, o. */
  acts: TypedArray;
  actsOff: number;
  /** The cell state: c_{t-1} [B, H] is read at `cPrevOff`, c_t written at `cOff`. */
  c: TypedArray;
  cPrevOff: number;
  cOff: number;
  /** Receives h_t [B, H] at `hOff`. */
  h: TypedArray;
  hOff: number;
  /** Receives tanh(c_t) [B, H] at `tanhCOff` (the backward needs it). */
  tanhC: TypedArray;
  tanhCOff: number;
}

/**
 * `lstmStep`, one whole LSTM step:  a_t += h_{t-1} W_hh^T, then the cell of `LSTMCellOperands`,
 * where `acts` holds P_t = x_t W_ih^T + b on entry.
 */
export interface LSTMStepOperands extends LSTMCellOperands {
  /** W_hh [4H, H]. */
  wHh: TypedArray;
  /** h_{t-1} [B, H] is read from `h` at `hPrevOff` (h_t is written at `hOff`). */
  hPrevOff: number;
}

/**
 * `lstmCellBackward`, from dh = dL/dh_t and dc = dL/dc_t:
 *   dc~ = dc + dh o (1 - tanh^2 c_t),  dc_{t-1} = dc~ f
 *   da_i = dc~ g i(1-i),  da_f = dc~ c_{t-1} f(1-f),  da_g = dc~ i (1-g^2),  da_o = dh tanh(c_t) o(1-o)
 */
export interface LSTMCellBackwardOperands extends StepSize {
  /** [B, 4H]: the gates i|f|g|o of the forward. */
  gates: TypedArray;
  gatesOff: number;
  /** c_{t-1} [B, H]. */
  cPrev: TypedArray;
  cPrevOff: number;
  /** tanh(c_t) [B, H], as the forward saved it. */
  tanhC: TypedArray;
  tanhCOff: number;
  /** dL/dh_t [B, H]. */
  dh: TypedArray;
  dhOff: number;
  /** Holds dL/dc_t [B, H] and receives dL/dc_{t-1}. */
  dc: TypedArray;
  dcOff: number;
  /** Receives dL/da [B, 4H] (i|f|g|o). */
  dG: TypedArray;
  dGOff: number;
}

/** `lstmStepBackward`: the cell's backward, then dh_{t-1} = dG W_hh (written, not added). */
export interface LSTMStepBackwardOperands extends LSTMCellBackwardOperands {
  /** W_hh [4H, H]. */
  wHh: TypedArray;
  /** Receives dL/dh_{t-1} [B, H]. */
  dhPrev: TypedArray;
  dhPrevOff: number;
}

/**
 * `gruCell`, the pointwise part of a GRU step (PyTorch's convention):
 *   r = s(x_r + hw_r), z = s(x_z + hw_z), n = tanh(x_n + r hw_n), h_t = (1 - z) n + z h_{t-1}
 */
export interface GRUCellOperands extends StepSize {
  /** [B, 3H]: holds x_t W_ih^T + b_ih (r|z|n) and receives the gates r, z, n. */
  acts: TypedArray;
  actsOff: number;
  /** hw = h_{t-1} W_hh^T + b_hh [B, 3H]. */
  hw: TypedArray;
  hwOff: number;
  /** h_{t-1} [B, H] is read at `hPrevOff`, h_t written at `hOff`. */
  h: TypedArray;
  hPrevOff: number;
  hOff: number;
  /** Receives hw_n [B, H] at `hnOff` (the backward needs it). */
  hn: TypedArray;
  hnOff: number;
}

/** `gruStep`, one whole GRU step: hw = h_{t-1} W_hh^T + b_hh (kept inside), then the cell. */
export interface GRUStepOperands extends Omit<GRUCellOperands, "hw" | "hwOff"> {
  /** W_hh [3H, H]. */
  wHh: TypedArray;
  /** b_hh [3H] (`bias_hh_l{k}`), or null for a layer without bias. */
  bHh: TypedArray | null;
}

/**
 * `gruCellBackward`, from dh = dL/dh_t:
 *   dn = dh (1 - z) (1 - n^2),  dz = dh (h_{t-1} - n) z(1-z),  dr = dn hw_n r(1-r)
 *   dGx = dr | dz | dn,  dGh = dr | dz | dn r,  dh_{t-1} = dh z  (before dGh W_hh is added)
 */
export interface GRUCellBackwardOperands extends StepSize {
  /** [B, 3H]: the gates r|z|n of the forward. */
  gates: TypedArray;
  gatesOff: number;
  /** hw_n [B, H], as the forward saved it. */
  hn: TypedArray;
  hnOff: number;
  /** h_{t-1} [B, H] is read from `h` at `hPrevOff`. */
  h: TypedArray;
  hPrevOff: number;
  /** dL/dh_t [B, H]. */
  dh: TypedArray;
  dhOff: number;
  /** Receives dL/d(x W_ih^T + b_ih) [B, 3H]. */
  dGx: TypedArray;
  dGxOff: number;
  /** Receives dL/d(h_{t-1} W_hh^T + b_hh) [B, 3H]. */
  dGh: TypedArray;
  dGhOff: number;
  /** Receives dh z [B, H] (the cell's part of dL/dh_{t-1}). */
  dhPrev: TypedArray;
  dhPrevOff: number;
}

/** `gruStepBackward`: the cell's backward, then dh_{t-1} = dh z + dGh W_hh (written to `dhPrev`). */
export interface GRUStepBackwardOperands extends GRUCellBackwardOperands {
  /** W_hh [3H, H]. */
  wHh: TypedArray;
}

/** `rnnStep`, one Elman step:  a_t += h_{t-1} W_hh^T,  h_t = tanh(a_t) or max(a_t, 0). */
export interface RNNStepOperands extends StepSize {
  nonlinearity: Nonlinearity;
  /** W_hh [H, H]. */
  wHh: TypedArray;
  /** [B, H]: holds P_t = x_t W_ih^T + b and receives h_t (the backward reads it there). */
  acts: TypedArray;
  actsOff: number;
  /** h_{t-1} [B, H] is read at `hPrevOff`, h_t also written at `hOff`. */
  h: TypedArray;
  hPrevOff: number;
  hOff: number;
}

/**
 * `rnnStepBackward`, from dh = dL/dh_t:
 *   dG = dh (1 - h_t^2) (tanh) or dh [a_t > 0] (relu),  dh_{t-1} = dG W_hh
 */
export interface RNNStepBackwardOperands extends StepSize {
  nonlinearity: Nonlinearity;
  /** W_hh [H, H]. */
  wHh: TypedArray;
  /** h_t [B, H], as `rnnStep` left it in `acts`. */
  acts: TypedArray;
  actsOff: number;
  /** dL/dh_t [B, H]. */
  dh: TypedArray;
  dhOff: number;
  /** Receives dG = dL/da_t [B, H]. */
  dG: TypedArray;
  dGOff: number;
  /** Receives dL/dh_{t-1} [B, H]. */
  dhPrev: TypedArray;
  dhPrevOff: number;
}

/**
 * The arrays of one direction of a fused recurrence over T steps, all from offset 0:
 *   acts [T, B, G*H]  block t holds P_t and receives what step t leaves there
 *   h    [T+1, B, H]  step t reads slot t and writes slot t+1 (reverse: reads t+1, writes t);
 *                     the initial state sits in slot 0 (reverse: slot T)
 */
export interface SequenceOperands extends StepSize {
  /** Time steps. */
  T: number;
  /** Run t = T-1 .. 0 (the backward direction of a bidirectional layer). */
  reverse: boolean;
  /** W_hh [G*H, H]. */
  wHh: TypedArray;
  acts: TypedArray;
  h: TypedArray;
}

/** `lstmSequence`: T `lstmStep`s; `acts` receives i|f|g|o of every step. */
export interface LSTMSequenceOperands extends SequenceOperands {
  /** c [T+1, B, H], slots as for h. */
  c: TypedArray;
  /** Receives tanh(c_t) [T, B, H]. */
  tanhC: TypedArray;
}

/** `gruSequence`: T `gruStep`s; `acts` (x_t W_ih^T + b_ih) receives r|z|n of every step. */
export interface GRUSequenceOperands extends SequenceOperands {
  /** b_hh [3H] or null. */
  bHh: TypedArray | null;
  /** Receives hw_n [T, B, H]. */
  hn: TypedArray;
}

/** `rnnSequence`: T `rnnStep`s; block t of `acts` receives h_t too. */
export interface RNNSequenceOperands extends SequenceOperands {
  nonlinearity: Nonlinearity;
}

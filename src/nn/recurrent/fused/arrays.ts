import type { TypedArray } from "../../../tensor/dtype";

/**
 * The raw buffers of one direction of one layer on the fused path (all row-major, time order).
 * Step t of the forward direction reads its previous state from slot t of `hs` and writes slot t+1;
 * the reverse direction reads slot t+1 and writes slot t. So, in both directions, slots
 * [prevBase .. prevBase+T) hold the previous states of steps 0..T-1, one block for one GEMM.
 */
export interface StepArrays {
  /** Batch size B. */
  B: number;
  /** Hidden size H. */
  H: number;
  /** [T, B, G*H]: the gate pre-activations, replaced by the activations as each step runs. */
  acts: TypedArray;
  /** [T+1, B, H]: hidden states, the initial one included. */
  hs: TypedArray;
  /** [T+1, B, H]: LSTM cell states (null for RNN and GRU). */
  cs: TypedArray | null;
  /** [T, B, H]: what a step's backward needs besides the gates: tanh(c_t) (LSTM), W_hn h + b_hn (GRU). */
  aux: TypedArray | null;
  /** [T, B, H]: outputs zeroed past each sequence's end (only with lengths; else the outputs are `hs`). */
  y: TypedArray | null;
  /** Valid length of each sequence, or null. */
  lengths: Int32Array | null;
}

/** True when step t lies inside sequence b. */
export function isLive(s: StepArrays, t: number, b: number): boolean {
  return s.lengths === null || t < (s.lengths[b] as number);
}

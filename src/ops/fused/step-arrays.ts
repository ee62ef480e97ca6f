import type { PinnedOperand } from "../../backend/pinned";
import type { TypedArray } from "../../tensor/dtype";
import type { Tensor } from "../../tensor/tensor";

/** Parameters of one layer and direction, PyTorch layout: W_ih [G*H, D], W_hh [G*H, H], biases [G*H]. */
export interface RecurrentWeights {
  wIh: Tensor;
  wHh: Tensor;
  bIh: Tensor | null;
  bHh: Tensor | null;
}

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
  /** [T+1, B, H]: cell states (cells with one, the LSTM; else null). */
  cs: TypedArray | null;
  /** [T, B, H]: what a step's backward needs besides the gates: tanh(c_t) (LSTM), W_hn h + b_hn (GRU). */
  aux: TypedArray | null;
  /** [T, B, H]: outputs zeroed past each sequence's end (only with lengths; else the outputs are `hs`). */
  y: TypedArray | null;
  /** Valid length of each sequence, or null. */
  lengths: Int32Array | null;
}

/**
 * Gradient buffers shared by the nodes of one fused direction during one backward pass. The
 * cell-state node stashes dL/dc_T here, the steps fill the gate gradients, and the first step
 * hands them to the projection node and clears them (so the graph can be walked again with
 * `retainGraph`).
 */
export interface FusedGrads {
  /** [T*B, G*H] dL/d(input-side gate pre-activations), in time order. */
  dGx: TypedArray | null;
  /** [T*B, G*H] dL/d(hidden-side gate pre-activations) (GRU only; the same as dGx otherwise). */
  dGh: TypedArray | null;
  /** [B, H] dL/dc carried down the steps (cells with a cell state). */
  dc: TypedArray | null;
  /** [B, H] dL/dc_T from the final cell state. */
  dcFinal: TypedArray | null;
  /** dGh handed from the first step to the projection node (GRU). */
  pendingDGh: TypedArray | null;
  /** W_hh kept resident from the backward of the last step to that of step 0 (see pin.ts). */
  pinned: PinnedOperand | null;
  /** [T, B, H] dL/dy_t, stashed by the output node's backward for a whole-sequence backward (else null). */
  dY: TypedArray | null;
  /** [T, B, H] block t: dL/dh_{t-1}|from step t, made by a whole-sequence backward (else null). */
  chain: TypedArray | null;
}

/** True when step t lies inside sequence b. */
export function isLive(s: StepArrays, t: number, b: number): boolean {
  return s.lengths === null || t < (s.lengths[b] as number);
}

/** True when step t lies inside every sequence of the batch. */
export function allLive(s: StepArrays, t: number): boolean {
  const lengths = s.lengths;
  if (lengths === null) return true;
  for (let b = 0; b < lengths.length; b++) if (t >= (lengths[b] as number)) return false;
  return true;
}

/** True when every step lies inside every sequence of the batch (no lengths, or all at least T). */
export function everyStepLive(s: StepArrays, T: number): boolean {
  const lengths = s.lengths;
  if (lengths === null) return true;
  for (let b = 0; b < lengths.length; b++) if ((lengths[b] as number) < T) return false;
  return true;
}

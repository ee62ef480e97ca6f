import type { RecurrentWeights } from "../../ops/fused/step-arrays";
import type { Tensor } from "../../tensor/tensor";

/**
 * What the two recurrence paths (composed and fused) share: the weights of one layer and
 * direction, and what one direction of one layer reads and returns (the cells: cells/).
 */

/** Parameters of one layer and direction, PyTorch layout: W_ih [G*H, D], W_hh [G*H, H], biases [G*H]. */
export type DirectionWeights = RecurrentWeights;

/** What one direction of one layer reads. */
export interface DirectionInput {
  /** Input sequence, time-major [T, B, D]. */
  x: Tensor;
  /** Initial hidden state [B, H]. */
  h0: Tensor;
  /** Initial cell state [B, H] (cells with one, the LSTM; else null). */
  c0: Tensor | null;
  /** Run from t = T-1 down to 0 (the backward direction of a bidirectional layer). */
  reverse: boolean;
  /** Valid length of each sequence (1..T), or null when all have length T. */
  lengths: Int32Array | null;
  /** Module scope of the nodes, e.g. `lstm.l0_reverse`. */
  scope: string;
  /** Tag nodes with their time step t (layers do; a single cell leaves the step to its caller). */
  tagSteps: boolean;
}

/**
 * What one direction of one layer returns: `output` [T, B, H] with zeros past each sequence's
 * end, and the state at each sequence's last valid step, `h` (and `c`) [B, H].
 */
export interface DirectionResult {
  output: Tensor;
  h: Tensor;
  c: Tensor | null;
}

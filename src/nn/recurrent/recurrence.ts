import type { Tensor } from "../../tensor/tensor";

/**
 * What the two recurrence paths (composed and fused) share: the cell kinds, the weights of one
 * layer and direction, and what one direction of one layer reads and returns.
 */

/** The recurrent cells: Elman RNN with tanh or ReLU, LSTM (gates i|f|g|o), GRU (gates r|z|n). */
export type CellKind = "rnn_tanh" | "rnn_relu" | "lstm" | "gru";

/** Number of gate blocks packed in W_ih and W_hh: 1 (RNN), 4 (LSTM), 3 (GRU). */
export function gateCount(kind: CellKind): number {
  return kind === "lstm" ? 4 : kind === "gru" ? 3 : 1;
}

/** The operation name of one fused step, as graph nodes show it. */
export function cellOpName(kind: CellKind): string {
  return kind === "lstm" ? "lstm_cell" : kind === "gru" ? "gru_cell" : kind === "rnn_relu" ? "rnn_relu_cell" : "rnn_tanh_cell";
}

/** Parameters of one layer and direction, PyTorch layout: W_ih [G*H, D], W_hh [G*H, H], biases [G*H]. */
export interface DirectionWeights {
  wIh: Tensor;
  wHh: Tensor;
  bIh: Tensor | null;
  bHh: Tensor | null;
}

/** What one direction of one layer reads. */
export interface DirectionInput {
  /** Input sequence, time-major [T, B, D]. */
  x: Tensor;
  /** Initial hidden state [B, H]. */
  h0: Tensor;
  /** Initial cell state [B, H] (LSTM only). */
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

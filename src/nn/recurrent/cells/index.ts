import type { CellKind, CellSpec } from "./cell-spec";
import { GRU_SPEC } from "./gru";
import { LSTM_SPEC } from "./lstm";
import { MGU_SPEC } from "./mgu";
import { RNN_RELU_SPEC, RNN_TANH_SPEC } from "./rnn";

/**
 * The registry of recurrent cells: one `CellSpec` per `CellKind`. Adding a kind to `CellKind`
 * without an entry here is a compile error; every question about a kind is a lookup here.
 */
export const CELLS: Readonly<Record<CellKind, CellSpec>> = {
  rnn_tanh: RNN_TANH_SPEC,
  rnn_relu: RNN_RELU_SPEC,
  lstm: LSTM_SPEC,
  gru: GRU_SPEC,
  mgu: MGU_SPEC,
};

export type { CellKind, CellSpec, CellState, ComposedWeights, GateSpec } from "./cell-spec";

/**
 * Neural-network modules with PyTorch's vocabulary: `Module`, `Parameter`, `Linear`, `Embedding`,
 * `Dropout`, `Sequential`, the cells `RNNCell`, `LSTMCell`, `GRUCell` and the layers `RNN`,
 * `LSTM`, `GRU` (fused kernels by default, composed ops with `fused: false`).
 *
 * @example import { nn } from "seqgrad"; const lstm = new nn.LSTM({ inputSize: 64, hiddenSize: 256 });
 */
export { Module } from "./module";
export { Parameter } from "./parameter";
export { StateDictError } from "./state-dict";
export type { StateDict, LoadStateDictOptions, LoadStateDictResult } from "./state-dict";
export { Linear } from "./linear";
export type { LinearOptions } from "./linear";
export { Embedding } from "./embedding";
export type { EmbeddingOptions } from "./embedding";
export { Dropout, dropoutMask } from "./dropout";
export { Sequential } from "./sequential";
export type { TensorToTensor } from "./sequential";
export { RNNCell } from "./rnn-cell";
export type { RNNCellOptions } from "./rnn-cell";
export { LSTMCell } from "./lstm-cell";
export { GRUCell } from "./gru-cell";
export type { CellOptions } from "./cell-base";
export { CellBase } from "./cell-base";
export { RNNBase } from "./rnn-base";
export type { RecurrentOptions, RecurrentResult, SequenceOptions } from "./rnn-base";
export { RNN } from "./rnn";
export type { RNNOptions } from "./rnn";
export { LSTM } from "./lstm";
export type { LSTMResult, LSTMState } from "./lstm";
export { GRU } from "./gru";
export { escapeHtml } from "./module-repr";
export * from "./attention";
export * from "./seq2seq";
export * from "./rnnlm";
export * from "./tree-rnn";
export * from "./vec2seq";

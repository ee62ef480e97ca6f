/**
 * Neural-network modules with PyTorch's vocabulary: `Module`, `Parameter`, `Linear`, `Embedding`,
 * `Dropout`, `Sequential`, `Conv2d`, `MaxPool2d`, the cells `RNNCell`, `LSTMCell`, `GRUCell`,
 * `MGUCell` and the layers `RNN`, `LSTM`, `GRU`, `MGU` (fused kernels by default where the cell
 * has them, composed ops with `fused: false`).
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
export { Conv2d } from "./conv2d";
export type { Conv2dModuleOptions } from "./conv2d";
export { MaxPool2d } from "./max-pool2d";
export type { MaxPool2dModuleOptions } from "./max-pool2d";
export { Sequential } from "./sequential";
export { ModuleList } from "./module-list";
export { ModuleDict } from "./module-dict";
export { RemovableHandle } from "./hooks";
export type { ForwardHook, ForwardPreHook } from "./hooks";
export { traceSteps, StepTrace } from "./trace-steps";
export type { StepRoles, TraceStepsOptions } from "./trace-steps";
export { LayerNorm } from "./layer-norm";
export { BatchNorm1d } from "./batch-norm";
export type { BatchNorm1dOptions } from "./batch-norm";
export type { LayerNormOptions } from "./layer-norm";
export { TransformerEncoderLayer } from "./transformer-encoder-layer";
export type { TransformerEncoderLayerOptions } from "./transformer-encoder-layer";
export type { TensorToTensor } from "./sequential";
export { RNNCell } from "./recurrent/rnn-cell";
export type { RNNCellOptions } from "./recurrent/rnn-cell";
export { LSTMCell } from "./recurrent/lstm-cell";
export { LayerNormLSTMCell } from "./recurrent/layer-norm-lstm-cell";
export type { LayerNormLSTMCellOptions } from "./recurrent/layer-norm-lstm-cell";
export { GRUCell } from "./recurrent/gru-cell";
export { MGUCell } from "./recurrent/mgu-cell";
export type { CellOptions } from "./recurrent/cell-base";
export { CellBase } from "./recurrent/cell-base";
export { RNNBase } from "./recurrent/rnn-base";
export type { RecurrentOptions, RecurrentResult, SequenceOptions } from "./recurrent/rnn-base";
export { RNN, LSTM, GRU, MGU } from "./recurrent/layers";
export type { RNNOptions } from "./recurrent/rnn";
export type { LSTMResult, LSTMState } from "./recurrent/lstm";
export type { Configured, Direction, ParameterStem, RecurrentConstructor, RecurrentParameters } from "./recurrent/parameter-names";
export * from "./attention";

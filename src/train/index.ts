/** Training: the loop, truncated BPTT helpers, metrics. */
export { train } from "./train";
export type { TrainOptions, TrainableModel, OptimizerLike, SchedulerLike, StepContext, LossOutput, TrainCallbacks } from "./train";
export { EarlyStopping } from "./history";
export type { History, StepRecord, EvalRecord, StopReason, EarlyStoppingOptions } from "./history";
export { tokenAccuracy, exactMatch, corpusBleu } from "./metrics";
export { batchify, getChunk, chunks, detachState } from "./tbptt";
export type { Chunk } from "./tbptt";

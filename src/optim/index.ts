/** Optimizers, gradient clipping and learning-rate schedules, with PyTorch's semantics. */
export { Optimizer } from "./optimizer";
export type { Hyper, HyperValue, OptimizerLike, OptimizerStateDict, ParamGroup, ParamGroupInput, ParamState } from "./optimizer";
export { SGD } from "./sgd";
export type { SGDOptions } from "./sgd";
export { Adam, AdamW } from "./adam";
export type { AdamOptions, AdamWOptions } from "./adam";
export { RMSprop } from "./rmsprop";
export type { RMSpropOptions } from "./rmsprop";
export { Adagrad } from "./adagrad";
export type { AdagradOptions } from "./adagrad";
export { clipGradNorm, clipGradValue } from "./clip-grad";
export type { ClipGradNormOptions } from "./clip-grad";
export { LRScheduler, StepLR, ExponentialLR, CosineAnnealingLR } from "./lr-scheduler";
export type { AnyOptimizer, LRSchedulerState } from "./lr-scheduler";
export { LambdaLR } from "./lambda-lr";
export type { LrLambda } from "./lambda-lr";
export { ReduceLROnPlateau } from "./reduce-lr-on-plateau";
export type { ReduceLROnPlateauOptions } from "./reduce-lr-on-plateau";

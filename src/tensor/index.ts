export { Tensor } from "./tensor";
export type { NestedArray, TensorLike, GradHook } from "./tensor";
export { tensor, zeros, ones, full, zerosLike, onesLike, arange, linspace, eye, rand, randn, randint } from "./creation";
export type { CreationOptions, RandomOptions } from "./creation";
export type { DType, TypedArray } from "./dtype";
export type { Shape } from "./shape";
export { broadcastShapes, formatShape } from "./shape";
export { Generator, manualSeed, getRngState, setRngState, defaultGenerator } from "./random";
export type { RngState } from "./random";

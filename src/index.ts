/**
 * seqgrad: recurrent neural networks, as taught in lectures, made runnable, inspectable and fast.
 *
 * @example import { tensor, nn, optim, viz } from "seqgrad";
 */
import "./backend";

export * from "./errors";
export * from "./tensor";
export * from "./autograd";
export * from "./ops";
export * from "./functional";
export { getBackend, setBackend } from "./backend";
export type { Backend } from "./backend";
export * from "./runtime";
export * from "./exercises";
export * as optim from "./optim";
export * as data from "./data";
export * as train from "./train";
export * as functional from "./functional";
export * as linalg from "./functional/linalg";
export * as loss from "./functional/losses";
export * as nn from "./nn-namespace";
export * as init from "./nn/init";
export * as viz from "./viz";
export * as io from "./io";
export * as generate from "./generate";

import { ValueError } from "../../errors";
import type { DType } from "../../tensor/dtype";
import { Tensor } from "../../tensor/tensor";
import { allocate } from "../../tensor/dtype";
import { uniformParameter } from "../default-init";
import type { Module } from "../module";
import type { Parameter } from "../parameter";

/**
 * What the recurrent layers and cells share beside the recurrence itself: their packed gate
 * weights, made as PyTorch makes them, and the zero initial state.
 */

/** The gate weights of one layer and direction (see `registerGateWeights`). */
export interface GateWeightsSpec {
  /** Name suffix: "" for a cell, `_l{k}` or `_l{k}_reverse` for a layer's direction. */
  suffix: string;
  /** Rows G*H of the packed gates (4H LSTM i|f|g|o, 3H GRU r|z|n, H RNN). */
  rows: number;
  /** Features D read by W_ih. */
  inputSize: number;
  /** Features H of the state read by W_hh. */
  hiddenSize: number;
  /** Also make b_ih and b_hh. */
  bias: boolean;
  dtype: DType;
}

/**
 * Registers `weight_ih{suffix}` [G*H, D], `weight_hh{suffix}` [G*H, H] and, with `bias`,
 * `bias_ih{suffix}`, `bias_hh{suffix}` [G*H] on `m`, in PyTorch's order and with its default
 * init U(-1/sqrt(H), 1/sqrt(H)).
 */
export function registerGateWeights(m: Module, spec: GateWeightsSpec): void {
  const { suffix, rows, inputSize, hiddenSize, bias, dtype } = spec;
  const bound = 1 / Math.sqrt(hiddenSize);
  m.registerParameter(`weight_ih${suffix}`, uniformParameter([rows, inputSize], bound, dtype));
  m.registerParameter(`weight_hh${suffix}`, uniformParameter([rows, hiddenSize], bound, dtype));
  if (!bias) return;
  m.registerParameter(`bias_ih${suffix}`, uniformParameter([rows], bound, dtype));
  m.registerParameter(`bias_hh${suffix}`, uniformParameter([rows], bound, dtype));
}

/** The registered parameter `name` of a recurrent module; its absence names the module. */
export function requiredParameter(owner: string, parameters: ReadonlyMap<string, Parameter | null>, name: string): Parameter {
  const p = parameters.get(name);
  if (p === undefined || p === null) throw new ValueError(`${owner}: parameter ${name} is missing; expected a tensor, got none`);
  return p;
}

/** The zero state [B, H] a recurrence starts from when none is given. */
export function zeroState(dtype: DType, B: number, H: number): Tensor {
  return new Tensor(allocate(dtype, B * H), [B, H]);
}

import { OutOfMemoryError } from "../errors";
import type { DType, TypedArray } from "../tensor/dtype";
import { allocateOperand } from "../tensor/dtype";
import { defaultGenerator } from "../tensor/random";
import { numelOf } from "../tensor/shape";
import { ParameterOutOfMemoryError } from "./allocation-error";
import { Parameter } from "./parameter";

/**
 * PyTorch's default initializations, drawn from the seeded default generator so `manualSeed`
 * makes every module reproducible. (The `init` namespace offers the other schemes.)
 */

/** A parameter with entries from U(-bound, bound): PyTorch's default for Linear and recurrent layers. */
export function uniformParameter(shape: readonly number[], bound: number, dtype: DType): Parameter {
  const data = parameterData(shape, dtype);
  for (let i = 0; i < data.length; i++) data[i] = (defaultGenerator.uniform() * 2 - 1) * bound;
  return new Parameter(data, shape);
}

/** A parameter with entries from N(0, 1): PyTorch's default for Embedding. */
export function normalParameter(shape: readonly number[], dtype: DType): Parameter {
  const data = parameterData(shape, dtype);
  for (let i = 0; i < data.length; i++) data[i] = defaultGenerator.normal();
  return new Parameter(data, shape);
}

/** Zeroed storage for a parameter of `shape` (a kernels' operand, in tensor storage however small); running out of memory names the shape. */
export function parameterData(shape: readonly number[], dtype: DType): TypedArray {
  try {
    return allocateOperand(dtype, numelOf(shape));
  } catch (e) {
    throw e instanceof OutOfMemoryError ? new ParameterOutOfMemoryError(e, shape) : e;
  }
}

import { DTypeError, ValueError } from "../errors";
import { checkKnownOptions } from "../known-options";
import type { DType } from "../tensor/dtype";

/**
 * Option checks shared by the module constructors. They run before anything is built, so a bad
 * option never leaves a half-made module behind.
 */

/** Throws a ValueError naming every option of `options` that `allowed` does not list. */
export { checkKnownOptions } from "../known-options";

/**
 * Checks the options object of a recurrent layer or cell: an object, with only `allowed` keys.
 * Example: `checkSizeOptions("LSTM", options, ["inputSize", "hiddenSize"])`
 */
export function checkSizeOptions(owner: string, options: unknown, allowed: readonly string[]): void {
  if (typeof options !== "object" || options === null) {
    throw new ValueError(`${owner}: expected an options object { inputSize, hiddenSize, ... }; got ${String(options)}`);
  }
  checkKnownOptions(owner, options, allowed);
}

/** A positive integer option (sizes, layer counts). */
export function positiveInt(owner: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new ValueError(`${owner}: ${name} must be a positive integer; got ${String(value)}`);
  }
  return value;
}

/** A boolean option with a default. */
export function boolOption(owner: string, name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") throw new ValueError(`${owner}: ${name} must be true or false; got ${String(value)}`);
  return value;
}

/** A probability in [0, 1] (dropout rates). */
export function probability(owner: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !(value >= 0 && value <= 1)) {
    throw new ValueError(`${owner}: ${name} must be a probability in [0, 1]; got ${String(value)}`);
  }
  return value;
}

/** The floating dtype of a module's parameters (float32 by default). */
export function floatDTypeOption(owner: string, value: unknown): DType {
  if (value === undefined) return "float32";
  if (value !== "float32" && value !== "float64") {
    throw new DTypeError(`${owner}: dtype must be "float32" or "float64"; got ${String(value)}`);
  }
  return value;
}

import { ValueError } from "../errors";

/** What is wrong with a safetensors file. */
export type SafetensorsProblem =
  | "header-length"
  | "header-json"
  | "entry"
  | "dtype"
  | "offsets"
  | "overlap"
  | "gap"
  | "truncated"
  | "trailing"
  | "value-range";

/**
 * A malformed or unsupported safetensors file (or a record that cannot be written as one).
 * `problem` says which rule failed; the message names the tensor, the offsets and the sizes.
 */
export class SafetensorsError extends ValueError {
  constructor(
    readonly problem: SafetensorsProblem,
    message: string,
  ) {
    super(message);
  }
}

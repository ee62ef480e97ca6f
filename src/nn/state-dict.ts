import { ValueError } from "../errors";
import { formatShape, sameShape } from "../tensor/shape";
import type { Tensor } from "../tensor/tensor";
import type { Module } from "./module";
import type { Parameter } from "./parameter";

/** Parameters by dotted PyTorch name, e.g. `{ "rnn.weight_ih_l0": Tensor [1024, 64], ... }`. */
export type StateDict = Record<string, Tensor>;

/** Options of `Module.loadStateDict`. */
export interface LoadStateDictOptions {
  /** Missing and unexpected keys are errors (default true). Wrong shapes always are. */
  strict?: boolean;
}

/** Keys `loadStateDict` did not match (always empty after a strict load). */
export interface LoadStateDictResult {
  missingKeys: string[];
  unexpectedKeys: string[];
}

/** A state dict that does not fit a module: lists every missing, unexpected and wrongly shaped key. */
export class StateDictError extends ValueError {
  constructor(
    message: string,
    readonly missingKeys: readonly string[],
    readonly unexpectedKeys: readonly string[],
    readonly wrongShapes: readonly string[],
  ) {
    super(message);
  }
}

/**
 * Checks `dict` against the module's named parameters, then copies every value (converting the
 * dtype if needed). Nothing is copied unless every check passes.
 */
export function loadStateDictInto(
  module: Module,
  named: ReadonlyArray<[string, Parameter]>,
  dict: StateDict | ReadonlyMap<string, Tensor>,
  options: LoadStateDictOptions,
): LoadStateDictResult {
  const strict = options.strict ?? true;
  const entries = dict instanceof Map ? new Map(dict) : new Map(Object.entries(dict));
  const own = new Map(named);
  const missingKeys = [...own.keys()].filter((k) => !entries.has(k));
  const unexpectedKeys = [...entries.keys()].filter((k) => !own.has(k));
  const wrongShapes: string[] = [];
  for (const [key, p] of own) {
    const value = entries.get(key);
    if (value !== undefined && !sameShape(value.shape, p.shape)) {
      wrongShapes.push(`${key}: expected ${formatShape(p.shape)}, got ${formatShape(value.shape)}`);
    }
  }
  const problems: string[] = [];
  if (strict && missingKeys.length > 0) problems.push(`missing keys: ${missingKeys.join(", ")}`);
  if (strict && unexpectedKeys.length > 0) problems.push(`unexpected keys: ${unexpectedKeys.join(", ")}`);
  if (wrongShapes.length > 0) problems.push(`wrong shapes: ${wrongShapes.join("; ")}`);
  if (problems.length > 0) {
    throw new StateDictError(
      `${module.typeName}.loadStateDict: the state dict does not match the module; nothing was loaded; ` +
        `expected keys ${[...own.keys()].join(", ")}, got ${problems.join(" | ")}`,
      strict ? missingKeys : [],
      strict ? unexpectedKeys : [],
      wrongShapes,
    );
  }
  for (const [key, p] of own) {
    const value = entries.get(key);
    if (value !== undefined && value.data !== p.data) p.data.set(value.data);
  }
  return { missingKeys, unexpectedKeys };
}

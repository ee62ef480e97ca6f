/**
 * The layout of a checkpoint file, written by `saveCheckpoint` and read by `readCheckpoint` from
 * this one description: a safetensors file whose tensors are `model.<name>` and
 * `optimizer.<param index>.<buffer>`, and whose `__metadata__` holds JSON strings `format`,
 * `version`, `step`, `rng`, `extra`, `optimizer` ({ paramGroups, scalars }) and `scheduler`.
 */
import type { OptimizerStateDict } from "../optim/optimizer";
import type { RngState } from "../tensor/random";
import type { Tensor } from "../tensor/tensor";

export const CHECKPOINT_FORMAT = "seqgrad-checkpoint";
export const MODEL_PREFIX = "model.";
export const OPTIM_PREFIX = "optimizer.";

/** The optimizer's metadata: its groups, and the per-parameter numbers (its tensors are stored apart). */
export interface OptimizerMetadata {
  paramGroups: OptimizerStateDict["paramGroups"];
  scalars: Record<string, Record<string, number>>;
}

/** What a checkpoint file holds, checked (what `loadCheckpoint` returns). */
export interface LoadedCheckpoint {
  step: number;
  rng: RngState;
  extra: Record<string, unknown>;
  modelState: Record<string, Tensor>;
  optimizerState: OptimizerStateDict | null;
  /** The scheduler's saved state, or null when none was saved. */
  schedulerState: Record<string, unknown> | null;
}

/** JSON replacer: Infinity, -Infinity and NaN (a plateau scheduler's best so far) as their names. */
export function numbersAsNames(_key: string, value: unknown): unknown {
  return typeof value === "number" && !Number.isFinite(value) ? String(value) : value;
}

/** JSON reviver undoing `numbersAsNames`: the names Infinity, -Infinity and NaN as numbers. */
export function namesAsNumbers(_key: string, value: unknown): unknown {
  return value === "Infinity" || value === "-Infinity" || value === "NaN" ? Number(value) : value;
}

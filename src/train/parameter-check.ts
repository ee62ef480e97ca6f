/**
 * Warnings for a training run that cannot change the model, printed in the cell's output: the
 * optimizer holds none of the model's parameters (typically the model cell was run again after
 * the optimizer was made, so the optimizer still updates the old model's tensors), or no
 * parameter changed in the first step (learning rate 0, gradients all zero).
 */
import type { Tensor } from "../tensor";

/** The optimizer as `train` sees it; `params` of each group when the optimizer exposes them. */
interface OptimizerGroups {
  readonly paramGroups: ReadonlyArray<{ lr?: unknown }>;
}

/** Warns when the optimizer's parameters and the model's do not overlap; returns whether it warned. */
export function warnIfDisjoint(modelParams: readonly Tensor[], optimizer: OptimizerGroups): boolean {
  const held = new Set<unknown>();
  for (const group of optimizer.paramGroups) {
    const params: unknown = Reflect.get(group, "params");
    if (!Array.isArray(params)) return false;
    for (const p of params) held.add(p);
  }
  if (modelParams.length === 0 || modelParams.some((p) => held.has(p))) return false;
  console.warn(
    `train: the optimizer holds none of the model's parameters (model: ${modelParams.length} tensors, optimizer: ${held.size}); ` +
      "training will not change the model. Was the model cell run again after the optimizer was made? " +
      "Make the optimizer again from model.parameters().",
  );
  return true;
}

/** A copy of every parameter's values, to compare after the first step. */
export function snapshot(params: readonly Tensor[]): Float64Array[] {
  return params.map((p) => Float64Array.from(p.data));
}

/** Warns when no parameter differs from `before` (taken before the first step). */
export function warnIfUnchanged(params: readonly Tensor[], before: readonly Float64Array[], lr: number): void {
  const changed = params.some((p, i) => {
    const old = before[i];
    return old === undefined || p.data.some((v, k) => v !== old[k]);
  });
  if (changed) return;
  console.warn(`train: no parameter of the model changed in the first step (lr ${lr}); the loss will not move. Check the learning rate and that the loss depends on the model's parameters.`);
}

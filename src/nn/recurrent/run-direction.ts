import { ValueError } from "../../errors";
import { boolOption } from "../options";
import type { CellSpec } from "./cells/cell-spec";
import { runComposed } from "./composed-recurrence";
import { FusedDirection } from "./fused/direction";
import type { DirectionInput, DirectionResult, DirectionWeights } from "./recurrence";

/**
 * Runs one direction of one layer of cell `spec`: on its fused kernel when `fused` is true,
 * else on the composed path. A cell without a fused kernel fails by name when asked to fuse.
 */
export function runDirection(owner: string, spec: CellSpec, fused: boolean, w: DirectionWeights, inp: DirectionInput): DirectionResult {
  if (!fused) return runComposed(spec, w, inp);
  const kernel = spec.fused;
  if (kernel === null) throw noFusedKernel(owner, spec);
  return new FusedDirection(kernel, spec.gates, w, inp).run();
}

/**
 * The `fused` option of a layer or cell of `spec`: default true where the cell has a fused
 * kernel, else false; an explicit `true` for a cell without one is an error naming the cell.
 */
export function fusedOption(owner: string, spec: CellSpec, value: unknown): boolean {
  const fused = boolOption(owner, "fused", value, spec.fused !== null);
  if (fused && spec.fused === null) throw noFusedKernel(owner, spec);
  return fused;
}

function noFusedKernel(owner: string, spec: CellSpec): ValueError {
  return new ValueError(`${owner}: the ${spec.name} cell has no fused kernel; expected fused: false (the composed path), got fused: true`);
}

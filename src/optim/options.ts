import { ValueError } from "../errors";

/** Throws a `ValueError` naming `op` when `given` holds a key outside `allowed` (`weight_decay`). */
export { checkKnownOptions } from "../known-options";

/** Throws unless `value` is a finite number >= `min` (and < `below` when given). */
export function checkRange(op: string, name: string, value: number, min: number, below?: number): void {
  const ok = typeof value === "number" && Number.isFinite(value) && value >= min && (below === undefined || value < below);
  if (!ok) {
    const range = below === undefined ? `>= ${min}` : `in [${min}, ${below})`;
    throw new ValueError(`${op}: ${name} must be a finite number ${range}; got ${String(value)}`);
  }
}

import { ValueError } from "../errors";

/**
 * Throws a `ValueError` naming `op` when `given` holds a key outside `allowed` (a typo such as
 * `weight_decay` for `weightDecay` must not be silently ignored).
 */
export function checkKnownOptions(op: string, given: object, allowed: readonly string[]): void {
  for (const key of Object.keys(given)) {
    if (!allowed.includes(key)) {
      throw new ValueError(`${op}: unknown option "${key}"; expected one of ${allowed.join(", ")}`);
    }
  }
}

/** Throws unless `value` is a finite number >= `min` (and < `below` when given). */
export function checkRange(op: string, name: string, value: number, min: number, below?: number): void {
  const ok = typeof value === "number" && Number.isFinite(value) && value >= min && (below === undefined || value < below);
  if (!ok) {
    const range = below === undefined ? `>= ${min}` : `in [${min}, ${below})`;
    throw new ValueError(`${op}: ${name} must be a finite number ${range}; got ${String(value)}`);
  }
}

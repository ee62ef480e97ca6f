import { checkKnownOptions } from "../../known-options";
import { DTypeError, ShapeError, ValueError } from "../../errors";
import type { DType } from "../../tensor/dtype";
import { formatShape } from "../../tensor/shape";
import { Tensor } from "../../tensor/tensor";

/**
 * Input checks of the recurrent layers and cells. They run before any computation, name the
 * module, the argument and every shape, and leave the module untouched.
 */

/** A sequence's layout once checked. */
export interface SequenceLayout {
  /** False for unbatched [T, D] input. */
  batched: boolean;
  T: number;
  B: number;
}

/** Checks a sequence [T, B, D] ([B, T, D] with batchFirst, [T, D] unbatched); returns its sizes. */
export function checkSequence(owner: string, x: Tensor, inputSize: number, batchFirst: boolean, dtype: DType): SequenceLayout {
  const layout = batchFirst ? "[B, T, inputSize]" : "[T, B, inputSize]";
  if (x.ndim !== 2 && x.ndim !== 3) {
    throw new ShapeError(`${owner}: input must be ${layout} or unbatched [T, inputSize]; expected 3 or 2 dims, got ${formatShape(x.shape)}`);
  }
  const d = x.shape[x.ndim - 1];
  if (d !== inputSize) {
    throw new ShapeError(`${owner}: input feature size must equal inputSize; expected ${inputSize}, got ${d} (input ${formatShape(x.shape)}, layout ${x.ndim === 3 ? layout : "[T, inputSize]"})`);
  }
  checkDType(owner, "input", x, dtype);
  const batched = x.ndim === 3;
  const T = batched && batchFirst ? (x.shape[1] ?? 0) : (x.shape[0] ?? 0);
  const B = batched ? (batchFirst ? (x.shape[0] ?? 0) : (x.shape[1] ?? 0)) : 1;
  if (T < 1 || B < 1) throw new ShapeError(`${owner}: input needs at least one step and one sequence; expected T >= 1 and B >= 1, got ${formatShape(x.shape)}`);
  return { batched, T, B };
}

/** Checks an initial state: [rows, B, H] for batched input, [rows, H] unbatched. */
export function checkState(owner: string, name: string, s: Tensor, rows: number, rowsLabel: string, seq: SequenceLayout, H: number, dtype: DType): void {
  const expected = seq.batched ? [rows, seq.B, H] : [rows, H];
  const ok = s.ndim === expected.length && expected.every((v, i) => s.shape[i] === v);
  if (!ok) {
    const dims = seq.batched ? `(${rowsLabel}, B, H)` : `(${rowsLabel}, H) for unbatched input`;
    throw new ShapeError(`${owner}: ${name} must be ${formatShape(expected)} ${dims}; got ${formatShape(s.shape)}`);
  }
  checkDType(owner, name, s, dtype);
}

/** Checks `lengths` (one integer in [1, T] per sequence) and returns them as int32. */
export function checkLengths(owner: string, lengths: readonly number[] | Int32Array | Tensor, seq: SequenceLayout): Int32Array {
  const values = lengths instanceof Tensor ? Array.from(lengths.data) : Array.from(lengths);
  const shapeOk = !(lengths instanceof Tensor) || lengths.ndim === 1;
  const ok = shapeOk && values.length === seq.B && values.every((v) => Number.isInteger(v) && v >= 1 && v <= seq.T);
  if (!ok) {
    const shown = lengths instanceof Tensor ? `${formatShape(lengths.shape)} [${values.join(", ")}]` : `[${values.join(", ")}]`;
    throw new ValueError(`${owner}: lengths must hold one integer in [1, T] per sequence; expected ${seq.B} values in [1, ${seq.T}], got ${shown}`);
  }
  return Int32Array.from(values);
}

/** Checks that a tensor argument has the parameters' dtype. */
export function checkDType(owner: string, name: string, t: Tensor, dtype: DType): void {
  if (t.dtype !== dtype) {
    throw new DTypeError(`${owner}: ${name} must have the parameters' dtype; expected ${dtype}, got ${t.dtype} for ${name} ${formatShape(t.shape)}`);
  }
}

/** Rejects unknown keys of a forward options object. */
export function checkForwardOptions(owner: string, options: object): void {
  checkKnownOptions(owner, options, ["lengths"]);
}

/** A single step's layout once checked: batched [B, D] or unbatched [D] input. */
export interface StepLayout {
  batched: boolean;
  B: number;
}

/**
 * Checks the input x [B, D] (or [D]) of one cell step and its given states, each [B, H] (or [H]
 * for unbatched input) of the parameters' dtype; returns the layout.
 */
export function checkStep(owner: string, x: Tensor, states: ReadonlyArray<readonly [string, Tensor | undefined]>, D: number, H: number, dtype: DType): StepLayout {
  if ((x.ndim !== 1 && x.ndim !== 2) || x.shape[x.ndim - 1] !== D) {
    throw new ShapeError(`${owner}: input must be [B, inputSize] or [inputSize]; expected [B, ${D}] or [${D}], got ${formatShape(x.shape)}`);
  }
  checkDType(owner, "input", x, dtype);
  const batched = x.ndim === 2;
  const B = batched ? (x.shape[0] ?? 0) : 1;
  const expected = batched ? [B, H] : [H];
  for (const [name, s] of states) {
    if (s === undefined) continue;
    if (s.ndim !== expected.length || expected.some((v, i) => s.shape[i] !== v)) {
      throw new ShapeError(`${owner}: ${name} must be ${formatShape(expected)} (${batched ? "B, H" : "H"}); got ${formatShape(s.shape)}`);
    }
    checkDType(owner, name, s, dtype);
  }
  return { batched, B };
}

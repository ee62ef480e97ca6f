import { DTypeError, IndexError, ShapeError, ValueError } from "../errors";

/** A tensor shape: sizes of each dimension, outermost first. */
export type Shape = readonly number[];

/** `[2, 3]` as printed in error messages. */
export function formatShape(shape: Shape): string {
  return `[${shape.join(", ")}]`;
}

/** Number of elements of a tensor of this shape (1 for a scalar `[]`). */
export function numelOf(shape: Shape): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

/** Row-major strides (in elements) of a contiguous tensor. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = acc;
    acc *= shape[i] ?? 1;
  }
  return strides;
}

/** True when both shapes have the same rank and sizes. */
export function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Checks that a user-given shape holds non-negative integers. */
export function checkShape(op: string, shape: Shape): number[] {
  if (!Array.isArray(shape)) throw new ValueError(`${op}: shape must be an array of sizes; got ${String(shape)}`);
  for (const s of shape) {
    if (!Number.isInteger(s) || s < 0) {
      throw new ValueError(`${op}: sizes must be non-negative integers; got ${formatShape(shape)}`);
    }
  }
  return [...shape];
}

/**
 * The broadcast shape of `a` and `b` (NumPy/PyTorch rule): align from the right; two sizes are
 * compatible when equal or when one is 1.
 */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(
        `${op}: shapes cannot be broadcast; a is ${formatShape(a)}, b is ${formatShape(b)} ` +
          `(dim ${i - n} has ${da} != ${db})`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Strides of `shape` read as if broadcast to `target`: 0 where a dim is repeated. */
export function broadcastStrides(shape: Shape, target: Shape): number[] {
  const strides = stridesOf(shape);
  const out = new Array<number>(target.length).fill(0);
  const offset = target.length - shape.length;
  for (let i = 0; i < shape.length; i++) {
    out[offset + i] = shape[i] === 1 ? 0 : (strides[i] ?? 0);
  }
  return out;
}

/** Turns a possibly negative `dim` into 0..ndim-1, or throws naming the op. */
export function normalizeDim(op: string, dim: number, ndim: number): number {
  const lo = ndim === 0 ? -1 : -ndim;
  const hi = ndim === 0 ? 0 : ndim - 1;
  if (!Number.isInteger(dim) || dim < lo || dim > hi) {
    throw new IndexError(`${op}: dim out of range; expected an integer in [${lo}, ${hi}], got ${dim}`);
  }
  return dim < 0 ? dim + Math.max(ndim, 1) : dim;
}

/** Normalizes a dim list (or all dims when undefined), sorted and without repeats. */
export function normalizeDims(op: string, dims: number | readonly number[] | undefined, ndim: number): number[] {
  if (dims === undefined) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof dims === "number" ? [dims] : dims;
  numberList(op, "dim", list, "a number or an array of numbers");
  const out = list.map((d) => normalizeDim(op, d, ndim));
  if (new Set(out).size !== out.length) {
    throw new ValueError(`${op}: a dim appears twice; got [${list.join(", ")}]`);
  }
  return out.sort((x, y) => x - y);
}

/**
 * Shapes of a reduction over the sorted dims `dims`: `kept` has those dims as 1 (the layout of the
 * result either way), `out` is what the op returns (`kept` when `keepdim`, else the dims removed).
 */
export function reducedShape(shape: Shape, dims: readonly number[], keepdim: boolean): { kept: number[]; out: number[] } {
  const kept = shape.map((s, d) => (dims.includes(d) ? 1 : s));
  return { kept, out: keepdim ? kept : shape.filter((_, d) => !dims.includes(d)) };
}

/**
 * Throws a `DTypeError` naming `op` and `name` unless `value` is an array of numbers (a shape, a
 * list of dims or sizes); a string, null or object there used to end in a bare `TypeError`.
 */
export function numberList(op: string, name: string, value: unknown, expected = "an array of numbers"): asserts value is readonly number[] {
  if (Array.isArray(value) && value.every((v) => typeof v === "number")) return;
  const got = Array.isArray(value)
    ? `[${value.map((v) => (typeof v === "string" ? JSON.stringify(v) : String(v))).join(", ")}]`
    : typeof value === "string"
      ? `the string ${JSON.stringify(value)}`
      : typeof value === "object" && value !== null
        ? "an object"
        : String(value);
  throw new DTypeError(`${op}: ${name} must be ${expected}; got ${got}`);
}

/** Turning what users pass (tensors, nested arrays) into row-major data with a shape. */
import { ShapeError } from "../../errors";
import { Tensor } from "../../tensor/tensor";

/** Row-major values and their shape. */
export interface Dense {
  data: ArrayLike<number>;
  shape: number[];
}

/** A tensor or nested array (rectangular) as dense data; `op` names the caller in errors. */
export function dense(value: Tensor | ReadonlyArray<unknown>, op: string): Dense {
  if (value instanceof Tensor) return { data: value.data, shape: [...value.shape] };
  const shape: number[] = [];
  let level: unknown = value;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0];
  }
  const data: number[] = [];
  const walk = (v: unknown, dim: number): void => {
    if (dim === shape.length) {
      if (typeof v !== "number") throw new ShapeError(`${op}: values must be numbers; expected a number at depth ${dim}, got ${typeof v}`);
      data.push(v);
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[dim]) {
      throw new ShapeError(`${op}: nested arrays must be rectangular; expected ${shape[dim]} items at depth ${dim}, got ${Array.isArray(v) ? v.length : typeof v}`);
    }
    for (const item of v) walk(item, dim + 1);
  };
  walk(value, 0);
  return { data, shape };
}

/** A 1-D sequence of numbers from a tensor or array. */
export function vector(value: Tensor | ArrayLike<number>, op: string): number[] {
  if (value instanceof Tensor) {
    if (value.ndim > 1) throw new ShapeError(`${op}: needs a 1-D tensor; expected [n], got [${value.shape.join(", ")}]`);
    return Array.from(value.data);
  }
  return Array.from(value);
}

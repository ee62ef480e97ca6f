import { DTypeError, ValueError } from "../errors";
import { checkKnownOptions } from "../known-options";
import { DType, TypedArray, allocate, checkDType, dtypeOfArray, isFloating } from "./dtype";
import { Generator, defaultGenerator } from "./random";
import { checkShape, formatShape, numelOf } from "./shape";
import { NestedArray, Tensor } from "./tensor";

/** Options of every creation function. */
export interface CreationOptions {
  /** Element type (default float32; `tensor()` of a typed array keeps the array's type). */
  dtype?: DType;
  /** Make a leaf that accumulates `.grad` (floating dtypes only). */
  requiresGrad?: boolean;
}

/** Options of random creation functions. */
export interface RandomOptions extends CreationOptions {
  /** Generator to draw from (default: the one `manualSeed` seeds). */
  generator?: Generator;
}

/**
 * Makes a tensor from nested arrays (rectangular) or a typed array (1-D unless `shape` is given).
 *
 * @example tensor([[1, 2], [3, 4]], { requiresGrad: true })
 */
export function tensor(values: NestedArray | TypedArray, options: CreationOptions & { shape?: readonly number[] } = {}): Tensor {
  checkKnownOptions("tensor", options, ["dtype", "requiresGrad", "shape"]);
  if (ArrayBuffer.isView(values)) {
    if (options.dtype === undefined && !SEQGRAD_ARRAYS.some((kind) => values instanceof kind)) {
      dtypeOfArray(values); // raises a DTypeError naming the array's kind
    }
    const dtype = checkDType("tensor", options.dtype ?? dtypeOfArray(values));
    const data = allocate(dtype, values.length, "tensor");
    if (dtype === "int32" && !(values instanceof Int32Array)) checkInt32("tensor", values);
    data.set(values);
    const shape = options.shape === undefined ? [values.length] : checkShape("tensor", options.shape);
    if (numelOf(shape) !== data.length) {
      throw new ValueError(`tensor: shape ${formatShape(shape)} needs ${numelOf(shape)} values; got ${data.length}`);
    }
    return finish("tensor", data, shape, options);
  }
  const shape = inferShape(values);
  const flat: number[] = [];
  flattenInto(values, shape, 0, flat);
  const dtype = checkDType("tensor", options.dtype ?? "float32");
  if (dtype === "int32") checkInt32("tensor", flat);
  const data = allocate(dtype, flat.length, "tensor");
  for (let i = 0; i < flat.length; i++) data[i] = flat[i] as number;
  return finish("tensor", data, shape, options);
}

/** A tensor of zeros. */
export function zeros(shape: readonly number[], options: CreationOptions = {}): Tensor {
  return filledWith("zeros", shape, 0, options);
}

/** A tensor of ones. */
export function ones(shape: readonly number[], options: CreationOptions = {}): Tensor {
  return filledWith("ones", shape, 1, options);
}

/** A tensor filled with `value`. */
export function full(shape: readonly number[], value: number, options: CreationOptions = {}): Tensor {
  return filledWith("full", shape, value, options);
}

function filledWith(op: string, shape: readonly number[], value: number, options: CreationOptions): Tensor {
  checkKnownOptions(op, options, CREATION_OPTIONS);
  const s = checkShape(op, shape);
  const dtype = checkDType(op, options.dtype ?? "float32");
  if (dtype === "int32") checkInt32(op, [value]);
  const data = allocate(dtype, numelOf(s), op);
  data.fill(value);
  return finish(op, data, s, options);
}

/** Zeros with the shape (and dtype, unless given) of `x`. */
export function zerosLike(x: Tensor, options: CreationOptions = {}): Tensor {
  checkKnownOptions("zerosLike", options, CREATION_OPTIONS);
  return zeros(x.shape, { dtype: x.dtype, ...options });
}

/** Ones with the shape (and dtype, unless given) of `x`. */
export function onesLike(x: Tensor, options: CreationOptions = {}): Tensor {
  checkKnownOptions("onesLike", options, CREATION_OPTIONS);
  return ones(x.shape, { dtype: x.dtype, ...options });
}

/**
 * Values from `start` up to (not including) `end` in steps of `step`; `arange(n)` is 0..n-1.
 * Integer arguments give int32 (as PyTorch gives int64), others float32.
 */
export function arange(start: number, end?: number, step = 1, options: CreationOptions = {}): Tensor {
  checkKnownOptions("arange", options, CREATION_OPTIONS);
  const [lo, hi] = end === undefined ? [0, start] : [start, end];
  if (step === 0 || !Number.isFinite(step)) throw new ValueError(`arange: step must be a non-zero finite number; got ${step}`);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new ValueError(`arange: start and end must be finite numbers; got start ${lo}, end ${hi}`);
  const n = Math.max(0, Math.ceil((hi - lo) / step));
  const ints = [lo, hi, step].every(Number.isInteger);
  const dtype = checkDType("arange", options.dtype ?? (ints ? "int32" : "float32"));
  if (dtype === "int32") checkInt32("arange", [lo, lo + (n - 1) * step].slice(0, n));
  const data = allocate(dtype, n, "arange");
  for (let i = 0; i < n; i++) data[i] = lo + i * step;
  return finish("arange", data, [n], options);
}

/** `steps` evenly spaced values from `start` to `end` inclusive. */
export function linspace(start: number, end: number, steps: number, options: CreationOptions = {}): Tensor {
  checkKnownOptions("linspace", options, CREATION_OPTIONS);
  if (!Number.isInteger(steps) || steps < 0) throw new ValueError(`linspace: steps must be a non-negative integer; got ${steps}`);
  const data = allocate(checkDType("linspace", options.dtype ?? "float32"), steps, "linspace");
  for (let i = 0; i < steps; i++) data[i] = steps === 1 ? start : start + ((end - start) * i) / (steps - 1);
  return finish("linspace", data, [steps], options);
}

/** The n x m identity matrix (m defaults to n). */
export function eye(n: number, m = n, options: CreationOptions = {}): Tensor {
  checkKnownOptions("eye", options, CREATION_OPTIONS);
  const s = checkShape("eye", [n, m]);
  const data = allocate(checkDType("eye", options.dtype ?? "float32"), n * m, "eye");
  for (let i = 0; i < Math.min(n, m); i++) data[i * m + i] = 1;
  return finish("eye", data, s, options);
}

/** Uniform samples in [0, 1) from the seeded generator. */
export function rand(shape: readonly number[], options: RandomOptions = {}): Tensor {
  const gen = options.generator ?? defaultGenerator;
  return filled("rand", shape, options, () => gen.uniform());
}

/** Standard normal samples from the seeded generator. */
export function randn(shape: readonly number[], options: RandomOptions = {}): Tensor {
  const gen = options.generator ?? defaultGenerator;
  return filled("randn", shape, options, () => gen.normal());
}

/** Uniform integers in [low, high) from the seeded generator (int32). */
export function randint(low: number, high: number, shape: readonly number[], options: RandomOptions = {}): Tensor {
  if (!Number.isInteger(low) || !Number.isInteger(high) || high <= low) {
    throw new ValueError(`randint: need integers low < high; got low ${low}, high ${high}`);
  }
  if (!(Math.abs(low) <= 2 ** 31 && Math.abs(high) <= 2 ** 31)) throw new ValueError(`randint: low and high must lie in the int32 range; got low ${low}, high ${high}`);
  const gen = options.generator ?? defaultGenerator;
  return filled("randint", shape, { dtype: "int32", ...options }, () => gen.integer(low, high));
}

function filled(op: string, shape: readonly number[], options: RandomOptions, draw: () => number): Tensor {
  checkKnownOptions(op, options, [...CREATION_OPTIONS, "generator"]);
  if (options.generator !== undefined && !(options.generator instanceof Generator)) {
    throw new ValueError(`${op}: generator must be a Generator; got ${String(options.generator)}`);
  }
  const s = checkShape(op, shape);
  const data = allocate(checkDType(op, options.dtype ?? "float32"), numelOf(s), op);
  for (let i = 0; i < data.length; i++) data[i] = draw();
  return finish(op, data, s, options);
}

/** The options every creation function takes. */
const CREATION_OPTIONS = ["dtype", "requiresGrad"];

/** The typed arrays a tensor holds as they are. */
const SEQGRAD_ARRAYS = [Float32Array, Float64Array, Int32Array];

/** Throws unless every value is an integer int32 holds (storing it would wrap or truncate). */
function checkInt32(op: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isInteger(v) || v < -(2 ** 31) || v > 2 ** 31 - 1) {
      throw new ValueError(`${op}: int32 values must be integers in [-2^31, 2^31 - 1]; got ${v} at index ${i}`);
    }
  }
}

function finish(op: string, data: TypedArray, shape: readonly number[], options: CreationOptions): Tensor {
  const dtype = dtypeOfArray(data);
  if (options.requiresGrad && !isFloating(dtype)) {
    throw new DTypeError(`${op}: only floating tensors can require grad; got dtype ${dtype}`);
  }
  return new Tensor(data, shape, options.requiresGrad ?? false);
}

function inferShape(values: NestedArray): number[] {
  const shape: number[] = [];
  let v: NestedArray = values;
  while (Array.isArray(v)) {
    shape.push(v.length);
    if (v.length === 0) break;
    v = v[0] as NestedArray;
  }
  return shape;
}

function flattenInto(v: NestedArray, shape: readonly number[], dim: number, out: number[]): void {
  if (dim === shape.length) {
    if (Array.isArray(v)) throw new ValueError(`tensor: nested arrays must be rectangular; expected a number at depth ${dim} for shape ${formatShape(shape)}`);
    if (typeof v === "boolean") out.push(v ? 1 : 0);
    else if (typeof v === "number") out.push(v);
    else throw new ValueError(`tensor: expected numbers; got ${typeof v}`);
    return;
  }
  if (!Array.isArray(v) || v.length !== shape[dim]) {
    throw new ValueError(`tensor: nested arrays must be rectangular; expected length ${shape[dim]} at depth ${dim} of shape ${formatShape(shape)}, got ${Array.isArray(v) ? v.length : typeof v}`);
  }
  for (const item of v) flattenInto(item, shape, dim + 1, out);
}

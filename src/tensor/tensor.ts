import { BackwardOptions, backwardPassOptions, initialGrad, runBackward } from "../autograd/backward";
import type { GradNode } from "../autograd/node";
import { retire } from "../autograd/retired";
import { IndexError, ValueError } from "../errors";
import * as functional from "../functional";
import * as ops from "../ops";
import type { ValuesIndices } from "../ops/max";
import { DType, TypedArray, allocate, countTensor, dtypeOfArray } from "./dtype";
import { MimeBundle, tensorBundle } from "./display-hook";
import { formatTensor } from "./print";
import { Shape, formatShape, numelOf } from "./shape";

/** A nested JS array of numbers or a typed array: what `tensor()` accepts. */
export type NestedArray = number | boolean | NestedArray[];

/** Something an op accepts where a tensor is expected: a tensor or a plain number. */
export type TensorLike = Tensor | number;

/** A function that may observe or replace the gradient of a tensor during backward. */
export type GradHook = (grad: Tensor) => Tensor | void;

/**
 * An n-dimensional array with autograd: contiguous, row-major, float32 by default.
 *
 * Ops return new tensors and never change their inputs; `reshape` and `detach` may share the
 * underlying buffer (as views do in PyTorch). `requiresGrad` leaves accumulate `.grad` on `backward()`.
 */
export class Tensor {
  /** Sizes of each dimension, outermost first. */
  readonly shape: readonly number[];
  /** The element type. */
  readonly dtype: DType;
  /** The values, row-major. Changing them in place bypasses autograd (as `.data` in PyTorch). */
  data: TypedArray;
  /** True for leaves that want a gradient and for results of ops on such tensors. */
  requiresGrad: boolean;
  /** Accumulated dL/d(this) after `backward()` (leaves, and non-leaves that `retainGrad()`). */
  grad: Tensor | null = null;
  /** The op that made this tensor (null for leaves). */
  gradFn: GradNode | null = null;
  /** Optional name shown by figures (parameters get their dotted module name). */
  name: string | undefined;
  /** Hooks run on this tensor's gradient during backward. */
  readonly hooks: GradHook[] = [];
  /** True when a non-leaf keeps its `.grad` (see `retainGrad`). */
  retainsGrad = false;

  constructor(data: TypedArray, shape: Shape, requiresGrad = false) {
    this.data = data;
    this.shape = Object.freeze([...shape]);
    this.dtype = dtypeOfArray(data);
    for (const s of this.shape) {
      if (!Number.isInteger(s) || s < 0) throw new ValueError(`Tensor: sizes must be non-negative integers; got ${formatShape(this.shape)}`);
    }
    this.requiresGrad = requiresGrad;
    if (data.length !== numelOf(shape)) {
      throw new ValueError(`Tensor: data length must equal the product of the shape ${formatShape(shape)}; expected ${numelOf(shape)}, got ${data.length}`);
    }
    countTensor(data); // storage shared with another Tensor object is never given back early (autograd/retired.ts)
  }

  /** Number of dimensions. */
  get ndim(): number {
    return this.shape.length;
  }

  /** Number of elements. */
  get numel(): number {
    return this.data.length;
  }

  /** True when no op made this tensor (user-created tensors and parameters). */
  get isLeaf(): boolean {
    return this.gradFn === null;
  }

  /** Size of dimension `dim` (negative counts from the end), or the whole shape. */
  size(dim?: number): number {
    if (dim === undefined) return this.numel;
    const d = dim < 0 ? dim + this.ndim : dim;
    const s = this.shape[d];
    if (s === undefined) throw new IndexError(`Tensor.size: dim out of range; expected [${-this.ndim}, ${this.ndim - 1}], got ${dim}`);
    return s;
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.numel !== 1) {
      throw new ValueError(`Tensor.item: only one-element tensors convert to a number; got shape ${formatShape(this.shape)}`);
    }
    return this.data[0] as number;
  }

  /** The values as nested JS arrays (a number for a 0-d tensor). */
  toArray(): NestedArray {
    const build = (dim: number, offset: number): NestedArray => {
      if (dim === this.ndim) return this.data[offset] as number;
      const n = this.shape[dim] ?? 0;
      let stride = 1;
      for (let d = dim + 1; d < this.ndim; d++) stride *= this.shape[d] ?? 1;
      const out: NestedArray[] = [];
      for (let i = 0; i < n; i++) out.push(build(dim + 1, offset + i * stride));
      return out;
    };
    return build(0, 0);
  }

  /** A copy with its own buffer, recorded in the graph (gradient passes through). */
  clone(): Tensor {
    return ops.clone(this);
  }

  /** The same values cut from the graph: no grad_fn, requiresGrad false, shared buffer. */
  detach(): Tensor {
    return new Tensor(this.data, this.shape, false);
  }

  /** Converts to `dtype` (differentiable between float types). Returns `this` if already `dtype`. */
  to(dtype: DType): Tensor {
    return ops.cast(this, dtype);
  }

  /** Makes a non-leaf keep its gradient in `.grad` after backward. */
  retainGrad(): this {
    if (this.gradFn !== null) this.retainsGrad = true;
    return this;
  }

  /** Sets `requiresGrad` on a leaf, in place (PyTorch's `requires_grad_`). */
  requiresGrad_(on = true): this {
    if (this.gradFn !== null && !on) {
      throw new ValueError("Tensor.requiresGrad_: cannot turn off requiresGrad of a non-leaf; use detach()");
    }
    this.requiresGrad = on;
    return this;
  }

  /** Registers a hook run with dL/d(this) during backward; it may return a replacement. */
  registerHook(hook: GradHook): { remove: () => void } {
    this.hooks.push(hook);
    return {
      remove: () => {
        const at = this.hooks.indexOf(hook);
        if (at >= 0) this.hooks.splice(at, 1);
      },
    };
  }

  /**
   * Computes dL/dx for every leaf x this tensor depends on and adds it to `x.grad`.
   * Without `grad`, the tensor must hold one element (the loss). The options may come first:
   * `loss.backward({ retainGraph: true })` is `loss.backward(undefined, { retainGraph: true })`.
   * Options: `retainGraph`, `createGraph` (the gradients get a graph, for higher derivatives),
   * `inputs` (accumulate into these tensors only); any other key raises.
   */
  backward(grad?: Tensor | BackwardOptions | null, options: BackwardOptions = {}): void {
    const isOptions = (v: unknown): v is BackwardOptions => typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Tensor);
    if (grad !== undefined && grad !== null && !(grad instanceof Tensor) && !isOptions(grad)) {
      throw new ValueError(`backward: the first argument must be the gradient (a Tensor) or the options { retainGraph, createGraph, inputs }; got ${describeArgument(grad)}`);
    }
    if (!isOptions(options)) throw new ValueError(`backward: options must be an object { retainGraph, createGraph, inputs }; got ${describeArgument(options)}`);
    const given = grad instanceof Tensor ? grad : undefined;
    const opts = isOptions(grad) ? { ...grad, ...options } : options;
    const pass = backwardPassOptions(opts);
    const g = initialGrad(this, given, () => new Tensor(onesOf(this.dtype, this.numel), this.shape));
    runBackward([this], [g], pass);
  }

  /** Sets `.grad` to null. */
  zeroGrad(): void {
    retire(this.grad); // its storage goes back when the storage runs short (autograd/retired.ts)
    this.grad = null;
  }

  /** PyTorch-like printed form: values (summarized when large), shape, dtype, grad_fn. */
  toString(): string {
    return formatTensor(this);
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return formatTensor(this);
  }

  /** The MIME bundle notebooks display (Jupyter and Deno convention). */
  [Symbol.for("Jupyter.display")](): MimeBundle {
    return tensorBundle(this);
  }

  // ---- elementwise -------------------------------------------------------------------------
  add(other: TensorLike): Tensor { return ops.add(this, other); }
  sub(other: TensorLike): Tensor { return ops.sub(this, other); }
  mul(other: TensorLike): Tensor { return ops.mul(this, other); }
  div(other: TensorLike): Tensor { return ops.div(this, other); }
  pow(exponent: TensorLike): Tensor { return ops.pow(this, exponent); }
  maximum(other: TensorLike): Tensor { return ops.maximum(this, other); }
  minimum(other: TensorLike): Tensor { return ops.minimum(this, other); }
  neg(): Tensor { return ops.neg(this); }
  exp(): Tensor { return ops.exp(this); }
  log(): Tensor { return ops.log(this); }
  sqrt(): Tensor { return ops.sqrt(this); }
  abs(): Tensor { return ops.abs(this); }
  tanh(): Tensor { return ops.tanh(this); }
  sigmoid(): Tensor { return ops.sigmoid(this); }
  relu(): Tensor { return ops.relu(this); }
  erf(): Tensor { return ops.erf(this); }
  clamp(min?: number, max?: number): Tensor { return ops.clamp(this, min, max); }
  eq(other: TensorLike): Tensor { return ops.eq(this, other); }
  ne(other: TensorLike): Tensor { return ops.ne(this, other); }
  lt(other: TensorLike): Tensor { return ops.lt(this, other); }
  le(other: TensorLike): Tensor { return ops.le(this, other); }
  gt(other: TensorLike): Tensor { return ops.gt(this, other); }
  ge(other: TensorLike): Tensor { return ops.ge(this, other); }

  // ---- linear algebra ----------------------------------------------------------------------
  matmul(other: Tensor): Tensor { return ops.matmul(this, other); }

  // ---- reductions --------------------------------------------------------------------------
  sum(dim?: number | number[], keepdim = false): Tensor { return ops.sum(this, dim, keepdim); }
  mean(dim?: number | number[], keepdim = false): Tensor { return ops.mean(this, dim, keepdim); }
  /** Maximum of all elements, or `{ values, indices }` along `dim`. */
  max(): Tensor;
  max(dim: number, keepdim?: boolean): ValuesIndices;
  max(dim?: number, keepdim = false): Tensor | ValuesIndices { return dim === undefined ? ops.max(this) : ops.max(this, dim, keepdim); }
  /** Minimum of all elements, or `{ values, indices }` along `dim`. */
  min(): Tensor;
  min(dim: number, keepdim?: boolean): ValuesIndices;
  min(dim?: number, keepdim = false): Tensor | ValuesIndices { return dim === undefined ? ops.min(this) : ops.min(this, dim, keepdim); }
  amax(dim?: number | number[], keepdim = false): Tensor { return ops.amax(this, dim, keepdim); }
  amin(dim?: number | number[], keepdim = false): Tensor { return ops.amin(this, dim, keepdim); }
  argmax(dim?: number, keepdim = false): Tensor { return ops.argmax(this, dim, keepdim); }
  argmin(dim?: number, keepdim = false): Tensor { return ops.argmin(this, dim, keepdim); }
  norm(p = 2, dim?: number | number[], keepdim = false): Tensor { return ops.norm(this, p, dim, keepdim); }
  /** Variance over `dim` (Bessel-corrected unless `correction: 0`). */
  var(dim?: number | number[], options: functional.VarOptions = {}): Tensor { return functional.variance(this, dim, options); }
  std(dim?: number | number[], options: functional.VarOptions = {}): Tensor { return functional.std(this, dim, options); }
  logsumexp(dim: number | number[], keepdim = false): Tensor { return functional.logsumexp(this, dim, keepdim); }
  cumsum(dim: number): Tensor { return ops.cumsum(this, dim); }
  sort(dim = -1, descending = false): ValuesIndices { return ops.sort(this, dim, descending); }
  argsort(dim = -1, descending = false): Tensor { return ops.argsort(this, dim, descending); }
  topk(k: number, dim = -1, largest = true): ValuesIndices { return ops.topk(this, k, dim, largest); }
  softmax(dim = -1): Tensor { return functional.softmax(this, dim); }
  logSoftmax(dim = -1): Tensor { return functional.logSoftmax(this, dim); }

  // ---- shape -------------------------------------------------------------------------------
  reshape(...shape: number[] | [number[]]): Tensor { return ops.reshape(this, flatArgs(shape)); }
  view(...shape: number[] | [number[]]): Tensor { return ops.reshape(this, flatArgs(shape)); }
  transpose(dim0 = 0, dim1 = 1): Tensor { return ops.transpose(this, dim0, dim1); }
  /** Transpose of a matrix (2-D). */
  get T(): Tensor { return ops.transpose(this, -2, -1); }
  permute(...dims: number[] | [number[]]): Tensor { return ops.permute(this, flatArgs(dims)); }
  narrow(dim: number, start: number, length: number): Tensor { return ops.narrow(this, dim, start, length); }
  select(dim: number, index: number): Tensor { return ops.select(this, dim, index); }
  indexSelect(dim: number, index: Tensor | number[]): Tensor { return ops.indexSelect(this, dim, index); }
  slice(dim: number, start?: number, end?: number, step?: number): Tensor { return ops.slice(this, dim, start, end, step); }
  flatten(startDim = 0, endDim = -1): Tensor { return ops.flatten(this, startDim, endDim); }
  squeeze(dim?: number): Tensor { return ops.squeeze(this, dim); }
  unsqueeze(dim: number): Tensor { return ops.unsqueeze(this, dim); }
  expand(...shape: number[] | [number[]]): Tensor { return ops.expand(this, flatArgs(shape)); }
  split(splitSize: number | number[], dim = 0): Tensor[] { return ops.split(this, splitSize, dim); }
  chunk(chunks: number, dim = 0): Tensor[] { return ops.chunk(this, chunks, dim); }
  flip(...dims: number[] | [number[]]): Tensor { return ops.flip(this, flatArgs(dims)); }
  gather(dim: number, index: Tensor): Tensor { return ops.gather(this, dim, index); }
  maskedFill(mask: Tensor, value: number): Tensor { return ops.maskedFill(this, mask, value); }
  maskedSelect(mask: Tensor): Tensor { return functional.maskedSelect(this, mask); }
  scatter(dim: number, index: Tensor, src: TensorLike): Tensor { return ops.scatter(this, dim, index, src); }
  scatterAdd(dim: number, index: Tensor, src: TensorLike): Tensor { return ops.scatterAdd(this, dim, index, src); }
  triu(diagonal = 0): Tensor { return ops.triu(this, diagonal); }
  tril(diagonal = 0): Tensor { return ops.tril(this, diagonal); }
  roll(shifts: number | number[], dims?: number | number[]): Tensor { return ops.roll(this, shifts, dims); }
  repeat(...sizes: number[] | [number[]]): Tensor { return functional.repeat(this, flatArgs(sizes)); }
  tile(...dims: number[] | [number[]]): Tensor { return functional.tile(this, flatArgs(dims)); }
}

function flatArgs(args: number[] | [number[]]): number[] {
  const first = args[0];
  return Array.isArray(first) ? first : (args as number[]);
}

function onesOf(dtype: DType, n: number): TypedArray {
  const data = allocate(dtype, n);
  data.fill(1);
  return data;
}

/** A wrong argument as an error names it: its type and, for a primitive, its value. */
function describeArgument(v: unknown): string {
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object" || typeof v === "function") return typeof v;
  return `${typeof v} ${JSON.stringify(v) ?? String(v)}`;
}

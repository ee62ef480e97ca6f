import { Arithmetic, arithmeticMap } from "./loops/arithmetic";
import { binaryMap, BinaryFn, unaryMap, UnaryFn } from "./loops/elementwise";
import { sumDims } from "./loops/reduce";
import { DTypeError } from "../errors";
import { DType, TypedArray, allocate, allocateOverwritten, isFloating, promote } from "../tensor/dtype";
import { Shape, broadcastShapes, numelOf, sameShape } from "../tensor/shape";
import { Tensor, TensorLike } from "../tensor/tensor";
import { reshape } from "./reshape";
import { sum } from "./sum";

/** Turns a number into a 0-d tensor matching `like` (int32 stays int32 only for integers). */
export function asTensor(op: string, x: TensorLike, like?: Tensor): Tensor {
  if (x instanceof Tensor) return x;
  if (typeof x !== "number") {
    throw new DTypeError(`${op}: expected a Tensor or a number; got ${typeof x}`);
  }
  let dtype: DType = like?.dtype ?? "float32";
  if (dtype === "int32" && !Number.isInteger(x)) dtype = "float32";
  const data = allocate(dtype, 1);
  data[0] = x;
  return new Tensor(data, []);
}

/** Both operands as tensors; numbers adopt the other operand's dtype. */
export function operands(op: string, a: TensorLike, b: TensorLike): [Tensor, Tensor] {
  if (a instanceof Tensor) return [a, asTensor(op, b, a)];
  if (b instanceof Tensor) return [asTensor(op, a, b), b];
  return [asTensor(op, a), asTensor(op, b)];
}

/** Elementwise f over the broadcast of a and b; result dtype is `dtype` or the promoted one. */
export function binaryForward(op: string, a: Tensor, b: Tensor, f: BinaryFn, dtype?: DType): Tensor {
  const shape = sameShape(a.shape, b.shape) ? a.shape : broadcastShapes(op, a.shape, b.shape);
  const out = allocateOverwritten(dtype ?? promote(a.dtype, b.dtype), numelOf(shape)); // every element mapped
  binaryMap(a.data, a.shape, b.data, b.shape, out, shape, f);
  return new Tensor(out, shape);
}

/**
 * a (op) b for the four arithmetic ops, with closure-free loops (the per-op hot path); the result
 * dtype is `dtype` or the promoted one.
 */
export function arithmeticForward(op: Arithmetic, a: Tensor, b: Tensor, dtype?: DType): Tensor {
  const shape = sameShape(a.shape, b.shape) ? a.shape : broadcastShapes(op, a.shape, b.shape);
  const out = allocateOverwritten(dtype ?? promote(a.dtype, b.dtype), numelOf(shape)); // every element mapped
  arithmeticMap(op, a.data, a.shape, b.data, b.shape, out, shape);
  return new Tensor(out, shape);
}

/** Elementwise f of x; result dtype is `dtype` or x's (int32 becomes float32 for float results). */
export function unaryForward(x: Tensor, f: UnaryFn, dtype?: DType): Tensor {
  const out = allocateOverwritten(dtype ?? x.dtype, x.numel); // every element mapped
  unaryMap(x.data, out, f);
  return new Tensor(out, x.shape);
}

/**
 * Applies a closure-free kernel `kernel(x, out)`, which writes every element of `out`. The result
 * is float (x's dtype if floating, else float32) unless `dtype` says otherwise.
 */
export function pointwise(x: Tensor, kernel: (x: TypedArray, out: TypedArray) => void, dtype?: DType): Tensor {
  const out = allocateOverwritten(dtype ?? floatDType(x), x.numel);
  kernel(x.data, out);
  return new Tensor(out, x.shape);
}

/** Applies a closure-free gradient kernel `kernel(g, saved, out)`, which writes every element of `out`; saved has g's shape. */
export function pointwiseGrad(g: Tensor, kernel: (g: TypedArray, saved: TypedArray, out: TypedArray) => void, saved: Tensor): Tensor {
  const out = allocateOverwritten(g.dtype, g.numel);
  kernel(g.data, saved.data, out);
  return new Tensor(out, g.shape);
}

/** The dtype of a float-valued op on x: x's if floating, else float32. */
export function floatDType(x: Tensor): DType {
  return isFloating(x.dtype) ? x.dtype : "float32";
}

/**
 * Reduces a gradient of the broadcast shape back to an input's `shape` by summing over the
 * dims that broadcasting added or stretched (the adjoint of broadcasting).
 */
export function sumTo(g: Tensor, shape: Shape): Tensor {
  if (sameShape(g.shape, shape)) return g;
  const lead = g.ndim - shape.length;
  const dims: number[] = [];
  for (let d = 0; d < g.ndim; d++) {
    if (d < lead || (shape[d - lead] === 1 && g.shape[d] !== 1)) dims.push(d);
  }
  // createGraph: a recorded sum, so the gradient keeps its graph
  if (g.requiresGrad) return reshape(sum(g, dims, true), shape);
  const out = allocate(g.dtype, numelOf(shape));
  sumDims(g.data, g.shape, dims, out);
  return new Tensor(out, shape);
}

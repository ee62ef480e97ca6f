import type { TypedArray } from "../../tensor/dtype";
import { Shape, broadcastStrides, sameShape } from "../../tensor/shape";

/** A scalar function of two numbers. */
export type BinaryFn = (x: number, y: number) => number;

/** A scalar function of one number. */
export type UnaryFn = (x: number) => number;

/**
 * out[i] = f(a[ia], b[ib]) over the broadcast shape `outShape`.
 * Fast paths: equal shapes, and a one-element operand; otherwise an odometer over broadcast strides.
 */
export function binaryMap(
  a: TypedArray,
  aShape: Shape,
  b: TypedArray,
  bShape: Shape,
  out: TypedArray,
  outShape: Shape,
  f: BinaryFn,
): void {
  const n = out.length;
  if (sameShape(aShape, outShape) && sameShape(bShape, outShape)) {
    for (let i = 0; i < n; i++) out[i] = f(a[i] as number, b[i] as number);
    return;
  }
  if (b.length === 1 && sameShape(aShape, outShape)) {
    const y = b[0] as number;
    for (let i = 0; i < n; i++) out[i] = f(a[i] as number, y);
    return;
  }
  if (a.length === 1 && sameShape(bShape, outShape)) {
    const x = a[0] as number;
    for (let i = 0; i < n; i++) out[i] = f(x, b[i] as number);
    return;
  }
  const sa = broadcastStrides(aShape, outShape);
  const sb = broadcastStrides(bShape, outShape);
  const nd = outShape.length;
  const last = nd - 1;
  const inner = outShape[last] ?? 1;
  const ia = sa[last] ?? 0;
  const ib = sb[last] ?? 0;
  const index = new Array<number>(nd).fill(0);
  let offA = 0;
  let offB = 0;
  for (let start = 0; start < n; start += inner) {
    let pa = offA;
    let pb = offB;
    for (let j = 0; j < inner; j++) {
      out[start + j] = f(a[pa] as number, b[pb] as number);
      pa += ia;
      pb += ib;
    }
    // advance the odometer over the outer dims
    for (let d = last - 1; d >= 0; d--) {
      index[d] = (index[d] ?? 0) + 1;
      offA += sa[d] ?? 0;
      offB += sb[d] ?? 0;
      if ((index[d] ?? 0) < (outShape[d] ?? 1)) break;
      offA -= (sa[d] ?? 0) * (outShape[d] ?? 1);
      offB -= (sb[d] ?? 0) * (outShape[d] ?? 1);
      index[d] = 0;
    }
  }
}

/** out[i] = f(x[i]). */
export function unaryMap(x: TypedArray, out: TypedArray, f: UnaryFn): void {
  const n = x.length;
  for (let i = 0; i < n; i++) out[i] = f(x[i] as number);
}

/** out = a + b for equal-length arrays (the hot path of gradient accumulation). */
export function addSame(a: TypedArray, b: TypedArray, out: TypedArray): void {
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = (a[i] as number) + (b[i] as number);
}

/** out = a * b for equal-length arrays. */
export function mulSame(a: TypedArray, b: TypedArray, out: TypedArray): void {
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = (a[i] as number) * (b[i] as number);
}

import type { TypedArray } from "../../tensor/dtype";
import { Shape, broadcastStrides, sameShape } from "../../tensor/shape";

/** The four arithmetic ops that get closure-free loops (they dominate recurrent cells). */
export type Arithmetic = "add" | "sub" | "mul" | "div";

/**
 * One strided row of an arithmetic op: out[o + j] = a[pa + j ia] (op) b[pb + j ib], j < n.
 * A separate loop per op keeps each call site monomorphic, so V8 compiles it to a tight loop
 * (a shared loop calling a closure per element is several times slower).
 */
type Row = (out: TypedArray, o: number, a: TypedArray, pa: number, ia: number, b: TypedArray, pb: number, ib: number, n: number) => void;

function addRow(out: TypedArray, o: number, a: TypedArray, pa: number, ia: number, b: TypedArray, pb: number, ib: number, n: number): void {
  for (let j = 0; j < n; j++, pa += ia, pb += ib) out[o + j] = (a[pa] as number) + (b[pb] as number);
}

function subRow(out: TypedArray, o: number, a: TypedArray, pa: number, ia: number, b: TypedArray, pb: number, ib: number, n: number): void {
  for (let j = 0; j < n; j++, pa += ia, pb += ib) out[o + j] = (a[pa] as number) - (b[pb] as number);
}

function mulRow(out: TypedArray, o: number, a: TypedArray, pa: number, ia: number, b: TypedArray, pb: number, ib: number, n: number): void {
  for (let j = 0; j < n; j++, pa += ia, pb += ib) out[o + j] = (a[pa] as number) * (b[pb] as number);
}

function divRow(out: TypedArray, o: number, a: TypedArray, pa: number, ia: number, b: TypedArray, pb: number, ib: number, n: number): void {
  for (let j = 0; j < n; j++, pa += ia, pb += ib) out[o + j] = (a[pa] as number) / (b[pb] as number);
}

const ROWS: Record<Arithmetic, Row> = { add: addRow, sub: subRow, mul: mulRow, div: divRow };

/** out[i] = a[i] (op) b[i]: contiguous operands of the output's shape, the commonest case. */
type Same = (a: TypedArray, b: TypedArray, out: TypedArray) => void;

function addSame(a: TypedArray, b: TypedArray, out: TypedArray): void {
  for (let i = 0; i < out.length; i++) out[i] = (a[i] as number) + (b[i] as number);
}

function subSame(a: TypedArray, b: TypedArray, out: TypedArray): void {
  for (let i = 0; i < out.length; i++) out[i] = (a[i] as number) - (b[i] as number);
}

function mulSame(a: TypedArray, b: TypedArray, out: TypedArray): void {
  for (let i = 0; i < out.length; i++) out[i] = (a[i] as number) * (b[i] as number);
}

function divSame(a: TypedArray, b: TypedArray, out: TypedArray): void {
  for (let i = 0; i < out.length; i++) out[i] = (a[i] as number) / (b[i] as number);
}

const SAME: Record<Arithmetic, Same> = { add: addSame, sub: subSame, mul: mulSame, div: divSame };

/**
 * out = a (op) b over the broadcast shape `outShape`. Equal shapes are one plain loop, a
 * one-element operand one strided row; other broadcasts walk the outer dims with an odometer, one strided row at a time.
 */
export function arithmeticMap(op: Arithmetic, a: TypedArray, aShape: Shape, b: TypedArray, bShape: Shape, out: TypedArray, outShape: Shape): void {
  const n = out.length;
  const aFull = sameShape(aShape, outShape);
  const bFull = sameShape(bShape, outShape);
  if (aFull && bFull) {
    SAME[op](a, b, out);
    return;
  }
  const row = ROWS[op];
  if ((aFull || a.length === 1) && (bFull || b.length === 1)) {
    row(out, 0, a, 0, aFull ? 1 : 0, b, 0, bFull ? 1 : 0, n);
    return;
  }
  const sa = broadcastStrides(aShape, outShape);
  const sb = broadcastStrides(bShape, outShape);
  const last = outShape.length - 1;
  const inner = outShape[last] ?? 1;
  const ia = sa[last] ?? 0;
  const ib = sb[last] ?? 0;
  const index = new Array<number>(outShape.length).fill(0);
  let offA = 0;
  let offB = 0;
  for (let start = 0; start < n; start += inner) {
    row(out, start, a, offA, ia, b, offB, ib, inner);
    for (let d = last - 1; d >= 0; d--) {
      const size = outShape[d] ?? 1;
      index[d] = (index[d] ?? 0) + 1;
      offA += sa[d] ?? 0;
      offB += sb[d] ?? 0;
      if ((index[d] ?? 0) < size) break;
      offA -= (sa[d] ?? 0) * size;
      offB -= (sb[d] ?? 0) * size;
      index[d] = 0;
    }
  }
}

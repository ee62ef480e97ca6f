// The kernels a helper thread can run a part of (see parallel.as): each splits into independent
// units (elements, rows or columns), and a part runs the very kernel on its units, so the
// results are the same bits as one call on all of them whenever parts start on the kernel's
// vector boundaries (the caller cuts elements and columns in multiples of 8, rows anywhere).
// Arguments at `p` (i32: pointers in bytes, sizes in elements) and `d` (f64), as listed per kind.

import { adamStep } from "./adam";
import { gruCell, lstmCell, sigmoidArray, tanhArray } from "./cells";
import { gruCellBackward, lstmCellBackward } from "./cells-backward";
import { colSum } from "./reduce";
import { crossEntropyRows } from "./softmax";

/** Elements [lo, hi) of adamStep; p: param, grad, m, v; d: beta1, beta2, stepSize, invBc2Sqrt, eps. */
const KIND_ADAM: i32 = 1;
/** Elements of sigmoidArray / tanhArray; p: x, out. */
const KIND_SIGMOID: i32 = 2;
const KIND_TANH: i32 = 3;
/** Columns of colSum; p: rows, x, ldx, sums (f64). */
const KIND_COL_SUM: i32 = 4;
/** Rows of crossEntropyRows; p: C, x, targets, loss, grad (0: none); d: eps, w. */
const KIND_CROSS_ENTROPY: i32 = 5;
/** Rows of the cells; p: H, then the pointers of the kernel in its order. */
const KIND_LSTM_CELL: i32 = 6;
const KIND_GRU_CELL: i32 = 7;
const KIND_LSTM_CELL_BACKWARD: i32 = 8;
const KIND_GRU_CELL_BACKWARD: i32 = 9;

/** Pointer argument i at p. */
@inline function ptr(p: usize, i: i32): usize {
  return <usize>load<i32>(p + <usize>i * 4);
}

/** Runs units [lo, hi) of the kernel `kind` with the arguments at p and d. */
export function runKernelChunk(kind: i32, p: usize, d: usize, lo: i32, hi: i32): void {
  const n = hi - lo;
  const e = <usize>lo * 4;
  if (kind == KIND_ADAM) {
    const beta1 = load<f64>(d);
    const beta2 = load<f64>(d, 8);
    adamStep(n, ptr(p, 0) + e, ptr(p, 1) + e, ptr(p, 2) + e, ptr(p, 3) + e, beta1, beta2, load<f64>(d, 16), load<f64>(d, 24), load<f64>(d, 32));
  } else if (kind == KIND_SIGMOID) {
    sigmoidArray(n, ptr(p, 0) + e, ptr(p, 1) + e);
  } else if (kind == KIND_TANH) {
    tanhArray(n, ptr(p, 0) + e, ptr(p, 1) + e);
  } else if (kind == KIND_COL_SUM) {
    colSum(load<i32>(p), n, ptr(p, 1) + e, load<i32>(p, 8), ptr(p, 3) + <usize>lo * 8);
  } else if (kind == KIND_CROSS_ENTROPY) {
    const row = <usize>load<i32>(p) * e;
    const grad = ptr(p, 4);
    crossEntropyRows(n, load<i32>(p), ptr(p, 1) + row, ptr(p, 2) + e, load<f64>(d), load<f64>(d, 8), ptr(p, 3) + <usize>lo * 8, grad == 0 ? 0 : grad + row);
  } else {
    cellRows(kind, p, lo, n);
  }
}

/** Rows [lo, lo + n) of a cell kernel: [B, G H] arrays advance G H per row, [B, H] ones H. */
function cellRows(kind: i32, p: usize, lo: i32, n: i32): void {
  const H = load<i32>(p);
  const one = <usize>lo * <usize>H * 4;
  if (kind == KIND_LSTM_CELL) {
    lstmCell(n, H, ptr(p, 1) + 4 * one, ptr(p, 2) + one, ptr(p, 3) + one, ptr(p, 4) + one, ptr(p, 5) + one);
  } else if (kind == KIND_GRU_CELL) {
    gruCell(n, H, ptr(p, 1) + 3 * one, ptr(p, 2) + 3 * one, ptr(p, 3) + one, ptr(p, 4) + one, ptr(p, 5) + one);
  } else if (kind == KIND_LSTM_CELL_BACKWARD) {
    lstmCellBackward(n, H, ptr(p, 1) + 4 * one, ptr(p, 2) + one, ptr(p, 3) + one, ptr(p, 4) + one, ptr(p, 5) + one, ptr(p, 6) + 4 * one);
  } else if (kind == KIND_GRU_CELL_BACKWARD) {
    const three = 3 * one;
    gruCellBackward(n, H, ptr(p, 1) + three, ptr(p, 2) + one, ptr(p, 3) + one, ptr(p, 4) + one, ptr(p, 5) + three, ptr(p, 6) + three, ptr(p, 7) + one);
  }
}

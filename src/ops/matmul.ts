import { record } from "../autograd/record";
import { getBackend } from "../backend/backend";
import { ShapeError } from "../errors";
import { allocateOverwritten, promote } from "../tensor/dtype";
import { broadcastShapes, formatShape, numelOf, stridesOf } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { reshape } from "./reshape";
import { sumTo } from "./operands";
import { transpose } from "./permute";
import { isGradEnabled } from "../autograd/grad-mode";
import { tensorPair } from "./tensor-arg";

/**
 * Matrix product with PyTorch's rules: 1-D x 1-D is a dot product, 2-D x 2-D a matrix product,
 * and higher ranks are batched over leading dims (broadcast). A 1-D first (second) operand is
 * treated as a row (column) vector and that dim is removed from the result.
 *
 * @example matmul(W_hh, h) // [H, H] x [H] -> [H]
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  tensorPair("matmul", "both operands must be tensors (a [..., m, k] times b [..., k, n])", a, b);
  if (a.ndim === 0 || b.ndim === 0) {
    throw new ShapeError(`matmul: both arguments need at least 1 dim; a is ${formatShape(a.shape)}, b is ${formatShape(b.shape)}`);
  }
  const a2 = a.ndim === 1 ? reshape(a, [1, a.shape[0] ?? 0]) : a;
  const b2 = b.ndim === 1 ? reshape(b, [b.shape[0] ?? 0, 1]) : b;
  const out = batchedMatmul(a2, b2, a.shape, b.shape);
  if (a.ndim === 1 || b.ndim === 1) {
    const shape = [...out.shape];
    if (b.ndim === 1) shape.splice(shape.length - 1, 1);
    if (a.ndim === 1) shape.splice(shape.length - (b.ndim === 1 ? 1 : 2), 1);
    return reshape(out, shape);
  }
  return out;
}

/**
 * Batched product with the second operand transposed, a b^T: [..., m, k] x [..., n, k] -> [..., m, n]
 * (batch dims broadcast), the attention scores q K^T. The GEMM reads b transposed, so unlike
 * `matmul(a, transpose(b, -2, -1))` no transposed copy is made, forward or backward.
 *
 * @example matmulTransposed(queries, keys) // [B, T, H] x [B, S, H] -> [B, T, S]
 */
export function matmulTransposed(a: Tensor, b: Tensor): Tensor {
  const m = a.shape[a.ndim - 2] ?? 0;
  const k = a.shape[a.ndim - 1] ?? 0;
  const n = b.shape[b.ndim - 2] ?? 0;
  if (a.ndim < 2 || b.ndim < 2 || b.shape[b.ndim - 1] !== k) {
    throw new ShapeError(`matmulTransposed: need [..., m, k] and [..., n, k]; a is ${formatShape(a.shape)}, b is ${formatShape(b.shape)}`);
  }
  const batch = broadcastShapes("matmulTransposed", a.shape.slice(0, -2), b.shape.slice(0, -2));
  const out = gemmBatched(a, b, batch, m, n, k, false, true);
  // dL/dA = g B, dL/dB = g^T A (summed over broadcast batch dims)
  return record(out, "matmul", [a, b], (g) => {
    // createGraph: the same products as recorded ops
    if (isGradEnabled()) return [a.requiresGrad ? sumTo(matmul(g, b), a.shape) : null, b.requiresGrad ? sumTo(matmul(transpose(g, -2, -1), a), b.shape) : null];
    return [
      a.requiresGrad ? sumTo(gemmBatched(g, b, batch, m, k, n, false, false), a.shape) : null,
      b.requiresGrad ? sumTo(gemmBatched(g, a, batch, n, k, m, true, false), b.shape) : null,
    ];
  }, { transposed: "b" });
}

function batchedMatmul(a: Tensor, b: Tensor, aShown: readonly number[], bShown: readonly number[]): Tensor {
  const m = a.shape[a.ndim - 2] ?? 0;
  const k = a.shape[a.ndim - 1] ?? 0;
  const k2 = b.shape[b.ndim - 2] ?? 0;
  const n = b.shape[b.ndim - 1] ?? 0;
  if (k !== k2) {
    throw new ShapeError(`matmul: inner dimensions differ; a is ${formatShape(aShown)}, b is ${formatShape(bShown)} (${k} != ${k2})`);
  }
  if (b.ndim === 2) return foldedMatmul(a, b, m, n, k);
  const batch = broadcastShapes("matmul", a.shape.slice(0, -2), b.shape.slice(0, -2));
  const out = gemmBatched(a, b, batch, m, n, k, false, false);
  // dL/dA = g B^T, dL/dB = A^T g (summed over broadcast batch dims)
  return record(out, "matmul", [a, b], (g) => {
    if (isGradEnabled()) return recordedMatmulGrads(g, a, b);
    return [
      a.requiresGrad ? sumTo(gemmBatched(g, b, batch, m, k, n, false, true), a.shape) : null,
      b.requiresGrad ? sumTo(gemmBatched(a, g, batch, k, n, m, true, false), b.shape) : null,
    ];
  });
}

/**
 * A [..., m, k] times a matrix B [k, n]: the batch dims of A fold into its rows, so the product
 * and both gradients are one GEMM each over all count * m rows (dL/dB = A^T g sums the batch in
 * the GEMM itself) instead of one per batch index.
 */
function foldedMatmul(a: Tensor, b: Tensor, m: number, n: number, k: number): Tensor {
  const rows = numelOf(a.shape.slice(0, -2)) * m;
  const dtype = promote(a.dtype, b.dtype);
  const gemm = getBackend().gemm;
  const out = allocateOverwritten(dtype, rows * n); // each GEMM here (beta 0) writes every element
  gemm(false, false, rows, n, k, 1, a.data, 0, k, b.data, 0, n, 0, out, 0, n);
  // dL/dA = g B^T, dL/dB = A^T g over all rows
  return record(new Tensor(out, [...a.shape.slice(0, -1), n]), "matmul", [a, b], (g) => {
    if (isGradEnabled()) return recordedMatmulGrads(g, a, b);
    let da: Tensor | null = null;
    if (a.requiresGrad) {
      const d = allocateOverwritten(g.dtype, rows * k);
      gemm(false, true, rows, k, n, 1, g.data, 0, n, b.data, 0, n, 0, d, 0, k);
      da = new Tensor(d, a.shape);
    }
    let db: Tensor | null = null;
    if (b.requiresGrad) {
      const d = allocateOverwritten(g.dtype, k * n);
      gemm(true, false, k, n, rows, 1, a.data, 0, k, g.data, 0, n, 0, d, 0, n);
      db = new Tensor(d, b.shape);
    }
    return [da, db];
  });
}

/**
 * out[..., m, n] = op(x)[..., m, k] op(y)[..., k, n] for every batch index, where x and y may
 * broadcast over the batch dims `batch`.
 */
export function gemmBatched(
  x: Tensor,
  y: Tensor,
  batch: readonly number[],
  m: number,
  n: number,
  k: number,
  transX: boolean,
  transY: boolean,
): Tensor {
  const count = numelOf(batch);
  const out = allocateOverwritten(promote(x.dtype, y.dtype), count * m * n); // one GEMM (beta 0) per block
  const xBatch = x.shape.slice(0, -2);
  const yBatch = y.shape.slice(0, -2);
  const xRows = x.shape[x.ndim - 2] ?? 0;
  const xCols = x.shape[x.ndim - 1] ?? 0;
  const yRows = y.shape[y.ndim - 2] ?? 0;
  const yCols = y.shape[y.ndim - 1] ?? 0;
  const xStride = xRows * xCols;
  const yStride = yRows * yCols;
  const backend = getBackend();
  for (let i = 0; i < count; i++) {
    const xi = batchOffset(i, batch, xBatch) * xStride;
    const yi = batchOffset(i, batch, yBatch) * yStride;
    backend.gemm(transX, transY, m, n, k, 1, x.data, xi, xCols, y.data, yi, yCols, 0, out, i * m * n, n);
  }
  return new Tensor(out, [...batch, m, n]);
}

/** Flat batch index into an operand whose batch shape broadcasts to `batch`. */
function batchOffset(i: number, batch: readonly number[], own: readonly number[]): number {
  if (own.length === 0) return 0;
  const strides = stridesOf(own);
  const lead = batch.length - own.length;
  let rest = i;
  let off = 0;
  for (let d = batch.length - 1; d >= 0; d--) {
    const size = batch[d] ?? 1;
    const idx = rest % size;
    rest = Math.floor(rest / size);
    const od = d - lead;
    if (od >= 0 && (own[od] ?? 1) !== 1) off += idx * (strides[od] ?? 0);
  }
  return off;
}

/** dL/dA = g B^T, dL/dB = A^T g as recorded ops, for a backward pass with `createGraph`. */
function recordedMatmulGrads(g: Tensor, a: Tensor, b: Tensor): Array<Tensor | null> {
  return [
    a.requiresGrad ? sumTo(matmul(g, transpose(b, -2, -1)), a.shape) : null,
    b.requiresGrad ? sumTo(matmul(transpose(a, -2, -1), g), b.shape) : null,
  ];
}

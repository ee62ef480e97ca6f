import { record } from "../../autograd/record";
import { getBackend } from "../../backend/backend";
import type { TypedArray } from "../../tensor/dtype";
import { allocate, allocateOverwritten, copyOf, releaseStorage } from "../../tensor/dtype";
import { Tensor } from "../../tensor/tensor";
import type { FusedCellKernel } from "./cell-kernel";
import type { FusedGrads, RecurrentWeights } from "./step-arrays";

/**
 * The input projection of one fused direction, one GEMM for all T steps:
 *
 *   P = X W_ih^T + b_ih + b_hh   [T*B, G*H]   (b_ih alone when the kernel adds b_hh in its step)
 *
 * written into `acts` (the step arrays' gate buffer, which the steps then turn into activations)
 * and recorded as one node (op `lstm_projection` etc., inputs X, W_ih, W_hh, the biases), whose
 * backward makes every gradient that needs all steps (`projectionBackward`).
 */
export function fusedProjection(kernel: FusedCellKernel, x: Tensor, w: RecurrentWeights, acts: TypedArray, grads: FusedGrads, saved: ProjectionSaved): Tensor {
  const { T, B, D, GH } = saved;
  const bias = projectionBias(w, kernel.foldHiddenBias, x.dtype, GH);
  getBackend().linear(T * B, GH, D, x.data, 0, w.wIh.data, 0, bias, acts, 0);
  if (bias !== null) releaseStorage(bias); // this function's own
  const weights = [w.wIh, w.wHh, w.bIh, w.bHh].filter((p): p is Tensor => p !== null);
  return record(new Tensor(acts, [T * B, GH]), kernel.projectionOp, [x, ...weights], (g) => projectionBackward(g, grads, saved));
}

/** The bias folded into the projection: b_ih + b_hh (b_ih alone when `foldHidden` is false), or null. */
function projectionBias(w: RecurrentWeights, foldHidden: boolean, dtype: Tensor["dtype"], GH: number): TypedArray | null {
  if (w.bIh === null && (!foldHidden || w.bHh === null)) return null;
  const out = allocate(dtype, GH);
  if (w.bIh !== null) out.set(w.bIh.data);
  if (foldHidden && w.bHh !== null) for (let j = 0; j < GH; j++) out[j] = (out[j] as number) + (w.bHh.data[j] as number);
  return out;
}


/** Sizes and saved tensors the projection backward needs. */
export interface ProjectionSaved {
  x: Tensor;
  w: RecurrentWeights;
  /** [T+1, B, H] hidden states; rows prevBase.. are h_{t-1} of steps 0..T-1 in time order. */
  hs: TypedArray;
  prevBase: number;
  T: number;
  B: number;
  D: number;
  H: number;
  GH: number;
  /** The hidden side has gate gradients of its own (`FusedCellKernel.splitHiddenGrads`). */
  splitHidden: boolean;
}

/**
 * Backward of the projection node: every gradient that needs all time steps, one GEMM each.
 *
 *   dX = dG_x W_ih,  dW_ih = dG_x^T X,  dW_hh = dG_h^T [h_{-1} .. h_{T-2}],
 *   db_ih = sum_rows dG_x,  db_hh = sum_rows dG_h   (column sums in float64, `Backend.colSum`)
 *
 * Without a split hidden side (the GRU's r gate), dG_h = dG_x and the two bias gradients are one sum.
 */
export function projectionBackward(g: Tensor, grads: FusedGrads, z: ProjectionSaved): Array<Tensor | null> {
  const dGx = g.data;
  let dGh: TypedArray = dGx;
  if (z.splitHidden) {
    dGh = grads.pendingDGh ?? allocate(g.dtype, z.T * z.B * z.GH);
    grads.pendingDGh = null;
  }
  // dG_x and dG_h feed up to three GEMMs and the sums: resident in the backend, copied in once
  const backend = getBackend();
  const pinned = dGh === dGx ? [backend.pin(dGx)] : [backend.pin(dGx), backend.pin(dGh)];
  try {
    return projectionGradients(g.dtype, dGx, dGh, z);
  } finally {
    for (const p of pinned) backend.unpin(p);
    // the hidden side's gate gradients were this direction's own buffer, read by nothing else
    if (dGh !== dGx) releaseStorage(dGh);
  }
}

/** The gradients of projectionBackward from the gate gradients dG_x, dG_h [T*B, G*H]. */
function projectionGradients(dtype: Tensor["dtype"], dGx: TypedArray, dGh: TypedArray, z: ProjectionSaved): Array<Tensor | null> {
  const { x, w, hs, prevBase, T, B, D, H, GH } = z;
  const gemm = getBackend().gemm;
  const rows = T * B;
  // each GEMM below (beta 0) writes every element of its output (zeros when there are no rows)
  const made = (n: number): TypedArray => allocateOverwritten(dtype, n);
  const out: Array<Tensor | null> = [];
  if (x.requiresGrad) {
    const dx = made(rows * D);
    gemm(false, false, rows, D, GH, 1, dGx, 0, GH, w.wIh.data, 0, D, 0, dx, 0, D);
    out.push(new Tensor(dx, x.shape));
  } else out.push(null);
  if (w.wIh.requiresGrad) {
    const dw = made(GH * D);
    gemm(true, false, GH, D, rows, 1, dGx, 0, GH, x.data, 0, D, 0, dw, 0, D);
    out.push(new Tensor(dw, w.wIh.shape));
  } else out.push(null);
  if (w.wHh.requiresGrad) {
    const dw = made(GH * H);
    gemm(true, false, GH, H, rows, 1, dGh, 0, GH, hs, prevBase, H, 0, dw, 0, H);
    out.push(new Tensor(dw, w.wHh.shape));
  } else out.push(null);
  const dbIh = w.bIh?.requiresGrad === true ? columnSums(dGx, rows, GH, dtype) : null;
  let dbHh: TypedArray | null = null;
  if (w.bHh?.requiresGrad === true) dbHh = z.splitHidden || dbIh === null ? columnSums(dGh, rows, GH, dtype) : copyOf(dbIh);
  if (w.bIh !== null) out.push(dbIh === null ? null : new Tensor(dbIh, w.bIh.shape));
  if (w.bHh !== null) out.push(dbHh === null ? null : new Tensor(dbHh, w.bHh.shape));
  return out;
}

/** db = sum_rows dG over the [rows, G*H] gate gradients, summed in float64, returned as `dtype`. */
function columnSums(dG: TypedArray, rows: number, GH: number, dtype: Tensor["dtype"]): TypedArray {
  const sums = allocate("float64", GH) as Float64Array; // float64 storage is a Float64Array
  getBackend().colSum(rows, GH, dG, 0, GH, sums, 0);
  const out = allocate(dtype, GH);
  out.set(sums);
  releaseStorage(sums); // this function's own
  return out;
}

import { getBackend } from "../../../backend/backend";
import type { PinnedOperand } from "../../../backend/pinned";
import type { TypedArray } from "../../../tensor/dtype";
import { allocate } from "../../../tensor/dtype";
import { Tensor } from "../../../tensor/tensor";
import type { DirectionWeights } from "../recurrence";

/**
 * Gradient buffers shared by the nodes of one fused direction during one backward pass. The
 * cell-state node stashes dL/dc_T here, the steps fill the gate gradients, and the first step
 * hands them to the projection node and clears them (so the graph can be walked again with
 * `retainGraph`).
 */
export interface FusedGrads {
  /** [T*B, G*H] dL/d(input-side gate pre-activations), in time order. */
  dGx: TypedArray | null;
  /** [T*B, G*H] dL/d(hidden-side gate pre-activations) (GRU only; the same as dGx otherwise). */
  dGh: TypedArray | null;
  /** [B, H] dL/dc carried down the steps (LSTM). */
  dc: TypedArray | null;
  /** [B, H] dL/dc_T from the final cell state (LSTM). */
  dcFinal: TypedArray | null;
  /** dGh handed from the first step to the projection node (GRU). */
  pendingDGh: TypedArray | null;
  /** W_hh kept resident from the backward of the last step to that of step 0 (see fused/pin.ts). */
  pinned: PinnedOperand | null;
}

/** Sizes and saved tensors the projection backward needs. */
export interface ProjectionSaved {
  x: Tensor;
  w: DirectionWeights;
  /** [T+1, B, H] hidden states; rows prevBase.. are h_{t-1} of steps 0..T-1 in time order. */
  hs: TypedArray;
  prevBase: number;
  T: number;
  B: number;
  D: number;
  H: number;
  GH: number;
  gru: boolean;
}

/**
 * Backward of the projection node: every gradient that needs all time steps, one GEMM each.
 *
 *   dX = dG_x W_ih,  dW_ih = dG_x^T X,  dW_hh = dG_h^T [h_{-1} .. h_{T-2}],
 *   db_ih = sum_rows dG_x,  db_hh = sum_rows dG_h   (column sums in float64, `Backend.colSum`)
 *
 * Without the GRU's r gate, dG_h = dG_x and the two bias gradients are one sum.
 */
export function projectionBackward(g: Tensor, grads: FusedGrads, z: ProjectionSaved): Array<Tensor | null> {
  const dGx = g.data;
  let dGh: TypedArray = dGx;
  if (z.gru) {
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
  }
}

/** The gradients of projectionBackward from the gate gradients dG_x, dG_h [T*B, G*H]. */
function projectionGradients(dtype: Tensor["dtype"], dGx: TypedArray, dGh: TypedArray, z: ProjectionSaved): Array<Tensor | null> {
  const { x, w, hs, prevBase, T, B, D, H, GH } = z;
  const gemm = getBackend().gemm;
  const rows = T * B;
  const out: Array<Tensor | null> = [];
  if (x.requiresGrad) {
    const dx = allocate(dtype, rows * D);
    gemm(false, false, rows, D, GH, 1, dGx, 0, GH, w.wIh.data, 0, D, 0, dx, 0, D);
    out.push(new Tensor(dx, x.shape));
  } else out.push(null);
  if (w.wIh.requiresGrad) {
    const dw = allocate(dtype, GH * D);
    gemm(true, false, GH, D, rows, 1, dGx, 0, GH, x.data, 0, D, 0, dw, 0, D);
    out.push(new Tensor(dw, w.wIh.shape));
  } else out.push(null);
  if (w.wHh.requiresGrad) {
    const dw = allocate(dtype, GH * H);
    gemm(true, false, GH, H, rows, 1, dGh, 0, GH, hs, prevBase, H, 0, dw, 0, H);
    out.push(new Tensor(dw, w.wHh.shape));
  } else out.push(null);
  const dbIh = w.bIh?.requiresGrad === true ? columnSums(dGx, rows, GH, dtype) : null;
  let dbHh: TypedArray | null = null;
  if (w.bHh?.requiresGrad === true) dbHh = z.gru || dbIh === null ? columnSums(dGh, rows, GH, dtype) : dbIh.slice();
  if (w.bIh !== null) out.push(dbIh === null ? null : new Tensor(dbIh, w.bIh.shape));
  if (w.bHh !== null) out.push(dbHh === null ? null : new Tensor(dbHh, w.bHh.shape));
  return out;
}

/** db = sum_rows dG over the [rows, G*H] gate gradients, summed in float64, returned as `dtype`. */
function columnSums(dG: TypedArray, rows: number, GH: number, dtype: Tensor["dtype"]): TypedArray {
  const sums = new Float64Array(GH);
  getBackend().colSum(rows, GH, dG, 0, GH, sums, 0);
  const out = allocate(dtype, GH);
  out.set(sums);
  return out;
}

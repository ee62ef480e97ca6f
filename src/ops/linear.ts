import { isGradEnabled } from "../autograd/grad-mode";
import { record } from "../autograd/record";
import { getBackend } from "../backend/backend";
import { allocate, allocateOperand, allocateOverwritten, releaseStorage } from "../tensor/dtype";
import { Tensor } from "../tensor/tensor";
import { matmul } from "./matmul";

/**
 * Affine map of the last dim, y = x W^T + b, for x [..., in], W [out, in] (PyTorch's `weight`
 * layout), b [out] or null; y is [..., out]. One backend call (`Backend.linear`) each way per
 * product. Inputs are checked by the caller (`Linear.forward`).
 */
export function linear(x: Tensor, w: Tensor, b: Tensor | null): Tensor {
  const [outF = 0, inF = 0] = w.shape;
  const rows = x.numel / inF;
  const out = allocateOverwritten(w.dtype, rows * outF); // Backend.linear writes every element
  getBackend().linear(rows, outF, inF, x.data, 0, w.data, 0, b === null ? null : b.data, out, 0);
  const inputs = b === null ? [x, w] : [x, w, b];
  return record(new Tensor(out, [...x.shape.slice(0, -1), outF]), "linear", inputs, (g) => linearBackward(g, x, w, b, rows));
}

/** Elements of dL/dy from which Linear's backward pins it (measured: 30 KB lose 4 us, 2 MB gain 0.3 ms of 12). */
const PIN_MIN = 1 << 15;

/**
 * The gradients of y = x W^T + b from g = dL/dy [rows, out]:
 *
 *   dL/dx = g W,   dL/dW = g^T x,   dL/db = sum_rows g
 *
 * g feeds up to two GEMMs and the column sums: a large g stays resident in the backend (pinned),
 * copied in once (below PIN_MIN elements the pin costs more than the copies it saves).
 */
function linearBackward(g: Tensor, x: Tensor, w: Tensor, b: Tensor | null, rows: number): Array<Tensor | null> {
  if (isGradEnabled()) return recordedLinearBackward(g, x, w, b, rows);
  const backend = getBackend();
  const [outF = 0, inF = 0] = w.shape;
  const uses = Number(x.requiresGrad) + Number(w.requiresGrad) + Number(b?.requiresGrad === true);
  const pinned = uses > 1 && g.numel >= PIN_MIN ? backend.pin(g.data) : null;
  try {
    let dx: Tensor | null = null;
    if (x.requiresGrad) {
      const d = allocateOverwritten(g.dtype, rows * inF); // the GEMM (beta 0) writes every element
      backend.gemm(false, false, rows, inF, outF, 1, g.data, 0, outF, w.data, 0, inF, 0, d, 0, inF);
      dx = new Tensor(d, x.shape);
    }
    let dw: Tensor | null = null;
    if (w.requiresGrad) {
      const d = allocateOverwritten(g.dtype, outF * inF); // the GEMM (beta 0) writes every element
      backend.gemm(true, false, outF, inF, rows, 1, g.data, 0, outF, x.data, 0, inF, 0, d, 0, inF);
      dw = new Tensor(d, w.shape);
    }
    const grads: Array<Tensor | null> = [dx, dw];
    if (b !== null) grads.push(b.requiresGrad ? new Tensor(columnSums(g.data, rows, outF), b.shape) : null);
    return grads;
  } finally {
    if (pinned !== null) backend.unpin(pinned);
  }
}

/** The same gradients as recorded ops, for a backward pass with `createGraph`. */
function recordedLinearBackward(g: Tensor, x: Tensor, w: Tensor, b: Tensor | null, rows: number): Array<Tensor | null> {
  const outF = w.shape[0] ?? 0;
  const inF = w.shape[1] ?? 0;
  const g2 = g.reshape([rows, outF]);
  const grads: Array<Tensor | null> = [
    x.requiresGrad ? matmul(g2, w).reshape([...x.shape]) : null,
    w.requiresGrad ? matmul(g2.T, x.reshape([rows, inF])) : null,
  ];
  if (b !== null) grads.push(b.requiresGrad ? g2.sum(0) : null);
  return grads;
}

/**
 * Sums a row-major [rows, cols] array over its rows, db_j = sum_r g_rj, accumulated in float64
 * with the rows in order (the backend's `colSum`) and stored in g's type.
 */
function columnSums(g: Tensor["data"], rows: number, cols: number): Tensor["data"] {
  const acc = allocateOperand("float64", cols) as Float64Array; // float64 storage is a Float64Array
  getBackend().colSum(rows, cols, g, 0, cols, acc, 0);
  const out = allocate(g instanceof Float64Array ? "float64" : "float32", cols);
  out.set(acc);
  releaseStorage(acc); // this function's own
  return out;
}

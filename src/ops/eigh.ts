import { record } from "../autograd/record";
import { ShapeError } from "../errors";
import { allocate, isFloating } from "../tensor/dtype";
import { formatShape } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { jacobiEigh } from "./loops/jacobi";
import { add } from "./add";
import { matmul } from "./matmul";
import { mul } from "./mul";
import { sub } from "./sub";
import { div } from "./div";
import { transpose } from "./permute";
import { unsqueeze } from "./squeeze";
import { tensorArg } from "./tensor-arg";

/** The result of `eigh`: eigenvalues ascending [..., n] and unit eigenvectors as columns [..., n, n]. */
export interface Eigh {
  eigenvalues: Tensor;
  eigenvectors: Tensor;
}

/**
 * Eigendecomposition of symmetric matrices (PyTorch's `torch.linalg.eigh`, UPLO "L"):
 *
 *   A = V diag(w) V^T,   w_1 <= ... <= w_n,   V^T V = I
 *
 * where A [..., n, n] is read from its lower triangle (the upper one is ignored), w [..., n] and
 * V [..., n, n] hold the eigenvectors as columns, each signed so its largest entry is positive
 * (PyTorch's signs follow LAPACK and may differ). Cyclic Jacobi rotations in float64.
 * Backward (distinct eigenvalues): dL/dA = V (diag(g_w) + F o (V^T g_V)) V^T with
 * F_ij = 1 / (w_j - w_i) off the diagonal, 0 on it, symmetrized as PyTorch does: the gradient
 * for symmetric perturbations of A (differentiate eigh((A + A^T) / 2) to treat A as a free matrix).
 *
 * @example const { eigenvalues, eigenvectors } = eigh(cov) // PCA of a covariance [H, H]
 */
export function eigh(a: Tensor): Eigh {
  tensorArg("eigh", "a", a);
  if (!isFloating(a.dtype)) throw new ShapeError(`eigh: input must be float32 or float64; got ${a.dtype} of shape ${formatShape(a.shape)}`);
  const n = a.shape[a.ndim - 1] ?? 0;
  if (a.ndim < 2 || a.shape[a.ndim - 2] !== n) {
    throw new ShapeError(`eigh: input must be square matrices [..., n, n]; got ${formatShape(a.shape)}`);
  }
  const batch = a.shape.slice(0, -2);
  const w = allocate(a.dtype, a.numel / Math.max(n, 1));
  const v = allocate(a.dtype, a.numel);
  const m = new Float64Array(n * n);
  for (let b = 0; b * n * n < a.numel; b++) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        const x = a.data[b * n * n + i * n + j] as number;
        m[i * n + j] = x;
        m[j * n + i] = x;
      }
    }
    const r = jacobiEigh(m, n);
    w.set(r.values, b * n);
    v.set(r.vectors, b * n * n);
  }
  const values = new Tensor(w, [...batch, n]);
  const vectors = new Tensor(v, [...batch, n, n]);
  if (!a.requiresGrad) return { eigenvalues: values, eigenvectors: vectors };
  // both outputs hang off one recorded node whose output packs [w | V] along the last dim
  const packed: Tensor = record(new Tensor(packRows(w, v, n, batch), [...batch, n, n + 1]), "eigh", [a], (g) => [eighGrad(g, packed, n)]);
  return { eigenvalues: packed.narrow(-1, 0, 1).squeeze(-1), eigenvectors: packed.narrow(-1, 1, n) };
}

/** [..., n, n+1]: row i holds w_i, then row i of V. */
function packRows(w: Tensor["data"], v: Tensor["data"], n: number, batch: readonly number[]): Tensor["data"] {
  const count = batch.reduce((p, s) => p * s, 1);
  const out = allocate(w instanceof Float32Array ? "float32" : "float64", count * n * (n + 1));
  for (let b = 0; b < count; b++) {
    for (let i = 0; i < n; i++) {
      const row = (b * n + i) * (n + 1);
      out[row] = w[b * n + i] as number;
      out.set(v.subarray((b * n + i) * n, (b * n + i + 1) * n), row + 1);
    }
  }
  return out;
}

/** dL/dA from the gradient of the packed [w | V], as recorded ops. */
function eighGrad(g: Tensor, packed: Tensor, n: number): Tensor {
  const gw = g.narrow(-1, 0, 1).squeeze(-1);
  const gV = g.narrow(-1, 1, n);
  const w = packed.narrow(-1, 0, 1).squeeze(-1);
  const V = packed.narrow(-1, 1, n);
  const eye = identity(n, g.dtype);
  // diff_ij = w_j - w_i, with 1 on the diagonal so F's diagonal is a finite 0
  const diff = add(sub(unsqueeze(w, -2), unsqueeze(w, -1)), eye);
  const F = mul(div(1, diff), sub(1, eye));
  const inner = add(mul(eye, unsqueeze(gw, -1)), mul(F, matmul(transpose(V, -2, -1), gV)));
  const gA = matmul(matmul(V, inner), transpose(V, -2, -1));
  // PyTorch's convention: the gradient for symmetric perturbations, (gA + gA^T) / 2
  return mul(add(gA, transpose(gA, -2, -1)), 0.5);
}

function identity(n: number, dtype: Tensor["dtype"]): Tensor {
  const d = allocate(dtype, n * n);
  for (let i = 0; i < n; i++) d[i * n + i] = 1;
  return new Tensor(d, [n, n]);
}

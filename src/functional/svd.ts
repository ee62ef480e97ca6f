import { isGradEnabled, noGrad } from "../autograd/grad-mode";
import { checkKnownOptions, optionNames } from "../known-options";
import { ShapeError, ValueError } from "../errors";
import { clamp } from "../ops/clamp";
import { div } from "../ops/div";
import { eigh } from "../ops/eigh";
import { flip } from "../ops/flip";
import { matmul } from "../ops/matmul";
import { transpose } from "../ops/permute";
import { sqrt } from "../ops/sqrt";
import { unsqueeze } from "../ops/squeeze";
import { where } from "../ops/where";
import { cat } from "../ops/cat";
import { isFloating } from "../tensor/dtype";
import { formatShape } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";

/** The result of `svd`: A = U diag(S) Vh. */
export interface SVD {
  U: Tensor;
  S: Tensor;
  Vh: Tensor;
}

/** Options of `svd`. */
export interface SVDOptions {
  /** U [m, m] and Vh [n, n] (default true, as in PyTorch); false gives the reduced U [m, k], Vh [k, n]. */
  fullMatrices?: boolean;
}

/**
 * Singular value decomposition (PyTorch's `torch.linalg.svd`):
 *
 *   A = U diag(S) Vh,   S_1 >= ... >= S_k >= 0,   U^T U = I,   Vh Vh^T = I,   k = min(m, n)
 *
 * where A is [..., m, n]. Computed in float64 (then cast back) from the symmetric
 * eigendecomposition of the Gram matrix A^T A = V diag(S^2) V^T (or A A^T when m < n), with
 * U = A V / S, so it is differentiable through `eigh` to every order. Accuracy: a singular value
 * is exact to about 1e-16 S_1^2 / S_i, ample for PCA. Singular vectors carry a sign convention
 * (each V column's largest entry positive) that PyTorch does not share; columns of U for zero
 * singular values are completed to an orthonormal basis (their gradient is undefined, as in PyTorch).
 * `fullMatrices` with m != n completes U or Vh likewise and cannot be differentiated.
 *
 * @example const { S, Vh } = svd(centered, { fullMatrices: false }) // PCA: rows of Vh are the components
 */
export function svd(a: Tensor, options: SVDOptions = {}): SVD {
  checkKnownOptions("svd", options, optionNames<SVDOptions>({ fullMatrices: true }));
  const full = options.fullMatrices ?? true;
  if (typeof full !== "boolean") throw new ValueError(`svd: fullMatrices must be a boolean; got ${String(full)}`);
  if (!isFloating(a.dtype) || a.ndim < 2) {
    throw new ShapeError(`svd: input must be float matrices [..., m, n]; got ${a.dtype} of shape ${formatShape(a.shape)}`);
  }
  const m = a.shape[a.ndim - 2] ?? 0;
  const n = a.shape[a.ndim - 1] ?? 0;
  if (full && m !== n && a.requiresGrad && isGradEnabled()) {
    throw new ValueError(`svd: the completed columns of fullMatrices have no gradient; pass { fullMatrices: false } to differentiate ${formatShape(a.shape)}`);
  }
  const x = a.to("float64");
  const tall = m >= n;
  const { U, S, V } = tall ? reduced(x) : reduced(transpose(x, -2, -1));
  const left = tall ? U : V;
  const right = tall ? V : U;
  const Uo = full && m > n ? complete(left) : left;
  const Vo = full && n > m ? complete(right) : right;
  return { U: Uo.to(a.dtype), S: S.to(a.dtype), Vh: transpose(Vo, -2, -1).to(a.dtype) };
}

/**
 * The singular values of A, descending (PyTorch's `torch.linalg.svdvals`).
 *
 * @example svdvals(weight) // the spectrum of a weight matrix
 */
export function svdvals(a: Tensor): Tensor {
  return svd(a, { fullMatrices: false }).S;
}

/** Reduced SVD of a tall x [..., m, n] (m >= n): U [m, n], S [n], V [n, n]. */
function reduced(x: Tensor): { U: Tensor; S: Tensor; V: Tensor } {
  const { eigenvalues, eigenvectors } = eigh(matmul(transpose(x, -2, -1), x));
  const S = sqrt(clamp(flip(eigenvalues, [-1]), 0));
  const V = flip(eigenvectors, [-1]);
  const top = S.narrow(-1, 0, 1);
  const rows = x.shape[x.ndim - 2] ?? 1;
  const tol = noGrad(() => top.mul(Math.max(rows, S.shape[S.ndim - 1] ?? 1) * 1e-15));
  const live = S.gt(tol);
  const safe = where(live, S, 1);
  const projected = div(matmul(x, V), unsqueeze(safe, -2));
  const U = where(unsqueeze(live, -2), projected, noGrad(() => orthonormalFill(projected.detach(), live)));
  return { U, S, V };
}

/** Columns of `u` where `live` is 0 replaced by unit vectors orthogonal to the others (Gram-Schmidt). */
function orthonormalFill(u: Tensor, live: Tensor): Tensor {
  const rows = u.shape[u.ndim - 2] ?? 0;
  const cols = u.shape[u.ndim - 1] ?? 0;
  const out = u.data.slice();
  for (let b = 0; b * rows * cols < u.numel; b++) {
    const base = b * rows * cols;
    let basis = 0;
    for (let j = 0; j < cols; j++) {
      if ((live.data[b * cols + j] as number) !== 0) continue;
      for (; basis < rows; basis++) {
        const v = new Float64Array(rows);
        v[basis] = 1;
        for (let k = 0; k < cols; k++) {
          if (k === j || ((live.data[b * cols + k] as number) === 0 && k > j)) continue;
          let dot = 0;
          for (let r = 0; r < rows; r++) dot += (out[base + r * cols + k] as number) * (v[r] as number);
          for (let r = 0; r < rows; r++) v[r] = (v[r] as number) - dot * (out[base + r * cols + k] as number);
        }
        const norm = Math.hypot(...v);
        if (norm < 1e-6) continue;
        for (let r = 0; r < rows; r++) out[base + r * cols + j] = (v[r] as number) / norm;
        basis++;
        break;
      }
    }
  }
  return new Tensor(out, u.shape);
}

/** A [..., m, k] with orthonormal columns, completed to [..., m, m] (no gradient). */
function complete(q: Tensor): Tensor {
  const m = q.shape[q.ndim - 2] ?? 0;
  const k = q.shape[q.ndim - 1] ?? 0;
  return noGrad(() => {
    const padded = cat([q, new Tensor(new Float64Array((q.numel / k) * (m - k)), [...q.shape.slice(0, -1), m - k])], -1);
    const live = new Tensor(Int32Array.from({ length: (q.numel / (m * k)) * m }, (_, i) => (i % m < k ? 1 : 0)), [...q.shape.slice(0, -2), m]);
    return orthonormalFill(padded, live);
  });
}

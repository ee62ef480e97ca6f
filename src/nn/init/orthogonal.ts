import { defaultGenerator } from "../../tensor/random";
import { checkKnownOptions } from "../../known-options";
import type { Tensor } from "../../tensor/tensor";
import { INIT_OPTIONS, type InitOptions } from "./basic";
import { requireFloatTensor, requireRank } from "./checks";
import { orthonormalColumnsT } from "./linalg";

/**
 * A (semi-)orthogonal matrix, as PyTorch's `nn.init.orthogonal_` (Saxe et al.):
 *
 *   A ~ N(0, 1)^{rows x cols},   A = Q R (QR with diag(R) > 0),   W = gain * Q
 *
 * so W^T W = gain^2 I when rows >= cols, and W W^T = gain^2 I otherwise (A^T is factored then).
 * Every singular value equals `gain`: repeated multiplication by W neither grows nor shrinks a
 * vector, the reason orthogonal W_hh helps vanilla RNNs. Tensors with more than two dims are
 * viewed as [shape[0], rest]. The QR is a Householder factorization on contiguous rows in float64
 * (a 256 x 1024 matrix takes a fraction of a second; see bench/).
 *
 * @example orthogonal_(rnn.weight_hh_l0)
 */
export function orthogonal_(t: Tensor, gain = 1, options: InitOptions = {}): Tensor {
  checkKnownOptions("orthogonal_", options, INIT_OPTIONS);
  requireFloatTensor("orthogonal_", t);
  requireRank("orthogonal_", t, 2);
  const rows = t.shape[0] ?? 0;
  const cols = rows === 0 ? 0 : t.numel / rows;
  if (t.numel === 0) return t;
  const gen = options.generator ?? defaultGenerator;
  const flat = new Float64Array(rows * cols);
  for (let i = 0; i < flat.length; i++) flat[i] = gen.normal();
  const out = t.data;
  if (rows < cols) {
    // factor A^T [cols, rows]; its transpose, given to the QR, is A itself [rows, cols]; W = Q^T
    const qt = orthonormalColumnsT(flat, rows, cols);
    for (let i = 0; i < qt.length; i++) out[i] = gain * (qt[i] as number);
    return t;
  }
  // factor A [rows, cols]; the QR takes A^T [cols, rows] and returns Q^T [cols, rows]
  const at = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) at[j * rows + i] = flat[i * cols + j] as number;
  const qt = orthonormalColumnsT(at, cols, rows);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = gain * (qt[j * rows + i] as number);
  return t;
}

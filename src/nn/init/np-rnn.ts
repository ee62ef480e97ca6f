import { ShapeError } from "../../errors";
import { checkKnownOptions } from "../../known-options";
import { defaultGenerator } from "../../tensor/random";
import { formatShape } from "../../tensor/shape";
import type { Tensor } from "../../tensor/tensor";
import { INIT_OPTIONS, type InitOptions } from "./basic";
import { requireFloatTensor } from "./checks";
import { symmetricEigenvalues } from "./linalg";

/**
 * The np-RNN initialization of Talathi and Vartak (Deep Learning for Engineers, lecture 11) for a
 * ReLU RNN's W_hh [H, H]:
 * a normalized positive definite matrix whose largest eigenvalue is 1 and all others are below 1,
 *
 *   A ~ N(0, 1)^{H x H},   R = (1/H) A^T A,   W_hh = (R + I) / lambda_max(R + I)
 *
 * R is symmetric positive semi-definite, so R + I is symmetric with eigenvalues >= 1; dividing by
 * the largest puts the spectrum in [1 / lambda_max, 1], one eigenvalue exactly 1 (the paper pairs it
 * with ReLU units and W_ih ~ N(0, 1/H)). lambda_max is computed exactly in float64 by a Householder
 * tridiagonalization and Sturm bisection (about 2 H^3 flops), not estimated by power iteration.
 *
 * @example npRnn_(rnn.weight_hh_l0)
 */
export function npRnn_(t: Tensor, options: InitOptions = {}): Tensor {
  checkKnownOptions("npRnn_", options, INIT_OPTIONS);
  requireFloatTensor("npRnn_", t);
  const H = t.shape[0] ?? 0;
  if (t.ndim !== 2 || t.shape[1] !== H) {
    throw new ShapeError(`npRnn_: tensor must be a square matrix [H, H]; got ${formatShape(t.shape)}`);
  }
  if (H === 0) return t;
  const gen = options.generator ?? defaultGenerator;
  const a = new Float64Array(H * H);
  for (let i = 0; i < a.length; i++) a[i] = gen.normal();
  // R + I, with R = A^T A / H: (A^T A)_ij = sum_k A_ki A_kj, accumulated row by row of A
  const r = new Float64Array(H * H);
  for (let k = 0; k < H; k++) {
    const rowK = k * H;
    for (let i = 0; i < H; i++) {
      const aki = a[rowK + i] as number;
      if (aki === 0) continue;
      const rowI = i * H;
      for (let j = i; j < H; j++) r[rowI + j] = (r[rowI + j] as number) + aki * (a[rowK + j] as number);
    }
  }
  for (let i = 0; i < H; i++) {
    for (let j = i; j < H; j++) {
      const v = (r[i * H + j] as number) / H + (i === j ? 1 : 0);
      r[i * H + j] = v;
      r[j * H + i] = v;
    }
  }
  const eig = symmetricEigenvalues(r, H);
  const top = eig[H - 1] as number;
  const out = t.data;
  for (let i = 0; i < r.length; i++) out[i] = (r[i] as number) / top;
  return t;
}

import type { TypedArray } from "../../tensor/dtype";
import type { Backend } from "../backend";

/**
 * Register-tiled GEMM in plain JS: C = alpha * op(A) op(B) + beta * C (row-major).
 *
 * op(A) is packed into panels of 4 rows and op(B) into panels of 4 columns, both laid out along k,
 * so the 4x4 micro-kernel reads two sequential streams and keeps 16 accumulators in registers.
 * Panels are zero-padded at the edges; only the valid part of each tile is written.
 */
export const gemmJs: Backend["gemm"] = (transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc) => {
  if (m === 0 || n === 0) return;
  if (k === 0 || alpha === 0) {
    scaleC(m, n, beta, c, cOff, ldc);
    return;
  }
  const wide = a instanceof Float64Array || b instanceof Float64Array || c instanceof Float64Array;
  const mBlocks = Math.ceil(m / 4);
  const nBlocks = Math.ceil(n / 4);
  const ap = packA(transA, m, k, a, aOff, lda, mBlocks, wide);
  const bp = packB(transB, n, k, b, bOff, ldb, nBlocks, wide);
  for (let jb = 0; jb < nBlocks; jb++) {
    const bo = jb * 4 * k;
    const j0 = jb * 4;
    const nr = Math.min(4, n - j0);
    for (let ib = 0; ib < mBlocks; ib++) {
      const ao = ib * 4 * k;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let p = 0; p < k; p++) {
        const pa = ao + 4 * p;
        const pb = bo + 4 * p;
        const a0 = ap[pa] as number;
        const a1 = ap[pa + 1] as number;
        const a2 = ap[pa + 2] as number;
        const a3 = ap[pa + 3] as number;
        const b0 = bp[pb] as number;
        const b1 = bp[pb + 1] as number;
        const b2 = bp[pb + 2] as number;
        const b3 = bp[pb + 3] as number;
        c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
        c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
        c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
        c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
      }
      const i0 = ib * 4;
      const mr = Math.min(4, m - i0);
      const tile = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33];
      for (let r = 0; r < mr; r++) {
        const row = cOff + (i0 + r) * ldc + j0;
        for (let s = 0; s < nr; s++) {
          const v = alpha * (tile[r * 4 + s] as number);
          c[row + s] = beta === 0 ? v : v + beta * (c[row + s] as number);
        }
      }
    }
  }
};

/** op(A) [m, k] as panels of 4 rows: panel i holds A[4i..4i+3, p] at 4p..4p+3. */
function packA(trans: boolean, m: number, k: number, a: TypedArray, off: number, ld: number, blocks: number, wide: boolean): Float32Array | Float64Array {
  const out = wide ? new Float64Array(blocks * 4 * k) : new Float32Array(blocks * 4 * k);
  const rs = trans ? 1 : ld;
  const cs = trans ? ld : 1;
  for (let i = 0; i < m; i++) {
    const base = ((i >> 2) * k) * 4 + (i & 3);
    const src = off + i * rs;
    for (let p = 0; p < k; p++) out[base + 4 * p] = a[src + p * cs] as number;
  }
  return out;
}

/** op(B) [k, n] as panels of 4 columns: panel j holds B[p, 4j..4j+3] at 4p..4p+3. */
function packB(trans: boolean, n: number, k: number, b: TypedArray, off: number, ld: number, blocks: number, wide: boolean): Float32Array | Float64Array {
  const out = wide ? new Float64Array(blocks * 4 * k) : new Float32Array(blocks * 4 * k);
  const rs = trans ? 1 : ld;
  const cs = trans ? ld : 1;
  for (let p = 0; p < k; p++) {
    const src = off + p * rs;
    for (let j = 0; j < n; j++) out[((j >> 2) * k + p) * 4 + (j & 3)] = b[src + j * cs] as number;
  }
  return out;
}

function scaleC(m: number, n: number, beta: number, c: TypedArray, off: number, ld: number): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const at = off + i * ld + j;
      c[at] = beta === 0 ? 0 : beta * (c[at] as number);
    }
  }
}

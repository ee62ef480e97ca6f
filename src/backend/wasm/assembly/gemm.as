// Single-precision GEMM on linear memory, blocked for the caches (the Goto/BLIS loop order):
//
// C = alpha * op(A) op(B) + beta * C, row-major, op(X) = X or X^T.
//
// for jc (NC columns of C) / for pc (KC steps of k: op(B) block packed, L2/L3) /
//   for ic (MC rows: op(A) block packed, L2) / for jr (NR-column panel of B, L1) /
//     for ir (5- or 4-row panel of A, see panelsOf5): micro-kernel on a 5x8 or 4x8 tile.
// alpha is folded into the packed A. beta: 0 lets the first k block overwrite C, else C is scaled
// by beta first (unless beta is 1) and every block adds its product.

import { MR, MR5, NR, kernel4x8, kernel5x8, panelsOf5 } from "./kernel";
import { packA, packB } from "./pack";

/** Steps of k per packed block. */
export const KC: i32 = 256;
/** Rows of op(A) per packed block (128 = 24 x 5 + 2 x 4 rows: whole panels). */
export const MC: i32 = 128;
/** Columns of op(B) per packed block (a multiple of NR). */
export const NC: i32 = 2048;

/** First free byte after the module's static data: the caller's arena starts here. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}

/** Bytes of scratch `sgemm` needs at `work` for a product with `n` columns. */
export function workspaceBytes(n: i32): usize {
  const nc = min(n, NC);
  const ncPad = (nc + NR - 1) / NR * NR;
  return <usize>(MC * KC + KC * ncPad + MR5 * NR) * 4;
}

/** `bMode` of sgemm: op(B) is B, B^T, or prepacked by `packBPanels` (b points at the panels). */
export const B_PLAIN: i32 = 0;
export const B_TRANSPOSED: i32 = 1;
export const B_PACKED: i32 = 2;

/**
 * C = alpha * op(A) op(B) + beta * C on f32 arrays in this module's memory. op(A) is [m, k],
 * op(B) is [k, n], C is [m, n]; lda/ldb/ldc are row strides (elements) of the stored matrices.
 * `bMode` B_PACKED: `b` holds op(B) as made by `packBPanels` for this k (ldb unused), so no
 * block of B is packed here. `work` points to `workspaceBytes(n)` bytes of scratch, 16-byte
 * aligned. Requires m, n, k > 0.
 */
export function sgemm(
  transA: bool, bMode: i32, m: i32, n: i32, k: i32, alpha: f32,
  a: usize, lda: i32, b: usize, ldb: i32, beta: f32, c: usize, ldc: i32, work: usize,
): void {
  const prepacked = bMode == B_PACKED;
  const ap = work;
  const bp = ap + <usize>(MC * KC) * 4;
  const nc0 = min(n, NC);
  const tile = bp + <usize>(KC * ((nc0 + NR - 1) / NR * NR)) * 4;
  const ldcBytes = <usize>ldc * 4;
  if (beta != 0 && beta != 1) scaleRows(c, ldc, m, n, beta);
  for (let jc = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      const accumulate = pc > 0 || beta != 0;
      if (!prepacked) packB(bMode == B_TRANSPOSED, b, ldb, pc, jc, kc, nc, bp);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = min(MC, m - ic);
        packA(transA, a, lda, ic, pc, mc, kc, alpha, ap);
        const rows5 = panelsOf5(mc) * MR5;
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = min(NR, nc - jr);
          // a packed block holds its panels kc * NR apart; prepacked panels hold all k steps
          const bPanel = prepacked ? b + (<usize>(jc + jr) * <usize>k + <usize>(pc * NR)) * 4 : bp + <usize>(jr * kc) * 4;
          for (let ir = 0; ir < mc; ) {
            const height = ir < rows5 ? MR5 : MR;
            const mr = min(height, mc - ir);
            const aPanel = ap + <usize>(ir * kc) * 4;
            const cTile = c + (<usize>(ic + ir) * <usize>ldc + <usize>(jc + jr)) * 4;
            if (mr == height && nr == NR) {
              if (height == MR5) kernel5x8(kc, aPanel, bPanel, cTile, ldcBytes, accumulate);
              else kernel4x8(kc, aPanel, bPanel, cTile, ldcBytes, accumulate);
            } else {
              if (height == MR5) kernel5x8(kc, aPanel, bPanel, tile, <usize>NR * 4, false);
              else kernel4x8(kc, aPanel, bPanel, tile, <usize>NR * 4, false);
              mergeTile(tile, cTile, ldcBytes, mr, nr, accumulate);
            }
            ir += height;
          }
        }
      }
    }
  }
}

/**
 * Packs all of op(B) ([k, n]; B^T when `trans`) into panels of NR columns for sgemm's B_PACKED
 * mode: panel q (columns q*NR..q*NR+NR-1, zero-padded past n) holds NR floats per step p, at
 * out + 4 * (q * NR * k + p * NR + s). `out` needs 4 * k * (n rounded up to NR) bytes.
 */
export function packBPanels(trans: bool, b: usize, ldb: i32, k: i32, n: i32, out: usize): void {
  for (let j = 0; j < n; j += NR) {
    packB(trans, b, ldb, 0, j, k, min(NR, n - j), out + <usize>j * <usize>k * 4);
  }
}

/** Writes the valid mr x nr corner of a tile (rows NR floats apart) into C: C = T (+ C). */
export function mergeTile(t: usize, c: usize, ldc: usize, mr: i32, nr: i32, accumulate: bool): void {
  for (let r = 0; r < mr; r++) {
    const src = t + <usize>(r * NR) * 4;
    const dst = c + <usize>r * ldc;
    for (let s = 0; s < nr; s++) {
      const at = dst + <usize>s * 4;
      const v = load<f32>(src + <usize>s * 4);
      store<f32>(at, accumulate ? v + load<f32>(at) : v);
    }
  }
}

/** C[0:m, 0:n] *= beta (row stride ldc elements). */
function scaleRows(c: usize, ldc: i32, m: i32, n: i32, beta: f32): void {
  const bv = f32x4.splat(beta);
  for (let i = 0; i < m; i++) {
    const row = c + <usize>i * <usize>ldc * 4;
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      const at = row + <usize>j * 4;
      v128.store(at, f32x4.mul(bv, v128.load(at)));
    }
    for (; j < n; j++) {
      const at = row + <usize>j * 4;
      store<f32>(at, beta * load<f32>(at));
    }
  }
}

// Packing of op(A) and op(B) blocks into the panel layouts the micro-kernel streams.
//
// op(A)[i, p] is A[i, p] (or A[p, i] when transposed), stored row-major at `a` with row stride
// `lda` elements; the same for B. Panels are zero-padded at the edges so the kernel always runs
// full tiles; only the valid part of an edge tile is written back to C.

import { MR, NR } from "./kernel";

/**
 * Packs op(A)[i0:i0+mc, p0:p0+kc] * alpha into panels of MR rows: panel q holds rows
 * q*MR..q*MR+MR-1, MR floats per step p, at out + 4*(q*MR*kc + p*MR + r).
 */
export function packA(trans: bool, a: usize, lda: i32, i0: i32, p0: i32, mc: i32, kc: i32, alpha: f32, out: usize): void {
  const panels = (mc + MR - 1) / MR;
  for (let q = 0; q < panels; q++) {
    const dst = out + <usize>(q * MR * kc) * 4;
    const rows = min(MR, mc - q * MR);
    if (rows < MR) memory.fill(dst, 0, <usize>(MR * kc) * 4);
    const row0 = i0 + q * MR;
    if (!trans) {
      for (let r = 0; r < rows; r++) {
        const src = a + (<usize>(row0 + r) * <usize>lda + <usize>p0) * 4;
        const d = dst + <usize>r * 4;
        for (let p = 0; p < kc; p++) {
          store<f32>(d + <usize>(p * MR) * 4, alpha * load<f32>(src + <usize>p * 4));
        }
      }
    } else {
      for (let p = 0; p < kc; p++) {
        const src = a + (<usize>(p0 + p) * <usize>lda + <usize>row0) * 4;
        const d = dst + <usize>(p * MR) * 4;
        for (let r = 0; r < rows; r++) store<f32>(d + <usize>r * 4, alpha * load<f32>(src + <usize>r * 4));
      }
    }
  }
}

/**
 * Packs op(B)[p0:p0+kc, j0:j0+nc] into panels of NR columns: panel q holds columns
 * q*NR..q*NR+NR-1, NR floats per step p, at out + 4*(q*NR*kc + p*NR + s).
 */
export function packB(trans: bool, b: usize, ldb: i32, p0: i32, j0: i32, kc: i32, nc: i32, out: usize): void {
  const panels = (nc + NR - 1) / NR;
  for (let q = 0; q < panels; q++) {
    const dst = out + <usize>(q * NR * kc) * 4;
    const cols = min(NR, nc - q * NR);
    const col0 = j0 + q * NR;
    if (!trans && cols == NR) {
      for (let p = 0; p < kc; p++) {
        const src = b + (<usize>(p0 + p) * <usize>ldb + <usize>col0) * 4;
        const d = dst + <usize>(p * NR) * 4;
        v128.store(d, v128.load(src));
        v128.store(d, v128.load(src, 16), 16);
      }
      continue;
    }
    if (cols < NR) memory.fill(dst, 0, <usize>(NR * kc) * 4);
    if (!trans) {
      for (let p = 0; p < kc; p++) {
        const src = b + (<usize>(p0 + p) * <usize>ldb + <usize>col0) * 4;
        const d = dst + <usize>(p * NR) * 4;
        for (let s = 0; s < cols; s++) store<f32>(d + <usize>s * 4, load<f32>(src + <usize>s * 4));
      }
    } else {
      for (let s = 0; s < cols; s++) {
        const src = b + (<usize>(col0 + s) * <usize>ldb + <usize>p0) * 4;
        const d = dst + <usize>s * 4;
        for (let p = 0; p < kc; p++) store<f32>(d + <usize>(p * NR) * 4, load<f32>(src + <usize>p * 4));
      }
    }
  }
}

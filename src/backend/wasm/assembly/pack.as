// Packing of op(A) and op(B) blocks into the panel layouts the micro-kernel streams.
//
// op(A)[i, p] is A[i, p] (or A[p, i] when transposed), stored row-major at `a` with row stride
// `lda` elements; the same for B. Panels are zero-padded at the edges so the kernel always runs
// full tiles; only the valid part of an edge tile is written back to C.

import { MR, MR5, NR, panelsOf5 } from "./kernel";

/**
 * Packs op(A)[i0:i0+mc, p0:p0+kc] * alpha into panels of rows: first `panelsOf5(mc)` panels of
 * MR5 rows, then panels of MR rows (the last one zero-padded when mc runs out). A panel of h rows
 * starting at block row r holds h floats per step p, at out + 4*(r*kc + p*h + i).
 */
export function packA(trans: bool, a: usize, lda: i32, i0: i32, p0: i32, mc: i32, kc: i32, alpha: f32, out: usize): void {
  const rows5 = panelsOf5(mc) * MR5;
  for (let r = 0; r < mc; ) {
    const height = r < rows5 ? MR5 : MR;
    packPanelA(trans, a, lda, i0 + r, p0, min(height, mc - r), height, kc, alpha, out + <usize>(r * kc) * 4);
    r += height;
  }
}

/** One panel of packA: `rows` valid rows of op(A) from row0, `height` floats per step. */
function packPanelA(trans: bool, a: usize, lda: i32, row0: i32, p0: i32, rows: i32, height: i32, kc: i32, alpha: f32, dst: usize): void {
  const step = <usize>height * 4;
  if (rows < height) memory.fill(dst, 0, <usize>(height * kc) * 4);
  if (!trans && rows == height) {
    packRows(a, lda, row0, p0, kc, alpha, height == MR5, dst);
    return;
  }
  if (trans && rows == height) {
    // op(A) = A^T: the rows of a panel are adjacent elements of each row of A
    const av = f32x4.splat(alpha);
    for (let p = 0; p < kc; p++) {
      const src = a + (<usize>(p0 + p) * <usize>lda + <usize>row0) * 4;
      const d = dst + <usize>p * step;
      v128.store(d, f32x4.mul(v128.load(src), av));
      if (height == MR5) store<f32>(d, alpha * load<f32>(src, 16), 16);
    }
    return;
  }
  if (!trans) {
    for (let r = 0; r < rows; r++) {
      const src = a + (<usize>(row0 + r) * <usize>lda + <usize>p0) * 4;
      const d = dst + <usize>r * 4;
      for (let p = 0; p < kc; p++) {
        store<f32>(d + <usize>p * step, alpha * load<f32>(src + <usize>p * 4));
      }
    }
  } else {
    for (let p = 0; p < kc; p++) {
      const src = a + (<usize>(p0 + p) * <usize>lda + <usize>row0) * 4;
      const d = dst + <usize>p * step;
      for (let r = 0; r < rows; r++) store<f32>(d + <usize>r * 4, alpha * load<f32>(src + <usize>r * 4));
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
    if (trans && cols == NR) {
      packColumns8(b, ldb, col0, p0, kc, dst);
      continue;
    }
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

/**
 * A full panel of 4 (or 5, `five`) rows of A (row-major, not transposed) scaled by alpha: 4 x 4
 * blocks of the first four rows are loaded a row at a time and transposed in registers, so reads
 * and writes stay vectors; a fifth row is read as vectors and written a float per step.
 */
function packRows(a: usize, lda: i32, row0: i32, p0: i32, kc: i32, alpha: f32, five: bool, dst: usize): void {
  const ld = <usize>lda * 4;
  const height = five ? MR5 : MR;
  const step = <usize>height * 4;
  const s0 = a + (<usize>row0 * <usize>lda + <usize>p0) * 4;
  const s1 = s0 + ld;
  const s2 = s1 + ld;
  const s3 = s2 + ld;
  const s4 = s3 + ld;
  const av = f32x4.splat(alpha);
  let p = 0;
  for (; p + 4 <= kc; p += 4) {
    const at = <usize>p * 4;
    const d = dst + <usize>p * step;
    const r0 = f32x4.mul(v128.load(s0 + at), av);
    const r1 = f32x4.mul(v128.load(s1 + at), av);
    const r2 = f32x4.mul(v128.load(s2 + at), av);
    const r3 = f32x4.mul(v128.load(s3 + at), av);
    transpose4(r0, r1, r2, r3, d, step);
    if (five) {
      const r4 = f32x4.mul(v128.load(s4 + at), av);
      store<f32>(d, f32x4.extract_lane(r4, 0), 16);
      store<f32>(d + step, f32x4.extract_lane(r4, 1), 16);
      store<f32>(d + 2 * step, f32x4.extract_lane(r4, 2), 16);
      store<f32>(d + 3 * step, f32x4.extract_lane(r4, 3), 16);
    }
  }
  for (; p < kc; p++) {
    const at = <usize>p * 4;
    const d = dst + <usize>p * step;
    store<f32>(d, alpha * load<f32>(s0 + at));
    store<f32>(d, alpha * load<f32>(s1 + at), 4);
    store<f32>(d, alpha * load<f32>(s2 + at), 8);
    store<f32>(d, alpha * load<f32>(s3 + at), 12);
    if (five) store<f32>(d, alpha * load<f32>(s4 + at), 16);
  }
}

/**
 * A full panel of 8 columns of op(B) = B^T (B row-major [n, k]): columns of op(B) are rows of B,
 * read 4 steps at a time and transposed in registers, two 4 x 4 blocks per 4 steps.
 */
function packColumns8(b: usize, ldb: i32, col0: i32, p0: i32, kc: i32, dst: usize): void {
  const ld = <usize>ldb * 4;
  const s0 = b + (<usize>col0 * <usize>ldb + <usize>p0) * 4;
  let p = 0;
  for (; p + 4 <= kc; p += 4) {
    const at = <usize>p * 4;
    const d = dst + <usize>(p * NR) * 4;
    const r = s0 + at;
    transpose4(v128.load(r), v128.load(r + ld), v128.load(r + 2 * ld), v128.load(r + 3 * ld), d, <usize>NR * 4);
    const r4 = r + 4 * ld;
    transpose4(v128.load(r4), v128.load(r4 + ld), v128.load(r4 + 2 * ld), v128.load(r4 + 3 * ld), d + 16, <usize>NR * 4);
  }
  for (; p < kc; p++) {
    const at = <usize>p * 4;
    const d = dst + <usize>(p * NR) * 4;
    for (let s = 0; s < NR; s++) store<f32>(d + <usize>s * 4, load<f32>(s0 + <usize>s * ld + at));
  }
}

/** Writes the transpose of the 4 x 4 block with rows r0..r3 as 4 vectors, `stride` bytes apart. */
// @ts-ignore: decorator
@inline function transpose4(r0: v128, r1: v128, r2: v128, r3: v128, dst: usize, stride: usize): void {
  const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
  const t1 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
  const t2 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
  const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
  v128.store(dst, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
  v128.store(dst + stride, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7));
  v128.store(dst + 2 * stride, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5));
  v128.store(dst + 3 * stride, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7));
}

// Register-tiled f32x4 micro-kernel: a 4x8 tile of C held in eight v128 accumulators.
//
// C[0:4, 0:8] = sum_p Ap[p, 0:4]^T Bp[p, 0:8] + beta * C[0:4, 0:8]
//
// Ap is a packed panel of 4 rows of op(A) laid out along k (4 floats per step, alpha already
// applied); Bp is a packed panel of 8 columns of op(B) (8 floats per step). Each step loads two
// vectors of B, broadcasts one element of A per row (v128.load32_splat) and does 8 multiply-adds
// (fused where the module is built with relaxed SIMD, see madd).
// Eight accumulators, two B vectors, a broadcast and a product fit the 16 vector registers V8
// allocates on x64 without spilling (a 6x8 tile spills there and runs slower); 4 rows also
// divide the batch sizes of recurrent steps (8, 16, 32, 64) without a partial tile.

/** Rows of a micro-tile (MR). */
export const MR: i32 = 4;
/** Columns of a micro-tile (NR): two f32x4 vectors. */
export const NR: i32 = 8;

/**
 * Full 4x8 tile: C = Ap Bp + beta C, with `ldc` the row stride of C in bytes. beta == 0
 * overwrites C without reading it (so NaN in C does not leak, as in BLAS).
 */
export function kernel4x8(kc: i32, a: usize, b: usize, c: usize, ldc: usize, beta: f32): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    let av = v128.load32_splat(a);
    c00 = madd(av, b0, c00);
    c01 = madd(av, b1, c01);
    av = v128.load32_splat(a, 4);
    c10 = madd(av, b0, c10);
    c11 = madd(av, b1, c11);
    av = v128.load32_splat(a, 8);
    c20 = madd(av, b0, c20);
    c21 = madd(av, b1, c21);
    av = v128.load32_splat(a, 12);
    c30 = madd(av, b0, c30);
    c31 = madd(av, b1, c31);
    a += 16;
    b += 32;
  }
  if (beta == 0) {
    storeRow(c, c00, c01);
    storeRow(c + 1 * ldc, c10, c11);
    storeRow(c + 2 * ldc, c20, c21);
    storeRow(c + 3 * ldc, c30, c31);
  } else {
    const bv = f32x4.splat(beta);
    updateRow(c, c00, c01, bv);
    updateRow(c + 1 * ldc, c10, c11, bv);
    updateRow(c + 2 * ldc, c20, c21, bv);
    updateRow(c + 3 * ldc, c30, c31, bv);
  }
}

/**
 * a b + c. With relaxed SIMD (the module variant built with it) this is one fused multiply-add
 * where the hardware has one: twice the arithmetic per instruction and one rounding instead of
 * two. The base variant multiplies, then adds.
 */
// @ts-ignore: decorator
@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

// @ts-ignore: decorator
@inline function storeRow(r: usize, x0: v128, x1: v128): void {
  v128.store(r, x0);
  v128.store(r, x1, 16);
}

// @ts-ignore: decorator
@inline function updateRow(r: usize, x0: v128, x1: v128, bv: v128): void {
  v128.store(r, f32x4.add(x0, f32x4.mul(bv, v128.load(r))));
  v128.store(r, f32x4.add(x1, f32x4.mul(bv, v128.load(r, 16))), 16);
}

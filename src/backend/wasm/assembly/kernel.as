// Register-tiled f32x4 micro-kernels: a 5x8 tile of C held in ten v128 accumulators, and a 4x8
// tile (eight) for the rows a panel of five does not fit.
//
// C[0:R, 0:8] = sum_p Ap[p, 0:R]^T Bp[p, 0:8] (+ C[0:R, 0:8])      (R = 5 or 4)
//
// Ap is a packed panel of R rows of op(A) laid out along k (R floats per step, alpha already
// applied); Bp is a packed panel of 8 columns of op(B) (8 floats per step). Each step loads two
// vectors of B, broadcasts one element of A per row (v128.load32_splat) and does 2R multiply-adds
// (fused where the module is built with relaxed SIMD, see madd).
//
// Why five rows: a fused multiply-add has a latency of about 4 cycles and two issue per cycle, so
// a step must carry at least 8 independent accumulators to keep both units busy; with exactly 8
// (4x8) any stall of a load or a broadcast shows (the 4x8 kernel ran at 84% of a 12-chain FMA
// loop on an AMD EPYC, the 5x8 at 94%). V8 allocates 15 of the 16 vector registers on x64 (one
// is its scratch): 10 accumulators, two B vectors and a broadcast leave room for the multiply's
// temporary of the SIMD128-only build (a 6x8 tile fits with FMA but spills without it, and runs
// no faster with it). Unrolling k spills too (the loads of both steps are issued first).

/** Rows of the small micro-tile. */
export const MR: i32 = 4;
/** Rows of the large micro-tile. */
export const MR5: i32 = 5;
/** Columns of a micro-tile (NR): two f32x4 vectors. */
export const NR: i32 = 8;

/**
 * Full 5x8 tile: C = Ap Bp + C when `accumulate`, else C = Ap Bp (C is not read, so NaN in C does
 * not leak, as with beta = 0 in BLAS); `ldc` is the row stride of C in bytes. (A flag rather than
 * beta: a float parameter stays live in a vector register through the loop, and with one register
 * fewer V8 issues the loads of a step first and spills two accumulators.)
 */
export function kernel5x8(kc: i32, a: usize, b: usize, c: usize, ldc: usize, accumulate: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  let c40 = f32x4.splat(0), c41 = f32x4.splat(0);
  const aEnd = a + <usize>kc * 20;
  while (a < aEnd) {
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
    av = v128.load32_splat(a, 16);
    c40 = madd(av, b0, c40);
    c41 = madd(av, b1, c41);
    a += 20;
    b += 32;
  }
  if (accumulate) {
    addRow(c, c00, c01);
    addRow(c + 1 * ldc, c10, c11);
    addRow(c + 2 * ldc, c20, c21);
    addRow(c + 3 * ldc, c30, c31);
    addRow(c + 4 * ldc, c40, c41);
  } else {
    storeRow(c, c00, c01);
    storeRow(c + 1 * ldc, c10, c11);
    storeRow(c + 2 * ldc, c20, c21);
    storeRow(c + 3 * ldc, c30, c31);
    storeRow(c + 4 * ldc, c40, c41);
  }
}

/** Full 4x8 tile: as kernel5x8 on panels of 4 rows. */
export function kernel4x8(kc: i32, a: usize, b: usize, c: usize, ldc: usize, accumulate: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  const aEnd = a + <usize>kc * 16;
  while (a < aEnd) {
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
  if (accumulate) {
    addRow(c, c00, c01);
    addRow(c + 1 * ldc, c10, c11);
    addRow(c + 2 * ldc, c20, c21);
    addRow(c + 3 * ldc, c30, c31);
  } else {
    storeRow(c, c00, c01);
    storeRow(c + 1 * ldc, c10, c11);
    storeRow(c + 2 * ldc, c20, c21);
    storeRow(c + 3 * ldc, c30, c31);
  }
}

/**
 * Panels of five rows in a block of `mc` rows: the most such that the rest is a whole number of
 * 4-row panels (exact for every mc >= 12 and for 4, 5, 8, 9, 10: 32 = 4 x 5 + 3 x 4, 8 = 2 x 4),
 * else mc / 5 (the last 4-row panel is then partial). The block's 5-row panels come first.
 */
export function panelsOf5(mc: i32): i32 {
  for (let p = mc / MR5; p >= 0; p--) {
    if ((mc - p * MR5) % MR == 0) return p;
  }
  return mc / MR5;
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
@inline function addRow(r: usize, x0: v128, x1: v128): void {
  v128.store(r, f32x4.add(x0, v128.load(r)));
  v128.store(r, f32x4.add(x1, v128.load(r, 16)), 16);
}

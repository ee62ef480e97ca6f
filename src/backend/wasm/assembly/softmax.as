// Softmax cross-entropy rows on f32 scores in linear memory (the work of crossEntropy), with the
// gradient written while the row is in cache. Pointers are byte offsets; lengths element counts.
//
// Per row i of x [N, C], target t_i:
//   m = max_c x_c,  s = sum_c e^(x_c - m) (f32x4 exponentials, summed in f64x2),
//   lse = m + log s (f64),  loss_i = (1 - eps) (lse - x_t) + eps (lse - mean_c x_c)
//   grad_c = w (e^(x_c - m) / s - eps / C) - w (1 - eps) [c = t_i]

// The exponentials are computed here rather than with math.as's expv, which forms expm1(y) + 1:
// its absolute error of ~6e-8 is all of e^y below e^-16, and it adds up over a row of small
// probabilities (6e-7 on the log-sum-exp of [1, 1000] randn * 4 scores). Here
//   e^y = 2^n e^r,  n = round(y log2 e),  r = y - n ln 2 (|r| <= ln(2)/2),  e^r = 1 + r + r^2 P(r)
// (Cephes' expf polynomial), about 1 ulp relative to the result down to float32's smallest normal.

const LOG2E: f32 = 1.44269504088896341;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
/** e^y reaches float32's subnormals below this: such terms are taken as 0 (-Infinity scores too). */
const EXP_LO: f32 = -87.3365478515625;
/** 1.5 2^23: adding it rounds a float of magnitude below 2^22 to an integer, kept in the low bits. */
const ROUND: f32 = 12582912;

/**
 * loss[i] (f64) for the rows i < N of x [N, C] and the targets t [N] (i32; negative: the row is
 * ignored, loss 0 and a zero gradient row); unless grad is 0, the gradient rows [N, C] at grad
 * for the row weight w. eps is the label smoothing. NaN scores give NaN losses and gradients.
 */
export function crossEntropyRows(N: i32, C: i32, x: usize, t: usize, eps: f64, w: f64, loss: usize, grad: usize): void {
  const rowBytes = <usize>C * 4;
  for (let i = 0; i < N; i++) {
    const row = x + <usize>i * rowBytes;
    const g = grad == 0 ? 0 : grad + <usize>i * rowBytes;
    const ti = load<i32>(t + <usize>i * 4);
    if (ti < 0) {
      store<f64>(loss + <usize>i * 8, 0);
      if (g != 0) memory.fill(g, 0, rowBytes);
      continue;
    }
    const m = rowMax(row, C);
    const s = expSum(row, C, m, g);
    const lse = <f64>m + Math.log(s);
    const nll = lse - <f64>load<f32>(row + <usize>ti * 4);
    // -(1/C) sum_c log p_c = lse - mean_c x_c
    store<f64>(loss + <usize>i * 8, eps == 0 ? nll : (1 - eps) * nll + eps * (lse - rowSum(row, C) / <f64>C));
    if (g == 0) continue;
    // dL/dx_c = w (e^(x_c - m) / s - eps / C) - w (1 - eps) [c = t_i]; the target's term in f64
    const ws = w / s;
    const wo = (w * eps) / <f64>C;
    const et = <f64>load<f32>(g + <usize>ti * 4);
    scaleRow(g, C, <f32>ws, <f32>wo);
    store<f32>(g + <usize>ti * 4, <f32>(ws * et - wo - w * (1 - eps)));
  }
}

/** max_c x_c over the row, NaN scores skipped (as `v > m` does); -Infinity for a row of NaN. */
function rowMax(row: usize, C: i32): f32 {
  let mv = f32x4.splat(-Infinity);
  let c = 0;
  // pmax(a, b) = a < b ? b : a keeps a when b is NaN
  for (; c + 4 <= C; c += 4) mv = f32x4.pmax(mv, v128.load(row + <usize>c * 4));
  let m = f32x4.extract_lane(mv, 0);
  const m1 = f32x4.extract_lane(mv, 1);
  const m2 = f32x4.extract_lane(mv, 2);
  const m3 = f32x4.extract_lane(mv, 3);
  if (m1 > m) m = m1;
  if (m2 > m) m = m2;
  if (m3 > m) m = m3;
  for (; c < C; c++) {
    const v = load<f32>(row + <usize>c * 4);
    if (v > m) m = v;
  }
  return m;
}

/** a b + c: one fused multiply-add in the relaxed-SIMD variant of the module, else two roundings. */
// @ts-ignore: decorator
@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

/** e^(x_c - m) of four scores (exponents <= 0), 0 below e^-87.34; NaN stays NaN. */
// @ts-ignore: decorator
@inline function expShiftedv(v: v128, m: v128): v128 {
  const y = f32x4.sub(v, m);
  const below = f32x4.lt(y, f32x4.splat(EXP_LO));
  // pmax(y, lo) = y < lo ? lo : y keeps NaN; the bits of t - ROUND hold n = round(y log2 e)
  const x = f32x4.pmax(y, f32x4.splat(EXP_LO));
  const t = madd(x, f32x4.splat(LOG2E), f32x4.splat(ROUND));
  const n = f32x4.sub(t, f32x4.splat(ROUND));
  let r = madd(n, f32x4.splat(-LN2_HI), x);
  r = madd(n, f32x4.splat(-LN2_LO), r);
  let p = f32x4.splat(1.9875691500e-4);
  p = madd(p, r, f32x4.splat(1.3981999507e-3));
  p = madd(p, r, f32x4.splat(8.3334519073e-3));
  p = madd(p, r, f32x4.splat(4.1665795894e-2));
  p = madd(p, r, f32x4.splat(1.6666665459e-1));
  p = madd(p, r, f32x4.splat(5.0000001201e-1));
  const er = f32x4.add(madd(p, f32x4.mul(r, r), r), f32x4.splat(1));
  // 2^n in the exponent bits: n + 127 in [1, 127] for y in [-87.34, 0]
  const scale = i32x4.shl(i32x4.add(t, i32x4.splat(127)), 23);
  return v128.andnot(f32x4.mul(scale, er), below);
}

/**
 * sum_c e^(x_c - m) in f64, the terms also stored at out unless out is 0. An f32 sum would drop
 * the terms below half an ulp of the running total (1 + 1e-8 == 1): 3e-6 relative on [64, 1000].
 */
function expSum(row: usize, C: i32, m: f32, out: usize): f64 {
  const mv = f32x4.splat(m);
  let lo = f64x2.splat(0);
  let hi = f64x2.splat(0);
  let c = 0;
  if (out == 0) {
    for (; c + 4 <= C; c += 4) {
      const e = expShiftedv(v128.load(row + <usize>c * 4), mv);
      lo = f64x2.add(lo, f64x2.promote_low_f32x4(e));
      hi = f64x2.add(hi, f64x2.promote_low_f32x4(i32x4.shuffle(e, e, 2, 3, 0, 1)));
    }
  } else {
    for (; c + 4 <= C; c += 4) {
      const e = expShiftedv(v128.load(row + <usize>c * 4), mv);
      v128.store(out + <usize>c * 4, e);
      lo = f64x2.add(lo, f64x2.promote_low_f32x4(e));
      hi = f64x2.add(hi, f64x2.promote_low_f32x4(i32x4.shuffle(e, e, 2, 3, 0, 1)));
    }
  }
  const pair = f64x2.add(lo, hi);
  let total = f64x2.extract_lane(pair, 0) + f64x2.extract_lane(pair, 1);
  for (; c < C; c++) {
    const e = f32x4.extract_lane(expShiftedv(f32x4.splat(load<f32>(row + <usize>c * 4)), mv), 0);
    if (out != 0) store<f32>(out + <usize>c * 4, e);
    total += <f64>e;
  }
  return total;
}

/** sum_c x_c over the row, in f64. */
function rowSum(row: usize, C: i32): f64 {
  let pair = f64x2.splat(0);
  let c = 0;
  for (; c + 4 <= C; c += 4) {
    const v = v128.load(row + <usize>c * 4);
    pair = f64x2.add(pair, f64x2.add(f64x2.promote_low_f32x4(v), f64x2.promote_low_f32x4(i32x4.shuffle(v, v, 2, 3, 0, 1))));
  }
  let total = f64x2.extract_lane(pair, 0) + f64x2.extract_lane(pair, 1);
  for (; c < C; c++) total += <f64>load<f32>(row + <usize>c * 4);
  return total;
}

/** g_c = ws e_c - wo over the row of exponentials e at g. */
function scaleRow(g: usize, C: i32, ws: f32, wo: f32): void {
  const sv = f32x4.splat(ws);
  const ov = f32x4.splat(wo);
  let c = 0;
  for (; c + 4 <= C; c += 4) {
    const at = g + <usize>c * 4;
    v128.store(at, f32x4.sub(f32x4.mul(sv, v128.load(at)), ov));
  }
  for (; c < C; c++) {
    const at = g + <usize>c * 4;
    store<f32>(at, ws * load<f32>(at) - wo);
  }
}

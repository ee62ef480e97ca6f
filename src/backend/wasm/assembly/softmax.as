// Softmax cross-entropy rows on f32 scores in linear memory (the work of crossEntropy), with the
// gradient written while the row is in cache. Pointers are byte offsets; lengths element counts.
//
// Per row i of x [N, C], target t_i:
//   m = max_c x_c,  s = sum_c e^(x_c - m) (f32x4 exponentials, summed in f64x2),
//   lse = m + log s (f64),  loss_i = (1 - eps) (lse - x_t) + eps (lse - mean_c x_c)
//   grad_c = w (e^(x_c - m) / s - eps / C) - w (1 - eps) [c = t_i]

// The exponentials are math.as's expv (2^n e^r, about 1 ulp relative to the result down to
// float32's smallest normal), so the small probabilities of a long row keep their accuracy.

import { expv } from "./math";

/** e^y reaches float32's subnormals below this: such terms are taken as 0 (-Infinity scores too). */
const EXP_LO: f32 = -87.3365478515625;

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

/** e^(x_c - m) of four scores (exponents <= 0), 0 below e^-87.34; NaN stays NaN. */
// @ts-ignore: decorator
@inline function expShiftedv(v: v128, m: v128): v128 {
  const y = f32x4.sub(v, m);
  return v128.andnot(expv(y), f32x4.lt(y, f32x4.splat(EXP_LO)));
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

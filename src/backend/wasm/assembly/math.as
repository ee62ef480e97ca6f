// Vectorized f32x4 exp, sigmoid and tanh (Cephes-style polynomials, about 2 ulp in float32).
//
// exp(x) = 2^n exp(r), n = round(x / ln 2), r = x - n ln 2 (in two parts for accuracy),
//   exp(r) ~ 1 + r + r^2 P(r) on |r| <= ln(2)/2, and 2^n built in the exponent bits.
//   The rounding is the float adder's own: t = x log2(e) + 1.5 2^23 holds n in its low mantissa
//   bits (floats in [2^23, 2^24) are the integers), so n = t - 1.5 2^23 and the bits of 2^n are
//   (bits(t) + 127) << 23 (the constant's bits shift out); no round or convert instruction.
// sigmoid(x) = 1 / (1 + exp(-x)).
// tanh(x) = sign(x) m / (m + 2) with m = expm1(2|x|) = exp(2|x|) - 1.

const LOG2E: f32 = 1.44269504088896341;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
/** exp overflows float32 above 88.72 and reaches subnormals below -87.33: inputs are clamped. */
const EXP_HI: f32 = 88.3762626647949;
const EXP_LO: f32 = -87.3365478515625;
/** 1.5 2^23: adding it rounds a float of magnitude below 2^22 to an integer, kept in the low bits. */
const ROUND: f32 = 12582912;

/**
 * a b + c: one fused multiply-add in the module variant built with relaxed SIMD (where the CPU
 * has FMA: one rounding instead of two), else a multiply and an add.
 */
// @ts-ignore: decorator
@inline function fma(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

/**
 * 2^n (expm1(r) + 1) - minus for four floats: exp(x) for minus = 0, expm1(x) = exp(x) - 1 for
 * minus = 1 (a constant, folded where this is inlined). Both keep their relative accuracy: the
 * last step adds 2^n expm1(r), |expm1(r)| < 0.42, to 2^n - minus, so nothing cancels (and near
 * x = 0, n = 0 and expm1(r) = r + r^2 P(r) is exact to rounding).
 */
// @ts-ignore: decorator
@inline function expParts(x: v128, minus: f32): v128 {
  // pmax/pmin (x < lo ? lo : x) are single instructions and keep NaN
  x = f32x4.pmin(f32x4.pmax(x, f32x4.splat(EXP_LO)), f32x4.splat(EXP_HI));
  const t = fma(x, f32x4.splat(LOG2E), f32x4.splat(ROUND));
  const n = f32x4.sub(t, f32x4.splat(ROUND));
  let r = fma(n, f32x4.splat(-LN2_HI), x);
  r = fma(n, f32x4.splat(-LN2_LO), r);
  let p = f32x4.splat(1.9875691500e-4);
  p = fma(p, r, f32x4.splat(1.3981999507e-3));
  p = fma(p, r, f32x4.splat(8.3334519073e-3));
  p = fma(p, r, f32x4.splat(4.1665795894e-2));
  p = fma(p, r, f32x4.splat(1.6666665459e-1));
  p = fma(p, r, f32x4.splat(5.0000001201e-1));
  const em1r = fma(p, f32x4.mul(r, r), r);
  const scale = i32x4.shl(i32x4.add(t, i32x4.splat(127)), 23);
  return fma(scale, em1r, minus == 0 ? scale : f32x4.sub(scale, f32x4.splat(minus)));
}

/** exp(x) - 1 of four floats, accurate relative to the result also near x = 0. */
// @ts-ignore: decorator
@inline export function expm1v(x: v128): v128 {
  return expParts(x, 1);
}

/** exp of four floats, accurate relative to the result down to the smallest normal float. */
// @ts-ignore: decorator
@inline export function expv(x: v128): v128 {
  return expParts(x, 0);
}

/** 1 / (1 + exp(-x)) of four floats. */
// @ts-ignore: decorator
@inline export function sigmoidv(x: v128): v128 {
  const one = f32x4.splat(1);
  return f32x4.div(one, f32x4.add(one, expv(f32x4.neg(x))));
}

/** tanh of four floats: sign(x) m / (m + 2), m = exp(2|x|) - 1 (no cancellation near 0). */
// @ts-ignore: decorator
@inline export function tanhv(x: v128): v128 {
  const ax = f32x4.abs(x);
  const m = expm1v(f32x4.add(ax, ax));
  const big = f32x4.div(m, f32x4.add(m, f32x4.splat(2)));
  return v128.or(big, v128.and(x, i32x4.splat(0x80000000)));
}

/** Scalar versions through lane 0, so tails of arrays get bit-identical results. */
export function expf(x: f32): f32 {
  return f32x4.extract_lane(expv(f32x4.splat(x)), 0);
}

export function sigmoidf(x: f32): f32 {
  return f32x4.extract_lane(sigmoidv(f32x4.splat(x)), 0);
}

export function tanhf(x: f32): f32 {
  return f32x4.extract_lane(tanhv(f32x4.splat(x)), 0);
}

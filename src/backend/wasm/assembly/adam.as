// The Adam update of one float32 parameter array (no weight decay, amsgrad or maximize), in
// f64 arithmetic two lanes at a time, the very operations and order of the plain-JS loop
// (JavaScript numbers are f64; each store rounds to f32), so the results are bit-identical:
//   m = beta1 m + (1 - beta1) g,  v = beta2 v + ((1 - beta2) g) g,
//   p = p - (stepSize m) / (sqrt(v) invBc2Sqrt + eps)     (m, v read back as stored, in f32)
// Pointers are byte offsets of f32 arrays of n elements.

/** Two f32 at `at` as f64x2. */
@inline function load2(at: usize): v128 {
  return f64x2.promote_low_f32x4(v128.load64_zero(at));
}

/** Stores the two lanes of an f64x2 as f32 at `at`; returns them rounded to f32, as f64x2. */
@inline function store2(at: usize, x: v128): v128 {
  const f = f32x4.demote_f64x2_zero(x);
  v128.store64_lane(at, f, 0);
  return f64x2.promote_low_f32x4(f);
}

/** The update above on elements [0, n) of p, g, m, v. */
export function adamStep(
  n: i32, p: usize, g: usize, m: usize, v: usize,
  beta1: f64, beta2: f64, stepSize: f64, invBc2Sqrt: f64, eps: f64,
): void {
  const b1 = f64x2.splat(beta1);
  const b2 = f64x2.splat(beta2);
  const a1 = f64x2.splat(1 - beta1);
  const a2 = f64x2.splat(1 - beta2);
  const step = f64x2.splat(stepSize);
  const inv = f64x2.splat(invBc2Sqrt);
  const e = f64x2.splat(eps);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const at = <usize>i * 4;
    const gi = load2(g + at);
    const mi = store2(m + at, f64x2.add(f64x2.mul(b1, load2(m + at)), f64x2.mul(a1, gi)));
    const vi = store2(v + at, f64x2.add(f64x2.mul(b2, load2(v + at)), f64x2.mul(f64x2.mul(a2, gi), gi)));
    const denom = f64x2.add(f64x2.mul(f64x2.sqrt(vi), inv), e);
    store2(p + at, f64x2.sub(load2(p + at), f64x2.div(f64x2.mul(step, mi), denom)));
  }
  for (; i < n; i++) {
    const at = <usize>i * 4;
    const gi = <f64>load<f32>(g + at);
    const mi = <f32>(beta1 * <f64>load<f32>(m + at) + (1 - beta1) * gi);
    store<f32>(m + at, mi);
    const vi = <f32>(beta2 * <f64>load<f32>(v + at) + (1 - beta2) * gi * gi);
    store<f32>(v + at, vi);
    store<f32>(p + at, <f32>(<f64>load<f32>(p + at) - (stepSize * <f64>mi) / (Math.sqrt(<f64>vi) * invBc2Sqrt + eps)));
  }
}

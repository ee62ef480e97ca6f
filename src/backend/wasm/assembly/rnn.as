// The pointwise Elman (plain RNN) cell and its backward on f32 arrays in linear memory, every row
// live (the callers handle masks). A step's [B, H] blocks have contiguous rows, so both run over
// the n = B H values as one array. Pointers are byte offsets; lengths are element counts.

import { tanhf, tanhv } from "./math";

/**
 * h[i] = tanh(a[i]) (relu false) or max(a[i], 0) (relu true) for i < n; a and h may alias.
 * ReLU keeps NaN (as PyTorch does): the mask is a > 0 or a != a.
 */
export function rnnCell(relu: bool, n: i32, a: usize, h: usize): void {
  let i = 0;
  if (relu) {
    const zero = f32x4.splat(0);
    for (; i + 4 <= n; i += 4) {
      const at = <usize>i * 4;
      const v = v128.load(a + at);
      v128.store(h + at, v128.and(v, v128.or(f32x4.gt(v, zero), f32x4.ne(v, v))));
    }
    for (; i < n; i++) {
      const v = load<f32>(a + <usize>i * 4);
      store<f32>(h + <usize>i * 4, v > 0 || v != v ? v : 0);
    }
    return;
  }
  for (; i + 4 <= n; i += 4) v128.store(h + <usize>i * 4, tanhv(v128.load(a + <usize>i * 4)));
  for (; i < n; i++) store<f32>(h + <usize>i * 4, tanhf(load<f32>(a + <usize>i * 4)));
}

/**
 * Backward of rnnCell from its outputs h and dh = dL/dh, for i < n:
 *   dG = dh (1 - h^2) (tanh),  dG = dh [h > 0] (relu: h > 0 exactly where a > 0)
 * dG may alias dh.
 */
export function rnnCellBackward(relu: bool, n: i32, h: usize, dh: usize, dG: usize): void {
  let i = 0;
  if (relu) {
    const zero = f32x4.splat(0);
    for (; i + 4 <= n; i += 4) {
      const at = <usize>i * 4;
      v128.store(dG + at, v128.and(v128.load(dh + at), f32x4.gt(v128.load(h + at), zero)));
    }
    for (; i < n; i++) {
      const at = <usize>i * 4;
      store<f32>(dG + at, load<f32>(h + at) > 0 ? load<f32>(dh + at) : 0);
    }
    return;
  }
  const one = f32x4.splat(1);
  for (; i + 4 <= n; i += 4) {
    const at = <usize>i * 4;
    const v = v128.load(h + at);
    v128.store(dG + at, f32x4.mul(v128.load(dh + at), f32x4.sub(one, f32x4.mul(v, v))));
  }
  for (; i < n; i++) {
    const at = <usize>i * 4;
    const v = load<f32>(h + at);
    store<f32>(dG + at, load<f32>(dh + at) * (1 - v * v));
  }
}

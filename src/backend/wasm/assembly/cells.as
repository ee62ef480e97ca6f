// Elementwise kernels on f32 arrays in linear memory: sigmoid and tanh of a range, and the
// pointwise parts of the fused LSTM and GRU cells (every row live; the callers handle masks; their
// backwards are in cells-backward.as).
// Pointers are byte offsets; lengths and sizes are element counts.

import { sigmoidf, sigmoidv, tanhf, tanhv } from "./math";

/** out[i] = sigmoid(x[i]) for i < n (x and out may alias). */
export function sigmoidArray(n: i32, x: usize, out: usize): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(out + <usize>i * 4, sigmoidv(v128.load(x + <usize>i * 4)));
  for (; i < n; i++) store<f32>(out + <usize>i * 4, sigmoidf(load<f32>(x + <usize>i * 4)));
}

/** out[i] = tanh(x[i]) for i < n (x and out may alias). */
export function tanhArray(n: i32, x: usize, out: usize): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(out + <usize>i * 4, tanhv(v128.load(x + <usize>i * 4)));
  for (; i < n; i++) store<f32>(out + <usize>i * 4, tanhf(load<f32>(x + <usize>i * 4)));
}

/**
 * LSTM cell, B rows of H units. acts [B, 4H] holds the pre-activations (i|f|g|o) and receives
 * the activations; cPrev, c, h, tanhC are [B, H].
 *   i = s(a_i), f = s(a_f), g = tanh(a_g), o = s(a_o),  c = f c_prev + i g,  h = o tanh(c)
 */
export function lstmCell(B: i32, H: i32, acts: usize, cPrev: usize, c: usize, h: usize, tanhC: usize): void {
  lstmCellUnits(B, H, 0, H, acts, cPrev, c, h, tanhC);
}

/**
 * lstmCell on the units [lo, hi) of every row only (the share of one thread in a recurrence split
 * over the hidden units). With lo a multiple of 4, each unit takes the same path (four lanes or
 * the scalar tail) as in the whole cell, so the results are the same bits.
 */
export function lstmCellUnits(B: i32, H: i32, lo: i32, hi: i32, acts: usize, cPrev: usize, c: usize, h: usize, tanhC: usize): void {
  const rowBytes = <usize>H * 4;
  const first = <usize>lo * 4;
  const count = hi - lo;
  for (let b = 0; b < B; b++) {
    const a = acts + <usize>b * 4 * rowBytes;
    sigmoidArray(count, a + first, a + first);
    sigmoidArray(count, a + rowBytes + first, a + rowBytes + first);
    tanhArray(count, a + 2 * rowBytes + first, a + 2 * rowBytes + first);
    sigmoidArray(count, a + 3 * rowBytes + first, a + 3 * rowBytes + first);
    const off = <usize>b * rowBytes;
    let j = lo;
    for (; j + 4 <= hi; j += 4) {
      const at = <usize>j * 4;
      const iv = v128.load(a + at);
      const fv = v128.load(a + rowBytes + at);
      const gv = v128.load(a + 2 * rowBytes + at);
      const ov = v128.load(a + 3 * rowBytes + at);
      const cv = f32x4.add(f32x4.mul(fv, v128.load(cPrev + off + at)), f32x4.mul(iv, gv));
      const tc = tanhv(cv);
      v128.store(c + off + at, cv);
      v128.store(tanhC + off + at, tc);
      v128.store(h + off + at, f32x4.mul(ov, tc));
    }
    for (; j < hi; j++) {
      const at = <usize>j * 4;
      const cv = load<f32>(a + rowBytes + at) * load<f32>(cPrev + off + at) + load<f32>(a + at) * load<f32>(a + 2 * rowBytes + at);
      const tc = tanhf(cv);
      store<f32>(c + off + at, cv);
      store<f32>(tanhC + off + at, tc);
      store<f32>(h + off + at, load<f32>(a + 3 * rowBytes + at) * tc);
    }
  }
}

/**
 * GRU cell (PyTorch's convention), B rows of H units. acts [B, 3H] holds x W_ih^T + b_ih (r|z|n)
 * and receives r, z, n; hw [B, 3H] holds h_prev W_hh^T + b_hh; hPrev, h, hn are [B, H].
 *   r = s(x_r + hw_r), z = s(x_z + hw_z), n = tanh(x_n + r hw_n), h = (1 - z) n + z h_prev, hn = hw_n
 */
export function gruCell(B: i32, H: i32, acts: usize, hw: usize, hPrev: usize, h: usize, hn: usize): void {
  gruCellUnits(B, H, 0, H, acts, hw, hPrev, h, hn);
}

/** gruCell on the units [lo, hi) of every row only (lo a multiple of 4: the same bits, as lstmCellUnits). */
export function gruCellUnits(B: i32, H: i32, lo: i32, hi: i32, acts: usize, hw: usize, hPrev: usize, h: usize, hn: usize): void {
  const rowBytes = <usize>H * 4;
  const one = f32x4.splat(1);
  for (let b = 0; b < B; b++) {
    const a = acts + <usize>b * 3 * rowBytes;
    const w = hw + <usize>b * 3 * rowBytes;
    const off = <usize>b * rowBytes;
    let j = lo;
    for (; j + 4 <= hi; j += 4) {
      const at = <usize>j * 4;
      const r = sigmoidv(f32x4.add(v128.load(a + at), v128.load(w + at)));
      const z = sigmoidv(f32x4.add(v128.load(a + rowBytes + at), v128.load(w + rowBytes + at)));
      const hwn = v128.load(w + 2 * rowBytes + at);
      const n = tanhv(f32x4.add(v128.load(a + 2 * rowBytes + at), f32x4.mul(r, hwn)));
      v128.store(a + at, r);
      v128.store(a + rowBytes + at, z);
      v128.store(a + 2 * rowBytes + at, n);
      v128.store(hn + off + at, hwn);
      const hp = v128.load(hPrev + off + at);
      v128.store(h + off + at, f32x4.add(f32x4.mul(f32x4.sub(one, z), n), f32x4.mul(z, hp)));
    }
    for (; j < hi; j++) {
      const at = <usize>j * 4;
      const r = sigmoidf(load<f32>(a + at) + load<f32>(w + at));
      const z = sigmoidf(load<f32>(a + rowBytes + at) + load<f32>(w + rowBytes + at));
      const hwn = load<f32>(w + 2 * rowBytes + at);
      const n = tanhf(load<f32>(a + 2 * rowBytes + at) + r * hwn);
      store<f32>(a + at, r);
      store<f32>(a + rowBytes + at, z);
      store<f32>(a + 2 * rowBytes + at, n);
      store<f32>(hn + off + at, hwn);
      store<f32>(h + off + at, (1 - z) * n + z * load<f32>(hPrev + off + at));
    }
  }
}

// Backwards of the pointwise LSTM and GRU cells (cells.as) on f32 arrays in linear memory, every
// row live (the callers handle masks), over all H units of a row or over the units [lo, hi) only:
// the share of one thread in a backward recurrence split over the hidden units (sequence-
// backward.as). Pointers are byte offsets; lengths and sizes are element counts.

/**
 * Backward of lstmCell, B rows of H units. gates [B, 4H] holds the activations (i|f|g|o); cPrev,
 * tanhC, dh are [B, H]; dc [B, H] holds dL/dc_t and receives dL/dc_{t-1}; dG [B, 4H] receives dL/da.
 *   dc~ = dc + dh o (1 - tanh^2 c),  dc_prev = dc~ f
 *   da_i = dc~ g i(1-i),  da_f = dc~ c_prev f(1-f),  da_g = dc~ i (1-g^2),  da_o = dh tanh(c) o(1-o)
 */
export function lstmCellBackward(B: i32, H: i32, gates: usize, cPrev: usize, tanhC: usize, dh: usize, dc: usize, dG: usize): void {
  lstmCellBackwardUnits(B, H, 0, H, gates, cPrev, tanhC, dh, dc, dG);
}

/** lstmCellBackward on the units [lo, hi) of every row only (lo a multiple of 4: the same bits, as lstmCellUnits). */
export function lstmCellBackwardUnits(
  B: i32, H: i32, lo: i32, hi: i32, gates: usize, cPrev: usize, tanhC: usize, dh: usize, dc: usize, dG: usize,
): void {
  const rowBytes = <usize>H * 4;
  const one = f32x4.splat(1);
  for (let b = 0; b < B; b++) {
    const a = gates + <usize>b * 4 * rowBytes;
    const d = dG + <usize>b * 4 * rowBytes;
    const off = <usize>b * rowBytes;
    let j = lo;
    for (; j + 4 <= hi; j += 4) {
      const at = <usize>j * 4;
      const iv = v128.load(a + at);
      const fv = v128.load(a + rowBytes + at);
      const gv = v128.load(a + 2 * rowBytes + at);
      const ov = v128.load(a + 3 * rowBytes + at);
      const tc = v128.load(tanhC + off + at);
      const dht = v128.load(dh + off + at);
      const dct = f32x4.add(v128.load(dc + off + at), f32x4.mul(f32x4.mul(dht, ov), f32x4.sub(one, f32x4.mul(tc, tc))));
      v128.store(d + at, f32x4.mul(f32x4.mul(f32x4.mul(dct, gv), iv), f32x4.sub(one, iv)));
      const df = f32x4.mul(f32x4.mul(dct, v128.load(cPrev + off + at)), fv);
      v128.store(d + rowBytes + at, f32x4.mul(df, f32x4.sub(one, fv)));
      v128.store(d + 2 * rowBytes + at, f32x4.mul(f32x4.mul(dct, iv), f32x4.sub(one, f32x4.mul(gv, gv))));
      v128.store(d + 3 * rowBytes + at, f32x4.mul(f32x4.mul(f32x4.mul(dht, tc), ov), f32x4.sub(one, ov)));
      v128.store(dc + off + at, f32x4.mul(dct, fv));
    }
    for (; j < hi; j++) {
      const at = <usize>j * 4;
      const i = load<f32>(a + at);
      const f = load<f32>(a + rowBytes + at);
      const g = load<f32>(a + 2 * rowBytes + at);
      const o = load<f32>(a + 3 * rowBytes + at);
      const tc = load<f32>(tanhC + off + at);
      const dht = load<f32>(dh + off + at);
      const dct = load<f32>(dc + off + at) + dht * o * (1 - tc * tc);
      store<f32>(d + at, dct * g * i * (1 - i));
      store<f32>(d + rowBytes + at, dct * load<f32>(cPrev + off + at) * f * (1 - f));
      store<f32>(d + 2 * rowBytes + at, dct * i * (1 - g * g));
      store<f32>(d + 3 * rowBytes + at, dht * tc * o * (1 - o));
      store<f32>(dc + off + at, dct * f);
    }
  }
}

/**
 * Backward of gruCell, B rows of H units. gates [B, 3H] holds the activations (r|z|n); hn (the
 * saved hw_n), hPrev, dh are [B, H]. Writes dGx, dGh [B, 3H] and dhPrev [B, H]:
 *   dn = dh (1 - z) (1 - n^2),  dz = dh (h_prev - n) z(1-z),  dr = dn hw_n r(1-r)
 *   dGx = dr | dz | dn,  dGh = dr | dz | dn r,  dhPrev = dh z
 */
export function gruCellBackward(B: i32, H: i32, gates: usize, hn: usize, hPrev: usize, dh: usize, dGx: usize, dGh: usize, dhPrev: usize): void {
  gruCellBackwardUnits(B, H, 0, H, gates, hn, hPrev, dh, dGx, dGh, dhPrev);
}

/** gruCellBackward on the units [lo, hi) of every row only (lo a multiple of 4: the same bits, as lstmCellUnits). */
export function gruCellBackwardUnits(
  B: i32, H: i32, lo: i32, hi: i32, gates: usize, hn: usize, hPrev: usize, dh: usize, dGx: usize, dGh: usize, dhPrev: usize,
): void {
  const rowBytes = <usize>H * 4;
  const one = f32x4.splat(1);
  for (let b = 0; b < B; b++) {
    const a = gates + <usize>b * 3 * rowBytes;
    const dx = dGx + <usize>b * 3 * rowBytes;
    const dw = dGh + <usize>b * 3 * rowBytes;
    const off = <usize>b * rowBytes;
    let j = lo;
    for (; j + 4 <= hi; j += 4) {
      const at = <usize>j * 4;
      const r = v128.load(a + at);
      const z = v128.load(a + rowBytes + at);
      const n = v128.load(a + 2 * rowBytes + at);
      const dht = v128.load(dh + off + at);
      const zc = f32x4.sub(one, z);
      const dn = f32x4.mul(f32x4.mul(dht, zc), f32x4.sub(one, f32x4.mul(n, n)));
      const dz = f32x4.mul(f32x4.mul(f32x4.mul(dht, f32x4.sub(v128.load(hPrev + off + at), n)), z), zc);
      const dr = f32x4.mul(f32x4.mul(f32x4.mul(dn, v128.load(hn + off + at)), r), f32x4.sub(one, r));
      v128.store(dx + at, dr);
      v128.store(dx + rowBytes + at, dz);
      v128.store(dx + 2 * rowBytes + at, dn);
      v128.store(dw + at, dr);
      v128.store(dw + rowBytes + at, dz);
      v128.store(dw + 2 * rowBytes + at, f32x4.mul(dn, r));
      v128.store(dhPrev + off + at, f32x4.mul(dht, z));
    }
    for (; j < hi; j++) {
      const at = <usize>j * 4;
      const r = load<f32>(a + at);
      const z = load<f32>(a + rowBytes + at);
      const n = load<f32>(a + 2 * rowBytes + at);
      const dht = load<f32>(dh + off + at);
      const dn = dht * (1 - z) * (1 - n * n);
      const dz = dht * (load<f32>(hPrev + off + at) - n) * z * (1 - z);
      const dr = dn * load<f32>(hn + off + at) * r * (1 - r);
      store<f32>(dx + at, dr);
      store<f32>(dx + rowBytes + at, dz);
      store<f32>(dx + 2 * rowBytes + at, dn);
      store<f32>(dw + at, dr);
      store<f32>(dw + rowBytes + at, dz);
      store<f32>(dw + 2 * rowBytes + at, dn * r);
      store<f32>(dhPrev + off + at, dht * z);
    }
  }
}

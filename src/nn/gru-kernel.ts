import type { TypedArray } from "../tensor/dtype";
import { StepArrays, isLive, sigmoidOf } from "./fused-arrays";

/**
 * The fused pointwise GRU cell (PyTorch's convention) on raw arrays. In: `acts` holds
 * x W_ih^T + b_ih of step t, `hw` holds h_{t-1} W_hh^T + b_hh [B, 3H] (packed r|z|n).
 *
 *   r = s(x_r + hw_r),  z = s(x_z + hw_z),  n = tanh(x_n + r * hw_n),  h_t = (1 - z) * n + z * h_{t-1}
 */
export function gruStepForward(s: StepArrays, t: number, prev: number, out: number, hw: TypedArray): void {
  const { B, H, acts, hs } = s;
  const hn = s.aux as TypedArray; // hw_n per step, allocated by the GRU runner
  const y = s.y;
  const G = 3 * H;
  for (let b = 0; b < B; b++) {
    const a = (t * B + b) * G;
    const w = b * G;
    const hp = prev + b * H;
    const ho = out + b * H;
    const ax = (t * B + b) * H;
    const live = isLive(s, t, b);
    for (let j = 0; j < H; j++) {
      const r = sigmoidOf((acts[a + j] as number) + (hw[w + j] as number));
      const z = sigmoidOf((acts[a + H + j] as number) + (hw[w + H + j] as number));
      const hwn = hw[w + 2 * H + j] as number;
      const n = Math.tanh((acts[a + 2 * H + j] as number) + r * hwn);
      acts[a + j] = r;
      acts[a + H + j] = z;
      acts[a + 2 * H + j] = n;
      hn[ax + j] = hwn;
      const hPrev = hs[hp + j] as number;
      if (live) {
        const h = (1 - z) * n + z * hPrev;
        hs[ho + j] = h;
        if (y !== null) y[ax + j] = h;
      } else {
        hs[ho + j] = hPrev;
        if (y !== null) y[ax + j] = 0;
      }
    }
  }
}

/**
 * Backward of one fused GRU step from dh = dL/dh_t (output and next step): gate gradients on the
 * input side (dGx) and on the hidden side (dGh, where the n block is multiplied by r), and
 * dhPrev = dh z (the caller adds dGh W_hh); rows past their sequence's end pass dh through.
 * The fused recurrence runs it on steps with finished rows; `Backend.gruCellBackward` (the same
 * equations, without masks) on the others. The bias gradients are summed from dGx and dGh afterwards.
 *
 *   dn = dh (1 - z) (1 - n^2),  dz = dh (h_{t-1} - n) z (1 - z),  dr = dn hw_n r (1 - r)
 */
export function gruStepBackward(
  s: StepArrays,
  t: number,
  prev: number,
  dh: TypedArray,
  dGx: TypedArray,
  dGh: TypedArray,
  dhPrev: TypedArray,
): void {
  const { B, H, acts, hs } = s;
  const hn = s.aux as TypedArray; // allocated by the GRU runner
  const G = 3 * H;
  for (let b = 0; b < B; b++) {
    const bh = b * H;
    if (!isLive(s, t, b)) {
      dhPrev.set(dh.subarray(bh, bh + H), bh);
      continue;
    }
    const a = (t * B + b) * G;
    const hp = prev + bh;
    const ax = (t * B + b) * H;
    for (let j = 0; j < H; j++) {
      const dht = dh[bh + j] as number;
      const r = acts[a + j] as number;
      const z = acts[a + H + j] as number;
      const n = acts[a + 2 * H + j] as number;
      const dn = dht * (1 - z) * (1 - n * n);
      const dz = dht * ((hs[hp + j] as number) - n) * z * (1 - z);
      const dr = dn * (hn[ax + j] as number) * r * (1 - r);
      dGx[a + j] = dr;
      dGx[a + H + j] = dz;
      dGx[a + 2 * H + j] = dn;
      dGh[a + j] = dr;
      dGh[a + H + j] = dz;
      dGh[a + 2 * H + j] = dn * r;
      dhPrev[bh + j] = dht * z;
    }
  }
}

import type { TypedArray } from "../tensor/dtype";
import { StepArrays, isLive } from "./fused-arrays";

/**
 * The fused pointwise Elman cell on raw arrays: h_t = act(a), a = x W_ih^T + h W_hh^T + b,
 * act = tanh or ReLU. Rows past their sequence's end keep the previous state and output zero.
 */
export function rnnStepForward(s: StepArrays, t: number, prev: number, out: number, relu: boolean): void {
  const { B, H, acts, hs, y } = s;
  for (let b = 0; b < B; b++) {
    const a = (t * B + b) * H;
    const hp = prev + b * H;
    const ho = out + b * H;
    const live = isLive(s, t, b);
    for (let j = 0; j < H; j++) {
      const v = acts[a + j] as number;
      const h = relu ? (v > 0 ? v : 0) : Math.tanh(v);
      acts[a + j] = h;
      if (live) {
        hs[ho + j] = h;
        if (y !== null) y[a + j] = h;
      } else {
        hs[ho + j] = hs[hp + j] as number;
        if (y !== null) y[a + j] = 0;
      }
    }
  }
}

/**
 * Backward of one fused Elman step from dh = dL/dh_t (output and next step): da = dh (1 - h^2) for
 * tanh, dh [h > 0] for ReLU. dhPrev (zeros on entry) gets dh for rows past their sequence's end and
 * nothing for live rows (the caller adds dG W_hh). The bias gradient is summed from dG afterwards.
 */
export function rnnStepBackward(
  s: StepArrays,
  t: number,
  dh: TypedArray,
  dG: TypedArray,
  dhPrev: TypedArray,
  relu: boolean,
): void {
  const { B, H, acts } = s;
  for (let b = 0; b < B; b++) {
    const a = (t * B + b) * H;
    const bh = b * H;
    if (!isLive(s, t, b)) {
      dhPrev.set(dh.subarray(bh, bh + H), bh);
      continue;
    }
    for (let j = 0; j < H; j++) {
      const dht = dh[bh + j] as number;
      const h = acts[a + j] as number;
      // dL/da = dh (1 - h^2) for tanh, dh [h > 0] for ReLU
      dG[a + j] = relu ? (h > 0 ? dht : 0) : dht * (1 - h * h);
    }
  }
}

import type { TypedArray } from "../tensor/dtype";
import { StepArrays, isLive, sigmoidOf } from "./fused-arrays";

/**
 * The fused pointwise LSTM cell on raw arrays: everything of one step after the two GEMMs.
 *
 *   i = s(a_i), f = s(a_f), g = tanh(a_g), o = s(a_o)     (a = x W_ih^T + h W_hh^T + b, packed i|f|g|o)
 *   c_t = f * c_{t-1} + i * g,   h_t = o * tanh(c_t)
 *
 * Rows past their sequence's end keep the previous state and output zero.
 */
export function lstmStepForward(s: StepArrays, t: number, prev: number, out: number): void {
  const { B, H, acts, hs } = s;
  const cs = s.cs as TypedArray; // allocated by the LSTM runner
  const tc = s.aux as TypedArray; // tanh(c_t), allocated by the LSTM runner
  const y = s.y;
  const G = 4 * H;
  for (let b = 0; b < B; b++) {
    const a = (t * B + b) * G;
    const hp = prev + b * H;
    const ho = out + b * H;
    const ax = (t * B + b) * H;
    const live = isLive(s, t, b);
    for (let j = 0; j < H; j++) {
      const i = sigmoidOf(acts[a + j] as number);
      const f = sigmoidOf(acts[a + H + j] as number);
      const g = Math.tanh(acts[a + 2 * H + j] as number);
      const o = sigmoidOf(acts[a + 3 * H + j] as number);
      acts[a + j] = i;
      acts[a + H + j] = f;
      acts[a + 2 * H + j] = g;
      acts[a + 3 * H + j] = o;
      const cPrev = cs[hp + j] as number;
      if (live) {
        const c = f * cPrev + i * g;
        const tanhC = Math.tanh(c);
        const h = o * tanhC;
        cs[ho + j] = c;
        tc[ax + j] = tanhC;
        hs[ho + j] = h;
        if (y !== null) y[ax + j] = h;
      } else {
        cs[ho + j] = cPrev;
        tc[ax + j] = 0;
        hs[ho + j] = hs[hp + j] as number;
        if (y !== null) y[ax + j] = 0;
      }
    }
  }
}

/**
 * Backward of one fused LSTM step. In: dh = dL/dh_t (from the output y_t and from step t+1), dc
 * (dL/dc_t, updated in place to dL/dc_{t-1}). Out: the gate gradients dG of step t; dhPrev (zeros
 * on entry) gets the part of dL/dh_{t-1} that does not pass through W_hh (the caller adds dG W_hh):
 * dh for rows past their sequence's end (their state is carried unchanged), nothing for live rows.
 * The fused recurrence runs it on steps with finished rows; `Backend.lstmCellBackward` (the same
 * equations, without masks) on the others. The bias gradient is summed from dG afterwards.
 *
 *   dc~ = dc + dh o (1 - tanh^2 c),  dc_{t-1} = dc~ f
 *   da_i = dc~ g i(1-i),  da_f = dc~ c_{t-1} f(1-f),  da_g = dc~ i (1-g^2),  da_o = dh tanh(c) o(1-o)
 */
export function lstmStepBackward(
  s: StepArrays,
  t: number,
  prev: number,
  dh: TypedArray,
  dc: TypedArray,
  dG: TypedArray,
  dhPrev: TypedArray,
): void {
  const { B, H, acts } = s;
  const cs = s.cs as TypedArray; // allocated by the LSTM runner
  const tc = s.aux as TypedArray; // allocated by the LSTM runner
  const G = 4 * H;
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
      const i = acts[a + j] as number;
      const f = acts[a + H + j] as number;
      const g = acts[a + 2 * H + j] as number;
      const o = acts[a + 3 * H + j] as number;
      const tanhC = tc[ax + j] as number;
      const dct = (dc[bh + j] as number) + dht * o * (1 - tanhC * tanhC);
      dG[a + j] = dct * g * i * (1 - i);
      dG[a + H + j] = dct * (cs[hp + j] as number) * f * (1 - f);
      dG[a + 2 * H + j] = dct * i * (1 - g * g);
      dG[a + 3 * H + j] = dht * tanhC * o * (1 - o);
      dc[bh + j] = dct * f;
    }
  }
}

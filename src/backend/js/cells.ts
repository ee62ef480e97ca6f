import type { TypedArray } from "../../tensor/dtype";
import type { Backend } from "../backend";
import { sigmoidOf } from "./activations";

/**
 * LSTM cell, B rows of H units (see Backend.lstmCell):
 *   i = s(a_i), f = s(a_f), g = tanh(a_g), o = s(a_o),  c_t = f c_{t-1} + i g,  h_t = o tanh(c_t)
 */
export const lstmCellJs: Backend["lstmCell"] = ({ B, H, acts, actsOff, c, cPrevOff, cOff, h, hOff, tanhC, tanhCOff }) => {
  for (let b = 0; b < B; b++) {
    const a = actsOff + b * 4 * H;
    const r = b * H;
    for (let j = 0; j < H; j++) {
      const i = sigmoidOf(acts[a + j] as number);
      const f = sigmoidOf(acts[a + H + j] as number);
      const g = Math.tanh(acts[a + 2 * H + j] as number);
      const o = sigmoidOf(acts[a + 3 * H + j] as number);
      acts[a + j] = i;
      acts[a + H + j] = f;
      acts[a + 2 * H + j] = g;
      acts[a + 3 * H + j] = o;
      const ct = f * (c[cPrevOff + r + j] as number) + i * g;
      const tc = Math.tanh(ct);
      c[cOff + r + j] = ct;
      tanhC[tanhCOff + r + j] = tc;
      h[hOff + r + j] = o * tc;
    }
  }
};

/**
 * GRU cell (PyTorch's convention), B rows of H units (see Backend.gruCell):
 *   r = s(x_r + hw_r), z = s(x_z + hw_z), n = tanh(x_n + r hw_n), h_t = (1 - z) n + z h_{t-1}
 */
export const gruCellJs: Backend["gruCell"] = ({ B, H, acts, actsOff, hw, hwOff, h, hPrevOff, hOff, hn, hnOff }) => {
  for (let b = 0; b < B; b++) {
    const a = actsOff + b * 3 * H;
    const w = hwOff + b * 3 * H;
    const row = b * H;
    for (let j = 0; j < H; j++) {
      const r = sigmoidOf((acts[a + j] as number) + (hw[w + j] as number));
      const z = sigmoidOf((acts[a + H + j] as number) + (hw[w + H + j] as number));
      const hwn = hw[w + 2 * H + j] as number;
      const n = Math.tanh((acts[a + 2 * H + j] as number) + r * hwn);
      acts[a + j] = r;
      acts[a + H + j] = z;
      acts[a + 2 * H + j] = n;
      hn[hnOff + row + j] = hwn;
      h[hOff + row + j] = (1 - z) * n + z * (h[hPrevOff + row + j] as number);
    }
  }
};

/**
 * Elman cell over n = B H values, every row live: h = tanh(a) or max(a, 0), written to `h` at hOff
 * and back into `acts` at actsOff (the step's backward reads h there).
 */
export function rnnCellJs(n: number, relu: boolean, acts: TypedArray, actsOff: number, h: TypedArray, hOff: number): void {
  for (let i = 0; i < n; i++) {
    const a = acts[actsOff + i] as number;
    const v = relu ? (a > 0 || Number.isNaN(a) ? a : 0) : Math.tanh(a);
    acts[actsOff + i] = v;
    h[hOff + i] = v;
  }
}

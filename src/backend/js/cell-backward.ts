import type { TypedArray } from "../../tensor/dtype";
import type { Backend } from "../backend";

/**
 * Backward of the LSTM cell, B rows of H units (see Backend.lstmCellBackward):
 *   dc~ = dc + dh o (1 - tanh^2 c_t),  dc_{t-1} = dc~ f
 *   da_i = dc~ g i(1-i),  da_f = dc~ c_{t-1} f(1-f),  da_g = dc~ i (1-g^2),  da_o = dh tanh(c_t) o(1-o)
 */
export const lstmCellBackwardJs: Backend["lstmCellBackward"] = ({ B, H, gates, gatesOff, cPrev, cPrevOff, tanhC, tanhCOff, dh, dhOff, dc, dcOff, dG, dGOff }) => {
  for (let b = 0; b < B; b++) {
    const a = gatesOff + b * 4 * H;
    const d = dGOff + b * 4 * H;
    const r = b * H;
    for (let j = 0; j < H; j++) {
      const i = gates[a + j] as number;
      const f = gates[a + H + j] as number;
      const g = gates[a + 2 * H + j] as number;
      const o = gates[a + 3 * H + j] as number;
      const tc = tanhC[tanhCOff + r + j] as number;
      const dht = dh[dhOff + r + j] as number;
      // dL/dc_t through both paths: carried from step t+1 and through h_t = o tanh(c_t)
      const dct = (dc[dcOff + r + j] as number) + dht * o * (1 - tc * tc);
      dG[d + j] = dct * g * i * (1 - i);
      dG[d + H + j] = dct * (cPrev[cPrevOff + r + j] as number) * f * (1 - f);
      dG[d + 2 * H + j] = dct * i * (1 - g * g);
      dG[d + 3 * H + j] = dht * tc * o * (1 - o);
      dc[dcOff + r + j] = dct * f;
    }
  }
};

/**
 * Backward of the GRU cell (PyTorch's convention), B rows of H units (see Backend.gruCellBackward):
 *   dn = dh (1 - z) (1 - n^2),  dz = dh (h_{t-1} - n) z(1-z),  dr = dn hw_n r(1-r)
 *   dGx = dr | dz | dn,  dGh = dr | dz | dn r,  dh_{t-1} = dh z
 */
export const gruCellBackwardJs: Backend["gruCellBackward"] = ({ B, H, gates, gatesOff, hn, hnOff, h, hPrevOff, dh, dhOff, dGx, dGxOff, dGh, dGhOff, dhPrev, dhPrevOff }) => {
  for (let b = 0; b < B; b++) {
    const a = gatesOff + b * 3 * H;
    const dx = dGxOff + b * 3 * H;
    const dw = dGhOff + b * 3 * H;
    const row = b * H;
    for (let j = 0; j < H; j++) {
      const r = gates[a + j] as number;
      const z = gates[a + H + j] as number;
      const n = gates[a + 2 * H + j] as number;
      const dht = dh[dhOff + row + j] as number;
      const dn = dht * (1 - z) * (1 - n * n);
      const dz = dht * ((h[hPrevOff + row + j] as number) - n) * z * (1 - z);
      const dr = dn * (hn[hnOff + row + j] as number) * r * (1 - r);
      dGx[dx + j] = dr;
      dGx[dx + H + j] = dz;
      dGx[dx + 2 * H + j] = dn;
      dGh[dw + j] = dr;
      dGh[dw + H + j] = dz;
      dGh[dw + 2 * H + j] = dn * r;
      dhPrev[dhPrevOff + row + j] = dht * z;
    }
  }
};

/**
 * Backward of the Elman cell over n = B H values from the outputs h (at hOff) and dh = dL/dh:
 *   dG = dh (1 - h^2) (tanh),  dG = dh [h > 0] (relu: h > 0 exactly where a > 0)
 */
export function rnnCellBackwardJs(
  n: number,
  relu: boolean,
  h: TypedArray,
  hOff: number,
  dh: TypedArray,
  dhOff: number,
  dG: TypedArray,
  dGOff: number,
): void {
  for (let i = 0; i < n; i++) {
    const v = h[hOff + i] as number;
    const d = dh[dhOff + i] as number;
    dG[dGOff + i] = relu ? (v > 0 ? d : 0) : d * (1 - v * v);
  }
}

import { getBackend } from "../../backend/backend";
import { FusedCellKernel, allocated } from "./cell-kernel";

/**
 * The LSTM on the backend's fused kernels (gates packed i|f|g|o, `aux` = tanh(c_t)):
 *   a_t = P_t + h_{t-1} W_hh^T,  i, f, o = s(a_i, a_f, a_o),  g = tanh(a_g)
 *   c_t = f c_{t-1} + i g,  h_t = o tanh(c_t)
 */
export const LSTM_KERNEL: FusedCellKernel = {
  op: "lstm_cell",
  projectionOp: "lstm_projection",
  blocks: 4,
  foldHiddenBias: true,
  cellState: true,
  aux: true,
  splitHiddenGrads: false,

  sequence(s, w, T, reverse): void {
    const cs = allocated(s.cs, "cs");
    const tc = allocated(s.aux, "aux");
    getBackend().lstmSequence(T, s.B, s.H, reverse, w.wHh.data, s.acts, cs, s.hs, tc);
  },

  step(s, w, t, prev, out): void {
    const { B, H } = s;
    const cs = allocated(s.cs, "cs");
    const tc = allocated(s.aux, "aux");
    getBackend().lstmStep(B, H, w.wHh.data, s.acts, t * 4 * H * B, cs, prev, out, s.hs, prev, out, tc, t * B * H);
  },

  stepBackward(s, w, t, prev, dh, grads, dhPrev): void {
    const { B, H } = s;
    const at = t * B * 4 * H;
    const cs = allocated(s.cs, "cs");
    const tc = allocated(s.aux, "aux");
    const dc = allocated(grads.dc, "dc");
    const dG = allocated(grads.dGx, "dGx");
    getBackend().lstmStepBackward(B, H, w.wHh.data, s.acts, at, cs, prev, tc, t * B * H, dh, 0, dc, 0, dG, at, dhPrev, 0);
  },
};

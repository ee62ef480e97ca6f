import { getBackend } from "../../backend/backend";
import { FusedCellKernel, allocated } from "./cell-kernel";

/**
 * The GRU on the backend's fused kernels (PyTorch's convention, gates packed r|z|n, b_hh inside
 * the step, `aux` = hw_n):
 *   hw = h_{t-1} W_hh^T + b_hh,  r = s(x_r + hw_r),  z = s(x_z + hw_z)
 *   n = tanh(x_n + r hw_n),  h_t = (1 - z) n + z h_{t-1}
 */
export const GRU_KERNEL: FusedCellKernel = {
  op: "gru_cell",
  projectionOp: "gru_projection",
  blocks: 3,
  foldHiddenBias: false,
  cellState: false,
  aux: true,
  splitHiddenGrads: true,

  sequence(s, w, T, reverse): void {
    const hn = allocated(s.aux, "aux");
    getBackend().gruSequence(T, s.B, s.H, reverse, w.wHh.data, w.bHh?.data ?? null, s.acts, s.hs, hn);
  },

  step(s, w, t, prev, out): void {
    const { B, H } = s;
    const hn = allocated(s.aux, "aux");
    getBackend().gruStep(B, H, w.wHh.data, w.bHh?.data ?? null, s.acts, t * 3 * H * B, s.hs, prev, out, hn, t * B * H);
  },

  stepBackward(s, w, t, prev, dh, grads, dhPrev): void {
    const { B, H } = s;
    const at = t * B * 3 * H;
    const hn = allocated(s.aux, "aux");
    const dGx = allocated(grads.dGx, "dGx");
    const dGh = allocated(grads.dGh, "dGh");
    getBackend().gruStepBackward(B, H, w.wHh.data, s.acts, at, hn, t * B * H, s.hs, prev, dh, 0, dGx, at, dGh, at, dhPrev, 0);
  },
};

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
    getBackend().gruSequence({ T, B: s.B, H: s.H, reverse, wHh: w.wHh.data, bHh: w.bHh?.data ?? null, acts: s.acts, h: s.hs, hn });
  },

  sequenceBackward(s, w, T, reverse, dhLast, dY, grads, chain, initialGrad): void {
    const hn = allocated(s.aux, "aux");
    const dGx = allocated(grads.dGx, "dGx");
    const dGh = allocated(grads.dGh, "dGh");
    // dh_t = dL/dy_t + dh_{t+1} z_{t+1} + dGh_{t+1} W_hh -> dGx, dGh (block t), for t = T-1 .. 0
    getBackend().gruSequenceBackward({ T, B: s.B, H: s.H, reverse, wHh: w.wHh.data, acts: s.acts, h: s.hs, hn, dhLast, dY, dG: dGx, dGh, dhPrev: chain, initialGrad });
  },

  step(s, w, t, prev, out): void {
    const { B, H } = s;
    const hn = allocated(s.aux, "aux");
    // hw = h_{t-1} W_hh^T + b_hh; x_t W_ih^T + b_ih (block t of acts) -> gates r|z|n there; h_{t-1} -> h_t
    getBackend().gruStep({
      B,
      H,
      wHh: w.wHh.data,
      bHh: w.bHh?.data ?? null,
      acts: s.acts,
      actsOff: t * 3 * H * B,
      h: s.hs,
      hPrevOff: prev,
      hOff: out,
      hn,
      hnOff: t * B * H,
    });
  },

  stepBackward(s, w, t, prev, dh, grads, dhPrev): void {
    const { B, H } = s;
    const at = t * B * 3 * H;
    const hn = allocated(s.aux, "aux");
    const dGx = allocated(grads.dGx, "dGx");
    const dGh = allocated(grads.dGh, "dGh");
    // dL/dh_t -> gate gradients of both sides (dGx, dGh: block t), dL/dh_{t-1} = dh z + dGh W_hh
    getBackend().gruStepBackward({
      B,
      H,
      wHh: w.wHh.data,
      gates: s.acts,
      gatesOff: at,
      hn,
      hnOff: t * B * H,
      h: s.hs,
      hPrevOff: prev,
      dh,
      dhOff: 0,
      dGx,
      dGxOff: at,
      dGh,
      dGhOff: at,
      dhPrev,
      dhPrevOff: 0,
    });
  },
};

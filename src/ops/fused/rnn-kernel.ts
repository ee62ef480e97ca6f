import { getBackend } from "../../backend/backend";
import type { Nonlinearity } from "../../backend/recurrent-steps";
import { FusedCellKernel, allocated } from "./cell-kernel";

/** The Elman RNN on the backend's fused kernels: a_t = P_t + h_{t-1} W_hh^T, h_t = tanh(a_t) or max(a_t, 0). */
function rnnKernel(nonlinearity: Nonlinearity): FusedCellKernel {
  return {
    op: `rnn_${nonlinearity}_cell`,
    projectionOp: `rnn_${nonlinearity}_projection`,
    blocks: 1,
    foldHiddenBias: true,
    cellState: false,
    aux: false,
    splitHiddenGrads: false,

    sequence(s, w, T, reverse): void {
      getBackend().rnnSequence(T, s.B, s.H, nonlinearity, reverse, w.wHh.data, s.acts, s.hs);
    },

    step(s, w, t, prev, out): void {
      getBackend().rnnStep(s.B, s.H, nonlinearity, w.wHh.data, s.acts, t * s.B * s.H, s.hs, prev, out);
    },

    stepBackward(s, w, t, _prev, dh, grads, dhPrev): void {
      const at = t * s.B * s.H;
      const dG = allocated(grads.dGx, "dGx");
      getBackend().rnnStepBackward(s.B, s.H, nonlinearity, w.wHh.data, s.acts, at, dh, 0, dG, at, dhPrev, 0);
    },
  };
}

/** h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh). */
export const RNN_TANH_KERNEL: FusedCellKernel = rnnKernel("tanh");

/** h_t = max(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh, 0). */
export const RNN_RELU_KERNEL: FusedCellKernel = rnnKernel("relu");

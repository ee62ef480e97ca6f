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
      getBackend().rnnSequence({ T, B: s.B, H: s.H, nonlinearity, reverse, wHh: w.wHh.data, acts: s.acts, h: s.hs });
    },

    sequenceBackward(s, w, T, reverse, dhLast, dY, grads, chain, initialGrad): void {
      const dG = allocated(grads.dGx, "dGx");
      // dh_t = dL/dy_t + dG_{t+1} W_hh -> dL/da_t = dh_t f'(a_t) (block t of dG), for t = T-1 .. 0
      getBackend().rnnSequenceBackward({ T, B: s.B, H: s.H, nonlinearity, reverse, wHh: w.wHh.data, acts: s.acts, dhLast, dY, dG, dhPrev: chain, initialGrad });
    },

    step(s, w, t, prev, out): void {
      // a_t = P_t + h_{t-1} W_hh^T (block t of acts) -> h_t there and in slot `out` of hs
      getBackend().rnnStep({ B: s.B, H: s.H, nonlinearity, wHh: w.wHh.data, acts: s.acts, actsOff: t * s.B * s.H, h: s.hs, hPrevOff: prev, hOff: out });
    },

    stepBackward(s, w, t, _prev, dh, grads, dhPrev): void {
      const at = t * s.B * s.H;
      const dG = allocated(grads.dGx, "dGx");
      // dL/dh_t -> dL/da_t (block t of dG), dL/dh_{t-1} = dL/da_t W_hh
      getBackend().rnnStepBackward({ B: s.B, H: s.H, nonlinearity, wHh: w.wHh.data, acts: s.acts, actsOff: at, dh, dhOff: 0, dG, dGOff: at, dhPrev, dhPrevOff: 0 });
    },
  };
}

/** h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh). */
export const RNN_TANH_KERNEL: FusedCellKernel = rnnKernel("tanh");

/** h_t = max(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh, 0). */
export const RNN_RELU_KERNEL: FusedCellKernel = rnnKernel("relu");

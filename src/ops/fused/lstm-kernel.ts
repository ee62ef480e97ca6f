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
    getBackend().lstmSequence({ T, B: s.B, H: s.H, reverse, wHh: w.wHh.data, acts: s.acts, h: s.hs, c: cs, tanhC: tc });
  },

  sequenceBackward(s, w, T, reverse, dhLast, dY, grads, chain, initialGrad): void {
    const cs = allocated(s.cs, "cs");
    const tc = allocated(s.aux, "aux");
    const dc = allocated(grads.dc, "dc");
    const dG = allocated(grads.dGx, "dGx");
    // dh_t = dL/dy_t + dG_{t+1} W_hh, dL/dc_t -> dL/da_t (block t of dG), dL/dc_{t-1} (in dc), for t = T-1 .. 0
    getBackend().lstmSequenceBackward({ T, B: s.B, H: s.H, reverse, wHh: w.wHh.data, acts: s.acts, c: cs, tanhC: tc, dhLast, dY, dc, dG, dhPrev: chain, initialGrad });
  },

  step(s, w, t, prev, out): void {
    const { B, H } = s;
    const cs = allocated(s.cs, "cs");
    const tc = allocated(s.aux, "aux");
    // a_t = P_t + h_{t-1} W_hh^T (P_t in block t of acts) -> gates i|f|g|o there; c_{t-1}, h_{t-1} -> c_t, h_t
    getBackend().lstmStep({
      B,
      H,
      wHh: w.wHh.data,
      acts: s.acts,
      actsOff: t * 4 * H * B,
      h: s.hs,
      hPrevOff: prev,
      hOff: out,
      c: cs,
      cPrevOff: prev,
      cOff: out,
      tanhC: tc,
      tanhCOff: t * B * H,
    });
  },

  stepBackward(s, w, t, prev, dh, grads, dhPrev): void {
    const { B, H } = s;
    const at = t * B * 4 * H;
    const cs = allocated(s.cs, "cs");
    const tc = allocated(s.aux, "aux");
    const dc = allocated(grads.dc, "dc");
    const dG = allocated(grads.dGx, "dGx");
    // dL/dh_t, dL/dc_t -> dL/da_t (into block t of dG), dL/dc_{t-1} (in dc), dL/dh_{t-1} = dL/da_t W_hh
    getBackend().lstmStepBackward({
      B,
      H,
      wHh: w.wHh.data,
      gates: s.acts,
      gatesOff: at,
      cPrev: cs,
      cPrevOff: prev,
      tanhC: tc,
      tanhCOff: t * B * H,
      dh,
      dhOff: 0,
      dc,
      dcOff: 0,
      dG,
      dGOff: at,
      dhPrev,
      dhPrevOff: 0,
    });
  },
};

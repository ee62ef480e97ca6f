// The whole forward of one direction of a fused recurrence, every row live at every step, as one
// loop inside WebAssembly: per step one sgemm on W_hh^T prepacked into panels (bMode B_PACKED,
// packed once by the caller) and one pass of the cell kernel of cells.as / rnn.as, the same
// kernels in the same order as one `lstmStep` / `gruStep` / `rnnStep` call per step.
//
// Layout (all f32, rows contiguous; pointers in bytes, sizes in elements), with BH = B H:
//   acts [T, B, G H]   gate pre-activations P_t, replaced by the activations (RNN: by h_t)
//   h, c [T+1, B, H]   states; step t reads slot t and writes slot t+1, or, `reverse`, reads
//                      slot t+1 and writes slot t, for t = T-1 .. 0
//   aux  [T, B, H]     tanh(c_t) (LSTM) or hw_n (GRU), block t
// `w` holds op(B) = W_hh^T [H, G H] as made by packBPanels; `work` is workspaceBytes(G H) bytes.

import { gruCell, lstmCell } from "./cells";
import { B_PACKED, sgemm } from "./gemm";
import { rnnCell } from "./rnn";

/** Slot of the previous state of step t: t, or t+1 in reverse. */
@inline
function prevSlot(t: i32, reverse: bool): usize {
  return <usize>(reverse ? t + 1 : t);
}

/** Slot written by step t: t+1, or t in reverse. */
@inline
function outSlot(t: i32, reverse: bool): usize {
  return <usize>(reverse ? t : t + 1);
}

/**
 * LSTM over T steps:  a_t += h_{t-1} W_hh^T,  i, f, g, o = s(a_i), s(a_f), tanh(a_g), s(a_o),
 * c_t = f c_{t-1} + i g,  h_t = o tanh(c_t);  tanh(c_t) to block t of `tanhC`.
 */
export function lstmSequence(
  T: i32, B: i32, H: i32, reverse: bool, w: usize, acts: usize, c: usize, h: usize, tanhC: usize, work: usize,
): void {
  const G = 4 * H;
  const block = <usize>(B * H) * 4;
  const gates = <usize>(B * G) * 4;
  for (let k = 0; k < T; k++) {
    const t = reverse ? T - 1 - k : k;
    const prev = prevSlot(t, reverse) * block;
    const out = outSlot(t, reverse) * block;
    const a = acts + <usize>t * gates;
    sgemm(false, B_PACKED, B, G, H, 1, h + prev, H, w, H, 1, a, G, work);
    lstmCell(B, H, a, c + prev, c + out, h + out, tanhC + <usize>t * block);
  }
}

/**
 * GRU over T steps (PyTorch's convention):  hw = h_{t-1} W_hh^T + b_hh  (in `hw` [B, 3H], scratch),
 * r = s(x_r + hw_r), z = s(x_z + hw_z), n = tanh(x_n + r hw_n), h_t = (1 - z) n + z h_{t-1};
 * hw_n to block t of `hn`. `bias` [3H] is b_hh, or 0 for none.
 */
export function gruSequence(
  T: i32, B: i32, H: i32, reverse: bool, w: usize, bias: usize, acts: usize, h: usize, hn: usize, hw: usize, work: usize,
): void {
  const G = 3 * H;
  const block = <usize>(B * H) * 4;
  const gates = <usize>(B * G) * 4;
  const row = <usize>G * 4;
  for (let k = 0; k < T; k++) {
    const t = reverse ? T - 1 - k : k;
    const prev = prevSlot(t, reverse) * block;
    const out = outSlot(t, reverse) * block;
    if (bias != 0) for (let b = 0; b < B; b++) memory.copy(hw + <usize>b * row, bias, row);
    sgemm(false, B_PACKED, B, G, H, 1, h + prev, H, w, H, bias != 0 ? 1 : 0, hw, G, work);
    gruCell(B, H, acts + <usize>t * gates, hw, h + prev, h + out, hn + <usize>t * block);
  }
}

/**
 * Elman RNN over T steps:  a_t += h_{t-1} W_hh^T,  h_t = tanh(a_t) (relu false) or max(a_t, 0),
 * left in block t of `acts` and copied to its slot of `h`.
 */
export function rnnSequence(T: i32, B: i32, H: i32, relu: bool, reverse: bool, w: usize, acts: usize, h: usize, work: usize): void {
  const block = <usize>(B * H) * 4;
  for (let k = 0; k < T; k++) {
    const t = reverse ? T - 1 - k : k;
    const prev = prevSlot(t, reverse) * block;
    const a = acts + <usize>t * block;
    sgemm(false, B_PACKED, B, H, H, 1, h + prev, H, w, H, 1, a, H, work);
    rnnCell(relu, B * H, a, a);
    memory.copy(h + outSlot(t, reverse) * block, a, block);
  }
}

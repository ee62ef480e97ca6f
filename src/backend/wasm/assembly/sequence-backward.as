// The backward of one direction of a fused recurrence for the whole sequence (backpropagation
// through time), the steps in reverse order of the forward:
//   dh_t = dL/dy_t + dL/dh_t|from step t+1          (the last step run forward: dh given whole)
//   dG_t = dh_t ⊙ f'(a_t)                             (the cell's backward, cells-backward.as / rnn.as)
//   dL/dh_{t-1}|from step t = dG_t W_hh               (GRU: + dh_t ⊙ z_t, written by the cell)
// Either one job of T + 1 steps over threads (parallel.as) or `sequenceBackward` on one thread;
// both run the same chunks (T steps when the block of the step run first is not wanted). Chunk [lo, hi) of job step k (lo, hi multiples of 8, the panel width)
//   1. (k > 0) the columns lo..hi of dL/dh_{t'-1}|from t' = dG_{t'} W_hh for the step t' run
//      before (the (k-1)-th), into its block of dHprev: it needs every column of dG_{t'}, done in
//      job step k-1, which parallel.as waits for; then dh_t[:, lo..hi] = dL/dy_t + that block;
//   2. (k < T) the cell backward of step t on units lo..hi: dG_t's columns q H + lo .. q H + hi.
// So the threads meet once per step, inside wasm. A product over a subset of columns and a cell
// over a subset of units give the same bits as over all of them: 1 or N threads, the same bits.
//
// i32 arguments at p (pointers in bytes; 0 = none):  0 T, 1 B, 2 H, 3 reverse, 4 w (W_hh [G H, H]
// in sgemm's panels), 5 work, 6 workStride (bytes per participant), 7 gates [T, B, G H] (the
// activations), 8 dhLast [B, H] (dL/dh of the step run last forward, whole), 9 dY [T, B, H]
// (dL/dy_t) or 0, 10 dG [T, B, G H] (dL/da_t; GRU: the input side), 11 dHprev [T, B, H]
// (block t: dL/dh_{t-1}|from step t), 12 dh scratch [B, H], then per kind:
//   LSTM 13 c [T+1, B, H] states, 14 tanhC [T, B, H], 15 dc [B, H] (dL/dc_T in, dL/dc_{-1} out);
//   GRU  13 hn [T, B, H] (hw_n), 14 h [T+1, B, H] states, 15 dGh [T, B, 3H] (the hidden side);
//   RNN  13 relu (0 tanh); gates hold h_t.
// State slots as in sequence.as: step t reads slot t (reverse t+1).

import { gruCellBackwardUnits, lstmCellBackwardUnits } from "./cells-backward";
import { B_PACKED, sgemm } from "./gemm";
import { rnnCellBackward } from "./rnn";

/** Kinds of job (parallel.as), after the forward sequences of sequence-share.as. */
export const KIND_LSTM_BACKWARD: i32 = 19;
export const KIND_GRU_BACKWARD: i32 = 20;
export const KIND_RNN_BACKWARD: i32 = 21;

/** Pointer argument i at p. */
@inline function ptr(p: usize, i: i32): usize {
  return <usize>load<i32>(p + <usize>i * 4);
}

/**
 * The whole backward on this thread: job steps 0 .. steps-1 (T + 1, or T to leave out the block
 * of the step run first, unused when the initial state needs no gradient), all H units
 * (participant 0's workspace).
 */
export function sequenceBackward(kind: i32, p: usize, steps: i32): void {
  const H = load<i32>(p, 8);
  for (let step = 0; step < steps; step++) sequenceBackwardChunk(kind, p, step, 0, H, 0);
}

/** Units [lo, hi) of job step `step` (0 .. T) of the backward job at p. */
export function sequenceBackwardChunk(kind: i32, p: usize, step: i32, lo: i32, hi: i32, participant: i32): void {
  const T = load<i32>(p);
  const B = load<i32>(p, 4);
  const H = load<i32>(p, 8);
  const reverse = load<i32>(p, 12) != 0;
  const G = kind == KIND_LSTM_BACKWARD ? 4 : kind == KIND_GRU_BACKWARD ? 3 : 1;
  const GH = G * H;
  const block = <usize>(B * H) * 4;
  const gates = <usize>(B * GH) * 4;
  const first = <usize>lo * 4;
  let dh = ptr(p, 8);
  if (step > 0) {
    // dL/dh_{t'-1}|from t' = dG_{t'} W_hh on columns lo..hi (GRU: added to dh_{t'} z_{t'})
    const before = reverse ? step - 1 : T - step;
    const dG = kind == KIND_GRU_BACKWARD ? ptr(p, 15) : ptr(p, 10);
    const chain = ptr(p, 11) + <usize>before * block;
    const work = ptr(p, 5) + <usize>participant * ptr(p, 6);
    const w = ptr(p, 4) + <usize>lo * <usize>GH * 4;
    const beta: f32 = kind == KIND_GRU_BACKWARD ? 1 : 0;
    sgemm(false, B_PACKED, B, hi - lo, GH, 1, dG + <usize>before * gates, GH, w, GH, beta, chain + first, H, work);
    if (step == T) return;
    const t = reverse ? step : T - 1 - step;
    const dY = ptr(p, 9);
    dh = chain;
    if (dY != 0) {
      // dh_t = dL/dy_t + dL/dh_t|from t+1
      dh = ptr(p, 12);
      addRows(B, H, lo, hi, dY + <usize>t * block, chain, dh);
    }
  }
  const t = reverse ? step : T - 1 - step;
  const prev = <usize>(reverse ? t + 1 : t) * block;
  const a = ptr(p, 7) + <usize>t * gates;
  const dG = ptr(p, 10) + <usize>t * gates;
  if (kind == KIND_LSTM_BACKWARD) {
    lstmCellBackwardUnits(B, H, lo, hi, a, ptr(p, 13) + prev, ptr(p, 14) + <usize>t * block, dh, ptr(p, 15), dG);
  } else if (kind == KIND_GRU_BACKWARD) {
    const dHprev = ptr(p, 11) + <usize>t * block;
    gruCellBackwardUnits(B, H, lo, hi, a, ptr(p, 13) + <usize>t * block, ptr(p, 14) + prev, dh, dG, ptr(p, 15) + <usize>t * gates, dHprev);
  } else {
    const relu = load<i32>(p, 52) != 0;
    for (let b = 0; b < B; b++) {
      const at = <usize>(b * H) * 4 + first;
      rnnCellBackward(relu, hi - lo, a + at, dh + at, dG + at);
    }
  }
}

/** out = x + y on the units [lo, hi) of B rows of H (four lanes, then the scalar tail). */
function addRows(B: i32, H: i32, lo: i32, hi: i32, x: usize, y: usize, out: usize): void {
  for (let b = 0; b < B; b++) {
    const row = <usize>(b * H) * 4;
    let j = lo;
    for (; j + 4 <= hi; j += 4) {
      const at = row + <usize>j * 4;
      v128.store(out + at, f32x4.add(v128.load(x + at), v128.load(y + at)));
    }
    for (; j < hi; j++) {
      const at = row + <usize>j * 4;
      store<f32>(out + at, load<f32>(x + at) + load<f32>(y + at));
    }
  }
}

// The forward of one direction of a fused recurrence split over threads by hidden units, for the
// whole sequence: one job (parallel.as) of T steps, each cut into chunks of units [lo, hi) (lo and
// hi multiples of 8, the panel width, so each gate's columns start on a panel of the prepacked
// W_hh^T). A chunk of step t computes the gate columns of its units,
//   a_t[:, q H + lo .. q H + hi] += h_{t-1} W_hh^T[:, q H + lo .. q H + hi]   for each gate q,
// then the cell on those units (cells.as, *Units); the gates' products share one packing of
// h_{t-1} (gemm-gates.as). Every unit depends on all of h_{t-1}, so a step's chunks start once
// every chunk of step t-1 is done: parallel.as holds them back.
// The kernels, their order per element and the layout are those of sequence.as, so the results
// are the same bits as the one-thread loop.
//
// i32 arguments at p: 0 T, 1 B, 2 H, 3 reverse, 4 w (panels), 5 work, 6 workStride (bytes, per
// participant), then per kind:  LSTM 7 acts, 8 c, 9 h, 10 tanhC;  GRU 7 b_hh (0: none), 8 acts,
// 9 h, 10 hn, 11 hw (scratch [B, 3H]);  RNN 7 acts, 8 h, 9 relu.

import { gruCellUnits, lstmCellUnits } from "./cells";
import { B_PACKED, sgemm } from "./gemm";
import { sgemmGates } from "./gemm-gates";
import { rnnCell } from "./rnn";

const KIND_LSTM_SEQUENCE: i32 = 16;
const KIND_GRU_SEQUENCE: i32 = 17;

/** Pointer argument i at p. */
@inline function ptr(p: usize, i: i32): usize {
  return <usize>load<i32>(p + <usize>i * 4);
}

/** Units [lo, hi) of step `step` (the step-th the direction runs) of the sequence job at p. */
export function runSequenceChunk(kind: i32, p: usize, step: i32, lo: i32, hi: i32, participant: i32): void {
  const T = load<i32>(p);
  const B = load<i32>(p, 4);
  const H = load<i32>(p, 8);
  const reverse = load<i32>(p, 12) != 0;
  const t = reverse ? T - 1 - step : step;
  const block = <usize>(B * H) * 4;
  const prev = <usize>(reverse ? t + 1 : t) * block;
  const out = <usize>(reverse ? t : t + 1) * block;
  const work = ptr(p, 5) + <usize>participant * ptr(p, 6);
  const w = ptr(p, 4);
  const n = hi - lo;
  if (kind == KIND_LSTM_SEQUENCE) {
    const G = 4 * H;
    const a = ptr(p, 7) + <usize>t * <usize>(B * G) * 4;
    const h = ptr(p, 9);
    // gate q's columns q H + lo .. q H + hi: panels H H floats apart in w, H floats apart in a
    const panels = <usize>H * <usize>H * 4;
    sgemmGates(4, B, n, H, h + prev, H, w + <usize>lo * <usize>H * 4, panels, 1, a + <usize>lo * 4, <usize>H * 4, G, work);
    const c = ptr(p, 8);
    lstmCellUnits(B, H, lo, hi, a, c + prev, c + out, h + out, ptr(p, 10) + <usize>t * block);
  } else if (kind == KIND_GRU_SEQUENCE) {
    const G = 3 * H;
    const bias = ptr(p, 7);
    const h = ptr(p, 9);
    const hw = ptr(p, 11);
    const row = <usize>G * 4;
    for (let q = 0; q < 3; q++) {
      const col = <usize>(q * H + lo) * 4;
      if (bias != 0) for (let b = 0; b < B; b++) memory.copy(hw + <usize>b * row + col, bias + col, <usize>n * 4);
    }
    const panels = <usize>H * <usize>H * 4;
    const first = <usize>lo * 4;
    sgemmGates(3, B, n, H, h + prev, H, w + first * <usize>H, panels, bias != 0 ? 1 : 0, hw + first, <usize>H * 4, G, work);
    const acts = ptr(p, 8) + <usize>t * <usize>(B * G) * 4;
    gruCellUnits(B, H, lo, hi, acts, hw, h + prev, h + out, ptr(p, 10) + <usize>t * block);
  } else {
    const a = ptr(p, 7) + <usize>t * block;
    const h = ptr(p, 8);
    const relu = load<i32>(p, 36) != 0;
    sgemm(false, B_PACKED, B, n, H, 1, h + prev, H, w + <usize>lo * <usize>H * 4, H, 1, a + <usize>lo * 4, H, work);
    for (let b = 0; b < B; b++) {
      const at = <usize>(b * H + lo) * 4;
      rnnCell(relu, n, a + at, a + at);
      memory.copy(h + out + at, a + at, <usize>n * 4);
    }
  }
}

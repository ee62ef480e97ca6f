// Work sharing for one GEMM over several threads on shared memory. The caller writes a job into
// a control block; every participating thread (the caller and the helpers) claims chunks of C
// (columns when n >= m, else rows; tile-aligned) with an atomic compare-exchange on NEXT and runs
// sgemm on each, packing its own panels into its own workspace. A late or descheduled helper
// simply claims fewer chunks, so no thread waits on another's share.
//
// Control block, i32 slots from `ctl` (byte offsets = 4 x slot):
//   0 JOB   job counter, bumped by the caller to wake helpers (Atomics.wait/notify)
//   1 NEXT  claim word: job tag (7 bits) << 24 | chunk count << 12 | next chunk index
//   2 DONE  chunks finished
//   3 FAILED set by a helper that crashed;  4 PAGES memory size when the job was posted
//  16..32  transA, bMode (0 B, 1 B^T, 2 prepacked B: see sgemm), m, n, k, alpha (f32), a, lda,
//          b, ldb, beta (f32), c, ldc, alongN, chunk, work, workStride  (pointers in bytes,
//          sizes in elements)

import { B_PACKED, B_TRANSPOSED, sgemm } from "./gemm";

const NEXT: usize = 4;
const DONE: usize = 8;
const ARGS: usize = 64;

/**
 * Claims and runs chunks of the job in the control block at `ctl` until none is left; returns
 * the number of chunks this thread ran. `participant` (0 = caller) selects the workspace.
 */
export function sgemmShare(ctl: usize, participant: i32): i32 {
  let ran = 0;
  let v = atomic.load<i32>(ctl + NEXT);
  while ((v & 0xfff) < ((v >>> 12) & 0xfff)) {
    if (atomic.cmpxchg<i32>(ctl + NEXT, v, v + 1) == v) {
      runChunk(ctl, v & 0xfff, participant);
      atomic.add<i32>(ctl + DONE, 1);
      atomic.notify(ctl + DONE, 1);
      ran++;
    }
    v = atomic.load<i32>(ctl + NEXT);
  }
  return ran;
}

function runChunk(ctl: usize, idx: i32, participant: i32): void {
  const p = ctl + ARGS;
  const transA = load<i32>(p) != 0;
  const bMode = load<i32>(p, 4);
  const m = load<i32>(p, 8);
  const n = load<i32>(p, 12);
  const k = load<i32>(p, 16);
  const alpha = load<f32>(p, 20);
  const a = <usize>load<i32>(p, 24);
  const lda = load<i32>(p, 28);
  const b = <usize>load<i32>(p, 32);
  const ldb = load<i32>(p, 36);
  const beta = load<f32>(p, 40);
  const c = <usize>load<i32>(p, 44);
  const ldc = load<i32>(p, 48);
  const alongN = load<i32>(p, 52) != 0;
  const chunk = load<i32>(p, 56);
  const work = <usize>load<i32>(p, 60) + <usize>participant * <usize>load<i32>(p, 64);
  const lo = idx * chunk;
  const size = min(chunk, (alongN ? n : m) - lo);
  if (alongN) {
    // chunks start on panel edges, so a prepacked B's part starts at panel lo / NR
    const bCol = bMode == B_PACKED ? lo * k : bMode == B_TRANSPOSED ? lo * ldb : lo;
    sgemm(transA, bMode, m, size, k, alpha, a, lda, b + <usize>bCol * 4, ldb, beta, c + <usize>lo * 4, ldc, work);
  } else {
    const aPart = a + <usize>(transA ? lo : lo * lda) * 4;
    sgemm(transA, bMode, size, n, k, alpha, aPart, lda, b, ldb, beta, c + <usize>(lo * ldc) * 4, ldc, work);
  }
}

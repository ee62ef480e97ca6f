// Work sharing over several threads on shared memory. The caller writes a job into a control
// block; every participating thread (the caller and the helpers) claims chunks of it with an
// atomic compare-exchange on NEXT and runs them, so a late or descheduled helper simply claims
// fewer chunks and no thread waits on another's share.
//
// A job is `steps` steps of PER_STEP chunks each (chunk i is chunk i % PER_STEP of step
// i / PER_STEP); a chunk of step s is claimed only once every chunk of the steps before it is
// done (DONE >= s PER_STEP). One-step jobs (a GEMM, an Adam update, a cell) have no waits; a
// recurrence (sequence-share.as, and its backward sequence-backward.as) is one job for the whole sequence, its steps in order, the
// hidden units of each step split into chunks: the threads meet once per step, inside wasm.
//
// Control block, i32 slots from `ctl` (byte offsets = 4 x slot):
//   0 JOB       job counter, bumped by the caller to wake helpers (Atomics.wait/notify)
//   1 NEXT      claim word: job tag (7 bits) << 24 | next chunk index (24 bits)
//   2 DONE      chunks finished
//   3 FAILED    set by a helper that crashed;  4 PAGES memory size when the job was posted
//   5 KIND      what a chunk runs (KIND_* below);  6 TOTAL chunks of the job
//   7 PER_STEP  chunks per step;  8 CHUNK units (rows, columns, elements) per chunk
//   9 UNITS     units per step (the last chunk of a step stops there)
//   16..47      i32 arguments of the kind (pointers in bytes, sizes in elements)
//   bytes 192.. f64 arguments of the kind (8 of them)

import { B_PACKED, B_TRANSPOSED, sgemm } from "./gemm";
import { runKernelChunk } from "./share-kernels";
import { runSequenceChunk } from "./sequence-share";
import { KIND_LSTM_BACKWARD, sequenceBackwardChunk } from "./sequence-backward";

const NEXT: usize = 4;
const DONE: usize = 8;
const FAILED: usize = 12;
const KIND: usize = 20;
const PER_STEP: usize = 28;
const TOTAL: usize = 24;
const CHUNK: usize = 32;
const UNITS: usize = 36;
/** Byte offsets of the i32 and the f64 arguments. */
export const ARGS: usize = 64;
export const F64_ARGS: usize = 192;

/** Kinds of job: a GEMM split along m or n; kernels of share-kernels.as; sequences of sequence-share.as and sequence-backward.as. */
const KIND_GEMM: i32 = 0;
const KIND_SEQUENCE_FIRST: i32 = 16;

/** Polls of DONE before a thread that may block waits on it (a few tens of microseconds). */
const SPINS: i32 = 4096;
/** Longest single wait on DONE, in nanoseconds (a missed wake-up costs at most this). */
const WAIT_NS: i64 = 50_000;

/**
 * Claims and runs chunks of the job in the control block at `ctl` until none is left; returns
 * the number of chunks this thread ran. `participant` (0 = caller) selects the workspace;
 * `canWait` is false on a thread that must not block (a browser page's main thread): it spins.
 */
export function share(ctl: usize, participant: i32, canWait: bool): i32 {
  let ran = 0;
  for (;;) {
    // a crashed helper never finishes its chunk: return, and the caller reports it
    if (atomic.load<i32>(ctl + FAILED) != 0) return ran;
    const v = atomic.load<i32>(ctl + NEXT);
    const idx = v & 0xffffff;
    // read after v: when the claim below succeeds, these belong to v's job
    if (idx >= atomic.load<i32>(ctl + TOTAL)) return ran;
    const per = max(1, atomic.load<i32>(ctl + PER_STEP));
    const need = idx - idx % per;
    if (atomic.load<i32>(ctl + DONE) < need) {
      awaitDone(ctl, need, v, canWait);
      continue;
    }
    if (atomic.cmpxchg<i32>(ctl + NEXT, v, v + 1) != v) continue;
    runChunk(ctl, idx / per, idx % per, participant);
    atomic.add<i32>(ctl + DONE, 1);
    atomic.notify(ctl + DONE);
    ran++;
  }
  return ran;
}

/** Waits until DONE reaches `need`, NEXT moves away from `v` (a claim, or a new job) or a helper failed. */
function awaitDone(ctl: usize, need: i32, v: i32, canWait: bool): void {
  for (let polls = 0; ; polls++) {
    const done = atomic.load<i32>(ctl + DONE);
    if (done >= need || atomic.load<i32>(ctl + NEXT) != v || atomic.load<i32>(ctl + FAILED) != 0) return;
    if (canWait && polls >= SPINS) atomic.wait<i32>(ctl + DONE, done, WAIT_NS);
  }
}

/** Runs chunk `part` of step `step` of the job: units [lo, hi) of the step. */
function runChunk(ctl: usize, step: i32, part: i32, participant: i32): void {
  const kind = load<i32>(ctl + KIND);
  const chunk = load<i32>(ctl + CHUNK);
  const lo = part * chunk;
  const hi = min(lo + chunk, load<i32>(ctl + UNITS));
  if (kind == KIND_GEMM) gemmChunk(ctl + ARGS, lo, hi - lo, participant);
  else if (kind >= KIND_LSTM_BACKWARD) sequenceBackwardChunk(kind, ctl + ARGS, step, lo, hi, participant);
  else if (kind >= KIND_SEQUENCE_FIRST) runSequenceChunk(kind, ctl + ARGS, step, lo, hi, participant);
  else runKernelChunk(kind, ctl + ARGS, ctl + F64_ARGS, lo, hi);
}

/**
 * Columns (alongN) or rows [lo, lo + size) of C of the GEMM whose arguments are at p: transA,
 * bMode (0 B, 1 B^T, 2 prepacked B: see sgemm), m, n, k, alpha (f32), a, lda, b, ldb, beta (f32),
 * c, ldc, alongN, work, workStride. Each participant packs into its own workspace.
 */
function gemmChunk(p: usize, lo: i32, size: i32, participant: i32): void {
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
  const work = <usize>load<i32>(p, 56) + <usize>participant * <usize>load<i32>(p, 60);
  if (alongN) {
    // chunks start on panel edges, so a prepacked B's part starts at panel lo / NR
    const bCol = bMode == B_PACKED ? lo * k : bMode == B_TRANSPOSED ? lo * ldb : lo;
    sgemm(transA, bMode, m, size, k, alpha, a, lda, b + <usize>bCol * 4, ldb, beta, c + <usize>lo * 4, ldc, work);
  } else {
    const aPart = a + <usize>(transA ? lo : lo * lda) * 4;
    sgemm(transA, bMode, size, n, k, alpha, aPart, lda, b, ldb, beta, c + <usize>(lo * ldc) * 4, ldc, work);
  }
}

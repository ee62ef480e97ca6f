import type { TypedArray } from "../../tensor/dtype";
import type { Backend } from "../backend";
import type { Arena } from "./arena";
import type { WasmKernels } from "./module";
import type { PinnedCopies } from "./pins";
import type { GemmThreads } from "./threads";

/** The signature of `Backend.gemm`. */
export type Gemm = Backend["gemm"];

/** Multiply-adds (m n k) from which a product is split over the helper threads. */
export const PARALLEL_MIN_MACS = 1 << 20;
/** sgemm's bMode for a B prepacked into panels (see assembly/gemm.as). */
const B_PACKED = 2;
/** Rows and columns of a micro-tile (MR, NR in assembly/kernel.as): parts are cut on tile edges. */
const MR = 4;
const NR = 8;

/**
 * GEMM on the WebAssembly SIMD kernels: C = alpha * op(A) op(B) + beta * C (row-major).
 *
 * float32 operands are staged into the module's memory (one `set` per matrix when rows are
 * contiguous or nearly so, else one per row), multiplied by the blocked f32x4 kernel, and C is
 * copied back. An A that is pinned (`pins`: the same array, same length) is read from its
 * resident copy without a copy, a pinned B from its panels packed once per scope and shape (so
 * the kernel skips packing it too); C is always copied, and a pinned C's copy is marked stale.
 * Other dtypes (float64 for gradcheck, int32) and the degenerate k = 0 / alpha = 0 cases go to
 * `fallback`, the plain-JS GEMM, which defines the results. With `threads` (kernels on
 * shared memory), products of at least PARALLEL_MIN_MACS multiply-adds are cut along the larger of
 * m and n into two chunks per thread, which the threads claim as they get free; each chunk packs
 * its own panels into its thread's workspace.
 */
export function createWasmGemm(
  kernels: WasmKernels,
  arena: Arena,
  pins: PinnedCopies,
  fallback: Gemm,
  threads: GemmThreads | null = null,
): Gemm {
  let stagedLd = 0;

  /**
   * The byte offset of the stored rows x cols matrix at src[off], row stride ld, in wasm memory:
   * inside the resident copy of a pinned `src`, else copied into the arena. Sets stagedLd.
   */
  function stage(src: Float32Array, off: number, rows: number, cols: number, ld: number): number {
    const pinned = pins.lookup(src);
    if (pinned < 0) return copy(src, off, rows, cols, ld);
    stagedLd = ld;
    return pinned + off * 4;
  }

  /** Copies the stored rows x cols matrix at src[off], row stride ld, into the arena; sets stagedLd. */
  function copy(src: Float32Array, off: number, rows: number, cols: number, ld: number): number {
    const span = (rows - 1) * ld + cols;
    if (ld === cols || span <= 2 * rows * cols) {
      const at = arena.alloc(span * 4);
      arena.f32.set(src.subarray(off, off + span), at >> 2);
      stagedLd = ld;
      return at;
    }
    const at = arena.alloc(rows * cols * 4);
    const heap = arena.f32;
    for (let r = 0; r < rows; r++) {
      const from = off + r * ld;
      heap.set(src.subarray(from, from + cols), (at >> 2) + r * cols);
    }
    stagedLd = cols;
    return at;
  }

  return function gemmWasm(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    alpha: number,
    a: TypedArray,
    aOff: number,
    lda: number,
    b: TypedArray,
    bOff: number,
    ldb: number,
    beta: number,
    c: TypedArray,
    cOff: number,
    ldc: number,
  ): void {
    const f32 = a instanceof Float32Array && b instanceof Float32Array && c instanceof Float32Array;
    if (!f32 || k === 0 || alpha === 0) {
      fallback(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
      pins.written(c);
      return;
    }
    if (m === 0 || n === 0) return;
    arena.reset();
    // a pinned B comes prepacked into panels (packed once per scope and shape), before any scratch
    const packed = pins.packedB(b, transB, bOff, ldb, k, n);
    const pa = transA ? stage(a, aOff, k, m, lda) : stage(a, aOff, m, k, lda);
    const lda2 = stagedLd;
    let pb = packed;
    let ldb2 = ldb;
    if (packed < 0) {
      pb = transB ? stage(b, bOff, n, k, ldb) : stage(b, bOff, k, n, ldb);
      ldb2 = stagedLd;
    }
    const pc = beta === 0 ? arena.alloc(m * n * 4) : copy(c, cOff, m, n, ldc);
    const ldc2 = beta === 0 ? n : stagedLd;
    const ta = transA ? 1 : 0;
    const tb = packed >= 0 ? B_PACKED : transB ? 1 : 0;
    if (threads !== null && m * n * k >= PARALLEL_MIN_MACS) {
      // two chunks per thread, cut on micro-tile edges, claimed by whichever thread is free
      const alongN = n >= m;
      const tile = alongN ? NR : MR;
      const total = alongN ? n : m;
      const chunk = Math.ceil(total / (2 * (threads.helpers + 1)) / tile) * tile;
      const count = Math.ceil(total / chunk);
      const workStride = (kernels.workspaceBytes(alongN ? chunk : n) + 63) & ~63;
      const work = arena.alloc(workStride * (threads.helpers + 1));
      const operands = { a: pa, lda: lda2, b: pb, ldb: ldb2, beta, c: pc, ldc: ldc2 };
      threads.run({ transA: ta, bMode: tb, m, n, k, alpha, ...operands, alongN: alongN ? 1 : 0, chunk, count, work, workStride });
    } else {
      const work = arena.alloc(kernels.workspaceBytes(n));
      kernels.sgemm(ta, tb, m, n, k, alpha, pa, lda2, pb, ldb2, beta, pc, ldc2, work);
    }
    pins.written(c);
    const heap = arena.f32;
    const base = pc >> 2;
    if (ldc === n && ldc2 === n) {
      c.set(heap.subarray(base, base + m * n), cOff);
      return;
    }
    for (let r = 0; r < m; r++) {
      const from = base + r * ldc2;
      c.set(heap.subarray(from, from + n), cOff + r * ldc);
    }
  };
}

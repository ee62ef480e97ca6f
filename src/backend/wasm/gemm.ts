import type { TypedArray } from "../../tensor/dtype";
import type { Backend } from "../backend";
import type { Arena } from "./arena";
import type { WasmKernels } from "./module";
import { B_PACKED, B_TRANSPOSED } from "./staging";
import type { Staging } from "./staging";
import type { KernelThreads } from "./threads";

/** The signature of `Backend.gemm`. */
export type Gemm = Backend["gemm"];

/** Multiply-adds (m n k) from which a product is split over the helper threads. */
export const PARALLEL_MIN_MACS = 1 << 20;
/**
 * Chunks per thread of a split product. More, smaller chunks shorten the tail when one thread
 * starts late (a helper waking up); each chunk packs its own panels of A. Three measured best on
 * 2 cores (char-LM and seq2seq steps, minimum over 30 alternating steps: 3-4 chunks 7-17% under 2).
 */
const CHUNKS_PER_THREAD = 3;
/** Rows and columns of a micro-tile (MR, NR in assembly/kernel.as): parts are cut on tile edges. */
const MR = 4;
const NR = 8;

/**
 * sgemm on operands already in wasm memory (byte offsets, strides in elements; `bMode` as in
 * `WasmKernels.sgemm`): C = alpha op(A) op(B) + beta C, with m, n, k > 0. Its workspace comes
 * from the arena, so the operands must be staged first.
 */
export type ArenaGemm = (
  transA: boolean,
  bMode: number,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: number,
  lda: number,
  b: number,
  ldb: number,
  beta: number,
  c: number,
  ldc: number,
) => void;

/**
 * The core of the wasm GEMM, shared by `createWasmGemm` and the fused recurrent steps: with
 * `threads` (kernels on shared memory), products of at least PARALLEL_MIN_MACS multiply-adds are
 * cut into CHUNKS_PER_THREAD chunks per thread, which the threads claim as they get free; each
 * chunk packs its own panels into its thread's workspace. Else one sgemm call.
 *
 * Where to cut: a chunk of columns packs all of op(A), a chunk of rows all of op(B) unless B comes
 * packed. So when there are rows enough, op(B) is packed into panels once, by the caller, and the
 * chunks are rows (each row of A is then packed once, each column of B once): this pays when
 * packing B once (k n) costs less than the extra packs of A that cutting columns makes
 * ((parts - 1) m k, shared by the threads), i.e. unless n is much larger than m. A prepacked B
 * (a pinned W_hh) is cut along m whenever m has two micro-tiles per thread (the rows of a
 * recurrent step). Otherwise (few rows) the chunks are columns.
 */
export function createArenaGemm(kernels: WasmKernels, arena: Arena, threads: KernelThreads | null): ArenaGemm {
  return (transA, bMode, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc) => {
    const ta = transA ? 1 : 0;
    if (threads !== null && m * n * k >= PARALLEL_MIN_MACS) {
      const workers = threads.helpers + 1;
      const parts = CHUNKS_PER_THREAD * workers;
      const rowsEnough = m >= 2 * MR * workers;
      let mode = bMode;
      let bAt = b;
      if (bMode !== B_PACKED && rowsEnough && n * workers < (parts - 1) * m) {
        bAt = arena.alloc(k * Math.ceil(n / NR) * NR * 4);
        kernels.packBPanels(bMode === B_TRANSPOSED, b, ldb, k, n, bAt);
        mode = B_PACKED;
      }
      const alongN = mode === B_PACKED && rowsEnough ? false : n >= m;
      // chunks cut on micro-tile edges (a multiple of 4 rows splits into 5- and 4-row panels)
      const tile = alongN ? NR : MR;
      const total = alongN ? n : m;
      const chunk = Math.ceil(total / parts / tile) * tile;
      const count = Math.ceil(total / chunk);
      const workStride = (kernels.workspaceBytes(alongN ? chunk : n) + 63) & ~63;
      const work = arena.alloc(workStride * workers);
      const operands = { a, lda, b: bAt, ldb, beta, c, ldc };
      threads.run({ transA: ta, bMode: mode, m, n, k, alpha, ...operands, alongN: alongN ? 1 : 0, chunk, count, work, workStride });
    } else {
      const work = arena.alloc(kernels.workspaceBytes(n));
      kernels.sgemm(transA, bMode, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, work);
    }
  };
}

/**
 * GEMM on the WebAssembly SIMD kernels: C = alpha * op(A) op(B) + beta * C (row-major).
 *
 float32 operands that live in the module's memory (tensor storage) are read in place and C is
 * written in place (unless it shares bytes with A or B); others are staged into the memory (one
 * counted `set` per matrix when rows are contiguous or nearly so, else one per row) and C copied
 * back. A pinned A (`pins`: the same array, same length) is read from its kept copy, a pinned B
 * from its panels packed once per scope and shape (so the kernel skips packing it too); a pinned
 * C's copy is marked stale.
 * Other dtypes (float64 for gradcheck, int32) and the degenerate k = 0 / alpha = 0 cases go to
 * `fallback`, the plain-JS GEMM, which defines the results. `core` runs the product on the staged
 * operands (over the helper threads when it is large, see createArenaGemm).
 */
export function createWasmGemm(staging: Staging, core: ArenaGemm, fallback: Gemm): Gemm {
  const { arena, pins } = staging;
  const overlaps = overlapTest(staging);
  return (transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc) => {
    const f32 = a instanceof Float32Array && b instanceof Float32Array && c instanceof Float32Array;
    if (!f32 || k === 0 || alpha === 0) {
      fallback(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
      pins.written(c);
      return;
    }
    if (m === 0 || n === 0) return;
    arena.reset();
    // a pinned B comes prepacked into panels (packed once per scope and shape)
    const pb = staging.opB(b, transB, bOff, ldb, k, n);
    const pa = transA ? staging.operand(a, aOff, k, m, lda) : staging.operand(a, aOff, m, k, lda);
    // C in place when it lives in wasm memory and shares no bytes with A or B
    const inPlace = staging.resident(c) && !overlaps(c, a) && !overlaps(c, b);
    const pc = inPlace
      ? { at: c.byteOffset + cOff * 4, ld: ldc }
      : beta === 0
        ? { at: arena.alloc(m * n * 4), ld: n }
        : staging.copy(c, cOff, m, n, ldc);
    core(transA, pb.mode, m, n, k, alpha, pa.at, pa.ld, pb.at, pb.ld, beta, pc.at, pc.ld);
    staging.getRows(pc.at, pc.ld, m, n, c, cOff, ldc);
  };
}

/**
 * Y = X W^T + b on the wasm kernels (see Backend.linear): X and W staged as for `gemm` (a pinned
 * W read from its packed panels), Y's rows filled with b inside wasm memory (one row, then
 * doubling copies), so the product accumulates into them without copying a filled Y in.
 */
export function createWasmLinear(staging: Staging, core: ArenaGemm, fallback: Backend["linear"]): Backend["linear"] {
  const { arena } = staging;
  const overlaps = overlapTest(staging);
  return (m, n, k, x, xOff, w, wOff, bias, out, outOff) => {
    const f32 = x instanceof Float32Array && w instanceof Float32Array && out instanceof Float32Array;
    if (!f32 || (bias !== null && !(bias instanceof Float32Array)) || k === 0 || m === 0 || n === 0) {
      fallback(m, n, k, x, xOff, w, wOff, bias, out, outOff);
      staging.pins.written(out);
      return;
    }
    arena.reset();
    const pw = staging.opB(w, true, wOff, k, k, n);
    const px = staging.operand(x, xOff, m, k, k);
    const inPlace = staging.resident(out) && !overlaps(out, x) && !overlaps(out, w) && (bias === null || !overlaps(out, bias));
    const py = inPlace ? out.byteOffset + outOff * 4 : arena.alloc(m * n * 4);
    if (bias !== null) staging.broadcastRows(bias, py, m, n);
    core(false, pw.mode, m, n, k, 1, px.at, px.ld, pw.at, pw.ld, bias === null ? 0 : 1, py, n);
    staging.done(py, m * n, out, outOff);
  };
}

/**
 * A test of whether a resident array x shares bytes with y in the same memory (then a kernel
 * must not write x in place while reading y; views of one memory may sit on different buffer
 * objects after a growth, so the byte ranges decide).
 */
function overlapTest(staging: Staging): (x: TypedArray, y: TypedArray) => boolean {
  return (x, y) => staging.heap.owns(y.buffer) && x.byteOffset < y.byteOffset + y.byteLength && y.byteOffset < x.byteOffset + x.byteLength;
}

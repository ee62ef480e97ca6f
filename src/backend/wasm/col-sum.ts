import type { Backend } from "../backend";
import type { WasmKernels } from "./module";
import { SPLIT_MIN, chunkOf, splitPool } from "./split";
import type { Staging } from "./staging";
import { KIND } from "./threads";
import type { KernelThreads } from "./threads";

/** Below this many elements the plain-JS loop beats running the kernel. */
const MIN_ELEMENTS = 512;

/**
 * `Backend.colSum` on the WebAssembly SIMD kernel: out[outOff + j] += sum_r x[xOff + r ldx + j]
 * in float64, rows added in order, so the sums are bit-identical to the plain-JS ones.
 * x and the running sums are used in place when they live in the module's memory, else staged
 * (x as one `set` when its rows are contiguous or nearly so, else one per row; read from its kept
 * copy when pinned; the sums copied in and out); float64 x and small matrices go to `fallback`.
 * From SPLIT_MIN.colSum values the columns are split over the helper threads (8 at a time, the
 * kernel's vector width, so every column is summed as in one call).
 */
export function createWasmColSum(kernels: WasmKernels, staging: Staging, pool: KernelThreads | null, fallback: Backend["colSum"]): Backend["colSum"] {
  const { arena, heap, transfers } = staging;
  /** sums[j] += column j of the rows x cols matrix at x (stride ldx), on one thread or split by columns. */
  function run(rows: number, cols: number, x: number, ldx: number, sums: number): void {
    const threads = splitPool(pool, rows * cols, SPLIT_MIN.colSum, cols, 8);
    if (threads === null) kernels.colSum(rows, cols, x, ldx, sums);
    else threads.split({ kind: KIND.colSum, units: cols, chunk: chunkOf(cols, threads, 8), ints: [rows, x, ldx, sums] });
  }
  return function colSumWasm(rows, cols, x, xOff, ldx, out, outOff): void {
    if (!(x instanceof Float32Array) || rows * cols < MIN_ELEMENTS) {
      fallback(rows, cols, x, xOff, ldx, out, outOff);
      return;
    }
    arena.reset();
    const px = staging.operand(x, xOff, rows, cols, ldx);
    if (heap.owns(out.buffer)) {
      run(rows, cols, px.at, px.ld, out.byteOffset + outOff * 8);
      return;
    }
    const ps = arena.alloc(cols * 8);
    arena.f64.set(out.subarray(outOff, outOff + cols), ps >>> 3);
    run(rows, cols, px.at, px.ld, ps);
    out.set(arena.f64.subarray(ps >>> 3, (ps >>> 3) + cols), outOff);
    transfers.count(cols * 8);
    transfers.count(cols * 8);
  };
}

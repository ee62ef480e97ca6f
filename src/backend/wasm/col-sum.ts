import type { Backend } from "../backend";
import type { WasmKernels } from "./module";
import type { Staging } from "./staging";

/** Below this many elements the plain-JS loop beats running the kernel. */
const MIN_ELEMENTS = 512;

/**
 * `Backend.colSum` on the WebAssembly SIMD kernel: out[outOff + j] += sum_r x[xOff + r ldx + j]
 * in float64, rows added in order, so the sums are bit-identical to the plain-JS ones.
 * x and the running sums are used in place when they live in the module's memory, else staged
 * (x as one `set` when its rows are contiguous or nearly so, else one per row; read from its kept
 * copy when pinned; the sums copied in and out); float64 x and small matrices go to `fallback`.
 */
export function createWasmColSum(kernels: WasmKernels, staging: Staging, fallback: Backend["colSum"]): Backend["colSum"] {
  const { arena, heap, transfers } = staging;
  return function colSumWasm(rows, cols, x, xOff, ldx, out, outOff): void {
    if (!(x instanceof Float32Array) || rows * cols < MIN_ELEMENTS) {
      fallback(rows, cols, x, xOff, ldx, out, outOff);
      return;
    }
    arena.reset();
    const px = staging.operand(x, xOff, rows, cols, ldx);
    if (heap.owns(out.buffer)) {
      kernels.colSum(rows, cols, px.at, px.ld, out.byteOffset + outOff * 8);
      return;
    }
    const ps = arena.alloc(cols * 8);
    arena.f64.set(out.subarray(outOff, outOff + cols), ps >>> 3);
    kernels.colSum(rows, cols, px.at, px.ld, ps);
    out.set(arena.f64.subarray(ps >>> 3, (ps >>> 3) + cols), outOff);
    transfers.count(cols * 8);
    transfers.count(cols * 8);
  };
}

import type { Backend } from "../backend";
import type { Arena } from "./arena";
import type { WasmKernels } from "./module";
import type { PinnedCopies } from "./pins";

/** Below this many elements the plain-JS loop beats copying the matrix into wasm memory. */
const MIN_ELEMENTS = 512;

/**
 * `Backend.colSum` on the WebAssembly SIMD kernel: out[outOff + j] += sum_r x[xOff + r ldx + j]
 * in float64, rows added in order, so the sums are bit-identical to the plain-JS ones.
 * A float32 x is copied into the module's memory (one `set` when its rows are contiguous or
 * nearly so, else one per row; read in place when pinned), the running sums in and out;
 * float64 x and small matrices go to `fallback`.
 */
export function createWasmColSum(kernels: WasmKernels, arena: Arena, pins: PinnedCopies, fallback: Backend["colSum"]): Backend["colSum"] {
  return function colSumWasm(rows, cols, x, xOff, ldx, out, outOff): void {
    if (!(x instanceof Float32Array) || rows * cols < MIN_ELEMENTS) {
      fallback(rows, cols, x, xOff, ldx, out, outOff);
      return;
    }
    arena.reset();
    let px = pins.lookup(x);
    let ld = ldx;
    if (px >= 0) px += xOff * 4;
    else {
      const span = (rows - 1) * ldx + cols;
      if (ldx === cols || span <= 2 * rows * cols) {
        px = arena.alloc(span * 4);
        arena.f32.set(x.subarray(xOff, xOff + span), px >> 2);
      } else {
        px = arena.alloc(rows * cols * 4);
        const heap = arena.f32;
        for (let r = 0; r < rows; r++) heap.set(x.subarray(xOff + r * ldx, xOff + r * ldx + cols), (px >> 2) + r * cols);
        ld = cols;
      }
    }
    const ps = arena.alloc(cols * 8);
    arena.f64.set(out.subarray(outOff, outOff + cols), ps >> 3);
    kernels.colSum(rows, cols, px, ld, ps);
    out.set(arena.f64.subarray(ps >> 3, (ps >> 3) + cols), outOff);
  };
}

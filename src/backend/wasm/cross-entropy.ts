import type { Backend } from "../backend";
import type { WasmKernels } from "./module";
import { SPLIT_MIN, chunkOf, splitPool } from "./split";
import type { Staging } from "./staging";
import { KIND } from "./threads";
import type { KernelThreads } from "./threads";

/** Below this many scores the plain-JS loop beats staging them into wasm memory. */
const MIN_ELEMENTS = 64;

/**
 * `Backend.crossEntropyRows` on the WebAssembly SIMD kernel (assembly/softmax.as): the row
 * maximum, the exponentials (vectorized exp, within a few float32 ulp) and their sum in float64,
 * lse = m + log s in float64, and the gradient rows scaled in a second
 * pass while the row is in cache. Scores, losses and the gradient are used in place when they
 * live in the module's memory, else staged (one counted copy each); the targets are written as
 * int32 with ignored ones as -1. float64 scores and tiny inputs go to `fallback`. From
 * SPLIT_MIN.crossEntropy scores the rows are split over the helper threads (rows are independent).
 */
export function createWasmCrossEntropy(
  kernels: WasmKernels,
  staging: Staging,
  pool: KernelThreads | null,
  fallback: Backend["crossEntropyRows"],
): Backend["crossEntropyRows"] {
  const { arena, heap, pins, transfers } = staging;
  return function crossEntropyRowsWasm(N, C, x, xOff, targets, ignoreIndex, eps, w, loss, grad, gradOff): void {
    const f32 = x instanceof Float32Array && (grad === null || grad instanceof Float32Array);
    if (!f32 || N * C < MIN_ELEMENTS) {
      fallback(N, C, x, xOff, targets, ignoreIndex, eps, w, loss, grad, gradOff);
      if (grad !== null) pins.written(grad);
      return;
    }
    arena.reset();
    const px = staging.operand(x, xOff, N, C, C).at;
    const pt = arena.alloc(N * 4);
    const lossInPlace = heap.owns(loss.buffer);
    const pl = lossInPlace ? loss.byteOffset : arena.alloc(N * 8);
    const pg = grad === null ? 0 : staging.output(grad, gradOff, N * C);
    // views after the last alloc: a growth detaches an unshared buffer
    const t = new Int32Array(arena.f32.buffer, pt, N);
    for (let i = 0; i < N; i++) {
      const ti = targets[i] as number;
      t[i] = ti === ignoreIndex ? -1 : ti;
    }
    if (!heap.owns(targets.buffer)) transfers.count(N * 4);
    const threads = splitPool(pool, N * C, SPLIT_MIN.crossEntropy, N, 1);
    if (threads === null) kernels.crossEntropyRows(N, C, px, pt, eps, w, pl, pg);
    else threads.split({ kind: KIND.crossEntropy, units: N, chunk: chunkOf(N, threads, 1), ints: [C, px, pt, pl, pg], floats: [eps, w] });
    if (!lossInPlace) {
      loss.set(arena.f64.subarray(pl >>> 3, (pl >>> 3) + N));
      transfers.count(N * 8);
    }
    if (grad !== null) staging.done(pg, N * C, grad, gradOff);
  };
}

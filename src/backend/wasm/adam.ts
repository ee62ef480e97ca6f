import type { Backend } from "../backend";
import type { WasmKernels } from "./module";
import { SPLIT_MIN, chunkOf, splitPool } from "./split";
import type { Staging } from "./staging";
import { KIND } from "./threads";
import type { KernelThreads } from "./threads";

/** Below this many elements the plain-JS loop is as fast as a call into wasm. */
const MIN_ELEMENTS = 256;

/**
 * `Backend.adamStep` on the WebAssembly SIMD kernel (assembly/adam.as: f64x2 lanes, the same
 * operations and order as the plain-JS loop, so bit-identical results), for float32 arrays that
 * all live in the module's memory (tensor storage and optimizer state, used in place), split over
 * the helper threads from SPLIT_MIN.adam elements (each element's update is independent, so the
 * bits do not depend on the split). Anything
 * else goes to the plain-JS loop: staging four arrays in and three out would cost more than the
 * update itself.
 */
export function createWasmAdam(kernels: WasmKernels, staging: Staging, pool: KernelThreads | null, fallback: Backend["adamStep"]): Backend["adamStep"] {
  return function adamStepWasm(p, g, m, v, beta1, beta2, stepSize, invBc2Sqrt, eps): void {
    const n = p.length;
    const inPlace = n >= MIN_ELEMENTS && staging.resident(p) && staging.resident(g) && staging.resident(m) && staging.resident(v);
    if (!inPlace) {
      fallback(p, g, m, v, beta1, beta2, stepSize, invBc2Sqrt, eps);
      staging.pins.written(p);
      return;
    }
    const threads = splitPool(pool, n, SPLIT_MIN.adam, n, 8);
    if (threads === null) kernels.adamStep(n, p.byteOffset, g.byteOffset, m.byteOffset, v.byteOffset, beta1, beta2, stepSize, invBc2Sqrt, eps);
    else {
      const ints = [p.byteOffset, g.byteOffset, m.byteOffset, v.byteOffset];
      threads.split({ kind: KIND.adam, units: n, chunk: chunkOf(n, threads, 8), ints, floats: [beta1, beta2, stepSize, invBc2Sqrt, eps] });
    }
    staging.pins.written(p);
  };
}

import type { TypedArray } from "../tensor/dtype";

/**
 * The compute kernels behind the ops. No autograd, no validation (the op front ends validate
 * once); plain loops over typed arrays. The plain-JS backend implements all of them; a faster
 * backend (WebAssembly SIMD) may replace any subset through `setBackend`.
 */
export interface Backend {
  /** Name shown by `getBackend().name`, e.g. `js` or `wasm`. */
  readonly name: string;

  /**
   * General matrix multiply, row-major: C = alpha * op(A) op(B) + beta * C, with op(X) = X or X^T.
   * op(A) is [m, k], op(B) is [k, n], C is [m, n]. `lda`, `ldb`, `ldc` are row strides of the stored
   * (untransposed) matrices; `aOff`, `bOff`, `cOff` are element offsets into the arrays.
   */
  gemm(
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
  ): void;
}

let current: Backend | null = null;
let fallback: Backend | null = null;

/** Registers the plain-JS backend (done once by the backend index). */
export function registerFallback(backend: Backend): void {
  fallback = backend;
  if (current === null) current = backend;
}

/** The backend in use. */
export function getBackend(): Backend {
  if (current === null) throw new Error("seqgrad: no compute backend registered");
  return current;
}

/** Switches backend (e.g. to the WebAssembly one); returns the previous one. */
export function setBackend(backend: Backend): Backend {
  const previous = getBackend();
  current = backend;
  return previous;
}

/** The plain-JS backend, always available. */
export function jsBackend(): Backend {
  if (fallback === null) throw new Error("seqgrad: the plain-JS backend is not registered");
  return fallback;
}

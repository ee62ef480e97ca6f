import type { TypedArray } from "../tensor/dtype";

/**
 * A matrix kept resident in a backend's memory between `Backend.pin` and `Backend.unpin`: the
 * prepared-operand scope.
 *
 * A backend whose kernels run on their own memory (WebAssembly) copies every float32 operand in
 * for each GEMM. A recurrence multiplies by the same weight at every step,
 *
 *   a_t = x_t W_ih^T + h_{t-1} W_hh^T + b   (forward),   dL/dh_{t-1} = dL/da_t W_hh   (backward),
 *
 * where W_hh is [G*H, H] (`weight_hh_l0`, G gates: 4 LSTM, 3 GRU, 1 RNN), so without pinning it
 * copies G*H*H floats per step and direction (1 MiB per step for an LSTM with H = 256). Pinning
 * copies W_hh once; until `unpin`, every GEMM that is handed the very same typed array (identity)
 * of the same length as its A or B operand reads the resident copy instead of copying it again.
 * The GEMM calls themselves do not change: they keep passing `w.wHh.data`.
 *
 * Contract:
 * - Between `pin` and `unpin` the caller must not modify the array itself (writes made by the
 *   backend's own kernels, e.g. a GEMM whose C is the pinned array, are seen). A fused
 *   recurrence's forward and backward satisfy this: the optimizer updates weights in place only
 *   between training steps, outside both scopes.
 * - Nothing is cached across scopes: `pin` always copies the array's current contents (even when
 *   it is already pinned), and after the last `unpin` of an array its copy is gone, so changes
 *   made between scopes are always seen.
 * - Pins nest and may be released in any order; each handle is released exactly once.
 * - Only float32 data benefits; other dtypes (float64 gradcheck, int32) pin as a no-op.
 *
 * How the fused recurrence should use it (one scope per forward, one per backward):
 * ```ts
 * // forward, around the step loop of one direction:
 * const pinned = backend.pin(w.wHh.data);
 * try { for (...) gemm(false, true, B, GH, H, 1, hs, prev, H, w.wHh.data, 0, H, 1, acts, off, GH); }
 * finally { backend.unpin(pinned); }
 * // backward: the first step closure to run (step T-1, where the gate-gradient buffers are
 * // allocated) pins and keeps the handle with those buffers; the last one to run (step 0, which
 * // hands dG to the projection node) unpins, before the optimizer can touch W_hh.
 * ```
 * The JS backend implements it as the identity (it reads the arrays in place).
 */
export interface PinnedOperand {
  /** The pinned array itself; pass it (not a copy or subarray) to GEMM as A or B. */
  readonly data: TypedArray;
  /** Its length when pinned; a GEMM uses the resident copy only while the array has this length. */
  readonly length: number;
}

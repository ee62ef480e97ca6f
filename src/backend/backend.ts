import { ValueError } from "../errors";
import type { TypedArray } from "../tensor/dtype";
import type { PinnedOperand } from "./pinned";
import type { GRUCellBackwardOperands, GRUCellOperands, LSTMCellBackwardOperands, LSTMCellOperands } from "./recurrent-operands";
import type { RecurrentSteps } from "./recurrent-steps";

/**
 * The compute kernels behind the ops. No autograd, no validation (the op front ends validate
 * once); plain loops over typed arrays. The plain-JS backend implements all of them; a faster
 * backend (WebAssembly SIMD) may replace any subset and delegate the rest to it. The whole steps
 * of a fused recurrence (GEMM and cell in one call) are declared in `RecurrentSteps`.
 */
export interface Backend extends RecurrentSteps {
  /** Name shown by `getBackend().name`, e.g. `js` or `wasm`. */
  readonly name: string;

  /** What this backend runs on, e.g. `WebAssembly SIMD128, 2 threads for large kernels`. */
  readonly detail?: string;

  /**
   * Copies between JavaScript arrays and the backend's own memory since the process started
   * (count and bytes), for backends that have one (wasm); the bench prints them per training step.
   */
  transfers?(): { readonly copies: number; readonly bytes: number };

  /**
   * General matrix multiply, row-major: C = alpha * op(A) op(B) + beta * C, with op(X) = X or X^T.
   * op(A) is [m, k], op(B) is [k, n], C is [m, n]. `lda`, `ldb`, `ldc` are row strides of the stored
   * (untransposed) matrices; `aOff`, `bOff`, `cOff` are element offsets into the arrays.
   * beta = 0 overwrites C without reading it.
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

  /**
   * The product of a linear layer, with its bias: Y = X W^T + b, i.e.
   *   out[outOff + r n + j] = sum_p x[xOff + r k + p] w[wOff + j k + p] + bias[j]
   * for X [m, k], W [n, k] (PyTorch's `weight` layout) and Y [m, n], rows contiguous; `bias` [n]
   * or null. The same as filling Y's rows with b and calling `gemm(false, true, ..., beta 1)`; a
   * backend on its own memory broadcasts b there instead of copying a filled Y in.
   */
  linear(
    m: number,
    n: number,
    k: number,
    x: TypedArray,
    xOff: number,
    w: TypedArray,
    wOff: number,
    bias: TypedArray | null,
    out: TypedArray,
    outOff: number,
  ): void;

  /**
   * Keeps `data` resident for GEMM operands until `unpin` (see `PinnedOperand` for the contract:
   * the caller must not modify `data` while pinned; every `pin` copies its current contents).
   * Example: `const p = backend.pin(w.data); try { ...gemm(..., w.data, ...) } finally { backend.unpin(p); }`
   */
  pin(data: TypedArray): PinnedOperand;

  /** Ends the scope opened by `pin`; the resident copy goes when the array's last pin is released. */
  unpin(pinned: PinnedOperand): void;

  /**
   * Column sums, accumulated in float64: out[outOff + j] += sum_{r < rows} x[xOff + r ldx + j]
   * for j < cols, rows added in order. The bias gradients of a layer, db = sum_rows dL/dY: the
   * [T*B, G*H] gate gradients dG of a fused recurrence (or its [B, G*H] block of one step), the
   * [rows, out] output gradient of Linear.
   */
  colSum(rows: number, cols: number, x: TypedArray, xOff: number, ldx: number, out: Float64Array, outOff: number): void;

  /**
   * The rows of a softmax cross-entropy (the work of `crossEntropy`), for i < N over the scores
   * x [N, C] at xOff and the targets t = targets[i]:
   *   lse_i = m_i + log sum_c e^(x_ic - m_i),  m_i = max_c x_ic
   *   loss[i] = (1 - eps) (lse_i - x_i,t_i) + eps (lse_i - (1/C) sum_c x_ic)
   *   grad[gradOff + i C + c] = w (e^(x_ic - lse_i) - eps / C) - w (1 - eps) [c = t_i]
   * Rows whose target is `ignoreIndex` get loss 0 and a zero gradient row; `grad` null: losses only.
   */
  crossEntropyRows(
    N: number,
    C: number,
    x: TypedArray,
    xOff: number,
    targets: Int32Array,
    ignoreIndex: number,
    eps: number,
    w: number,
    loss: Float64Array,
    grad: TypedArray | null,
    gradOff: number,
  ): void;

  /**
   * The Adam update of one parameter (no weight decay, amsgrad or maximize), in place over the
   * whole arrays p (theta), g, m, v of equal length, in float64 arithmetic with each store rounded
   * to the arrays' type:
   *   m = beta1 m + (1 - beta1) g,  v = beta2 v + (1 - beta2) g g,
   *   p = p - (stepSize m) / (sqrt(v) invBc2Sqrt + eps)   (m, v read back as stored)
   * with stepSize = lr / (1 - beta1^t) and invBc2Sqrt = 1 / sqrt(1 - beta2^t).
   */
  adamStep(
    p: TypedArray,
    g: TypedArray,
    m: TypedArray,
    v: TypedArray,
    beta1: number,
    beta2: number,
    stepSize: number,
    invBc2Sqrt: number,
    eps: number,
  ): void;

  /** out[outOff + i] = 1 / (1 + exp(-x[xOff + i])) for i < n; x and out may be the same array. */
  sigmoid(n: number, x: TypedArray, xOff: number, out: TypedArray, outOff: number): void;

  /** out[outOff + i] = tanh(x[xOff + i]) for i < n; x and out may be the same array. */
  tanh(n: number, x: TypedArray, xOff: number, out: TypedArray, outOff: number): void;

  /**
   * Pointwise part of an LSTM step for B rows of H units, every row live:
   *   i = s(a_i), f = s(a_f), g = tanh(a_g), o = s(a_o),  c_t = f c_{t-1} + i g,  h_t = o tanh(c_t)
   * `acts` [B, 4H] at actsOff holds the pre-activations a (packed i|f|g|o) and receives i, f, g, o;
   * c_{t-1} is read from `c` at cPrevOff, c_t written at cOff; h_t goes to `h` at hOff and
   * tanh(c_t) to `tanhC` at tanhCOff (all [B, H], rows contiguous).
   */
  lstmCell(operands: LSTMCellOperands): void;

  /**
   * Pointwise part of a GRU step (PyTorch's convention) for B rows of H units, every row live:
   *   r = s(x_r + hw_r), z = s(x_z + hw_z), n = tanh(x_n + r hw_n), h_t = (1 - z) n + z h_{t-1}
   * `acts` [B, 3H] at actsOff holds x W_ih^T + b_ih (packed r|z|n) and receives r, z, n; `hw`
   * [B, 3H] at hwOff holds h_{t-1} W_hh^T + b_hh; h_{t-1} is read from `h` at hPrevOff and h_t
   * written at hOff; hw_n is copied to `hn` [B, H] at hnOff (the backward needs it).
   */
  gruCell(operands: GRUCellOperands): void;

  /**
   * Backward of `lstmCell` for B rows of H units, every row live:
   *   dc~ = dc + dh o (1 - tanh^2 c_t),  dc_{t-1} = dc~ f
   *   da_i = dc~ g i(1-i),  da_f = dc~ c_{t-1} f(1-f),  da_g = dc~ i (1-g^2),  da_o = dh tanh(c_t) o(1-o)
   * `gates` [B, 4H] at gatesOff holds the activations i|f|g|o of the forward; c_{t-1} is read from
   * `cPrev` at cPrevOff and tanh(c_t) from `tanhC` at tanhCOff; dh = dL/dh_t from `dh` at dhOff;
   * `dc` at dcOff holds dL/dc_t and receives dL/dc_{t-1} (all [B, H], rows contiguous). The gate
   * gradients dL/da (packed i|f|g|o) are written to `dG` [B, 4H] at dGOff.
   */
  lstmCellBackward(operands: LSTMCellBackwardOperands): void;

  /**
   * Backward of `gruCell` for B rows of H units, every row live:
   *   dn = dh (1 - z) (1 - n^2),  dz = dh (h_{t-1} - n) z(1-z),  dr = dn hw_n r(1-r)
   *   dGx = dr | dz | dn,  dGh = dr | dz | dn r,  dh_{t-1} = dh z   (before the caller adds dGh W_hh)
   * `gates` [B, 3H] at gatesOff holds the activations r|z|n of the forward, `hn` [B, H] at hnOff
   * the hw_n it saved; h_{t-1} is read from `h` at hPrevOff and dh = dL/dh_t from `dh` at dhOff.
   * Written: dGx (gradient of x W_ih^T + b_ih) [B, 3H] at dGxOff, dGh (of h_{t-1} W_hh^T + b_hh)
   * [B, 3H] at dGhOff, and dh z to `dhPrev` [B, H] at dhPrevOff.
   */
  gruCellBackward(operands: GRUCellBackwardOperands): void;
}

const registry = new Map<string, Backend>();
let current: Backend | null = null;
let fallback: Backend | null = null;

/** Registers the plain-JS backend (done once by the backend index); it becomes current if none is. */
export function registerFallback(backend: Backend): void {
  fallback = backend;
  registry.set(backend.name, backend);
  if (current === null) current = backend;
}

/** Makes a backend selectable by name through `setBackend`. */
export function registerBackend(backend: Backend): void {
  registry.set(backend.name, backend);
}

/** The names of the backends available in this process, e.g. `["js", "wasm"]`. */
export function listBackends(): string[] {
  return [...registry.keys()];
}

/** The backend in use. */
export function getBackend(): Backend {
  if (current === null) throw new ValueError("getBackend: no compute backend registered; expected the js backend, got none");
  return current;
}

/**
 * Switches backend, by name (`"js"`, `"wasm"`) or object; returns the previous one.
 * Example: `const before = setBackend("js"); ...; setBackend(before);`
 */
export function setBackend(backend: Backend | string): Backend {
  const next = typeof backend === "string" ? registry.get(backend) : backend;
  if (next === undefined) {
    const names = listBackends().map((n) => `"${n}"`).join(", ");
    throw new ValueError(`setBackend: unknown backend; expected one of ${names}, got "${String(backend)}"`);
  }
  const previous = getBackend();
  current = next;
  return previous;
}

/** The plain-JS backend, always available. */
export function jsBackend(): Backend {
  if (fallback === null) throw new ValueError("jsBackend: the plain-JS backend is not registered; expected it, got none");
  return fallback;
}

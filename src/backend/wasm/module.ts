import {
  WASM_MODULE_BASE64,
  WASM_MODULE_FMA_BASE64,
  WASM_SHARED_MODULE_BASE64,
  WASM_SHARED_MODULE_FMA_BASE64,
} from "./generated/module";
import { relaxedSimdAllowed } from "./relaxed";

/** The part of a WebAssembly.Memory the backend uses (lib "dom" is not in this project's types). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  /** Grows by `pages` of 64 KiB; returns the previous size in pages. */
  grow(pages: number): number;
}

/** The exports of the compiled kernels module (see assembly/index.as). */
export interface WasmKernels {
  readonly memory: WasmMemory;
  /** True for the relaxed-SIMD variant (fused multiply-add in the GEMM micro-kernel). */
  readonly fma: boolean;
  /** First 16-byte aligned byte after the module's static data. */
  heapBase(): number;
  /** Bytes of scratch `sgemm` needs for a product with `n` columns. */
  workspaceBytes(n: number): number;
  /**
   * C = alpha op(A) op(B) + beta C on f32 data in `memory` (pointers in bytes, strides in elements).
   * `bMode`: 0 op(B) = B, 1 op(B) = B^T, 2 `b` holds op(B) prepacked by `packBPanels`.
   */
  sgemm(
    transA: number,
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
    work: number,
  ): void;
  /** Packs op(B) [k, n] (B^T when trans is 1) into the panels of sgemm's bMode 2; 4 k ceil(n/8)*8 bytes at out. */
  packBPanels(trans: number, b: number, ldb: number, k: number, n: number, out: number): void;
  /** out = sigmoid(x) over n floats (pointers in bytes). */
  sigmoidArray(n: number, x: number, out: number): void;
  /** out = tanh(x) over n floats. */
  tanhArray(n: number, x: number, out: number): void;
  /** The LSTM cell on [B, 4H] pre-activations and [B, H] states (see assembly/cells.as). */
  lstmCell(B: number, H: number, acts: number, cPrev: number, c: number, h: number, tanhC: number): void;
  /** The GRU cell on [B, 3H] pre-activations and [B, H] states (see assembly/cells.as). */
  gruCell(B: number, H: number, acts: number, hw: number, hPrev: number, h: number, hn: number): void;
  /** Backward of the LSTM cell: dG [B, 4H] from the gates, states and dh; dc updated in place. */
  lstmCellBackward(B: number, H: number, gates: number, cPrev: number, tanhC: number, dh: number, dc: number, dG: number): void;
  /** Backward of the GRU cell: dGx, dGh [B, 3H] and dh z [B, H] from the gates, hw_n, h_{t-1} and dh. */
  gruCellBackward(
    B: number,
    H: number,
    gates: number,
    hn: number,
    hPrev: number,
    dh: number,
    dGx: number,
    dGh: number,
    dhPrev: number,
  ): void;
  /** The Elman cell over n values: h = tanh(a) (relu 0) or max(a, 0) (relu 1); a and h may alias (see assembly/rnn.as). */
  rnnCell(relu: number, n: number, a: number, h: number): void;
  /** Backward of the Elman cell over n values: dG = dh (1 - h^2) or dh [h > 0]. */
  rnnCellBackward(relu: number, n: number, h: number, dh: number, dG: number): void;
  /** sums[j] = sum_r x[r * ldx + j] for j < cols, f32 data summed in f64 (see assembly/reduce.as). */
  colSum(rows: number, cols: number, x: number, ldx: number, sums: number): void;
  /**
   * Softmax cross-entropy of N rows of C f32 scores at x, int32 targets at t (-1: ignored): f64
   * losses [N] at loss and, unless grad is 0, the f32 gradient rows [N, C] there (see assembly/softmax.as).
   */
  crossEntropyRows(N: number, C: number, x: number, t: number, eps: number, w: number, loss: number, grad: number): void;
  /** The LSTM forward over T live steps on W_hh^T panels (packBPanels); see assembly/sequence.as. */
  lstmSequence(
    T: number,
    B: number,
    H: number,
    reverse: number,
    w: number,
    acts: number,
    c: number,
    h: number,
    tanhC: number,
    work: number,
  ): void;
  /** The GRU forward over T live steps; `bias` is b_hh or 0, `hw` [B, 3H] scratch (see assembly/sequence.as). */
  gruSequence(
    T: number,
    B: number,
    H: number,
    reverse: number,
    w: number,
    bias: number,
    acts: number,
    h: number,
    hn: number,
    hw: number,
    work: number,
  ): void;
  /** The Elman forward over T live steps, relu 1 or tanh 0 (see assembly/sequence.as). */
  rnnSequence(
    T: number,
    B: number,
    H: number,
    relu: number,
    reverse: number,
    w: number,
    acts: number,
    h: number,
    work: number,
  ): void;
  /** Shared variant only: claims and runs chunks of the job at `ctl` (see assembly/parallel.as). */
  sgemmShare(ctl: number, participant: number): number;
}

/** The part of the global WebAssembly object used here. */
interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
}

/** The shared-memory variant: its compiled module and memory go to worker threads. */
export interface SharedKernels {
  readonly kernels: WasmKernels;
  /** The compiled module (a WebAssembly.Module), instantiated again in each worker. */
  readonly module: object;
}

/** Pages (64 KiB) the shared memory may grow to: 4 GiB, the wasm32 limit. */
const SHARED_MAX_PAGES = 65536;

/**
 * Compiles and instantiates the embedded kernels module, synchronously: the relaxed-SIMD variant
 * where the engine validates it (or can be made to, see relaxed.ts) and `fma` is not false, else
 * the SIMD128 one. Returns null when this engine has no WebAssembly or no SIMD128, so callers
 * fall back to the plain-JS backend.
 */
export function instantiateKernels(fma = true): WasmKernels | null {
  const api = webAssembly();
  if (api === null) return null;
  const picked = pick(api, fma ? WASM_MODULE_FMA_BASE64 : null, WASM_MODULE_BASE64);
  if (picked === null) return null;
  return kernelsOf(new api.Instance(new api.Module(picked.bytes), {}).exports, picked.fma);
}

/** The first of the two variants (relaxed SIMD unless null, SIMD128) that this engine validates. */
function pick(api: WebAssemblyApi, fma: string | null, base: string): { bytes: Uint8Array; fma: boolean } | null {
  if (fma !== null) {
    const fmaBytes = decodeBase64(fma);
    if (relaxedSimdAllowed(() => api.validate(fmaBytes))) return { bytes: fmaBytes, fma: true };
  }
  const bytes = decodeBase64(base);
  return api.validate(bytes) ? { bytes, fma: false } : null;
}

/**
 * The shared-memory variant, or null where shared WebAssembly memory is unavailable (no
 * SharedArrayBuffer, e.g. a browser page without cross-origin isolation).
 */
export function instantiateSharedKernels(fma = true): SharedKernels | null {
  const api = webAssembly();
  if (api === null || typeof SharedArrayBuffer === "undefined") return null;
  const picked = pick(api, fma ? WASM_SHARED_MODULE_FMA_BASE64 : null, WASM_SHARED_MODULE_BASE64);
  if (picked === null) return null;
  const memory = new api.Memory({ initial: 2, maximum: SHARED_MAX_PAGES, shared: true });
  const module = new api.Module(picked.bytes);
  return { kernels: kernelsOf(new api.Instance(module, { env: { memory } }).exports, picked.fma), module };
}

function webAssembly(): WebAssemblyApi | null {
  return (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly ?? null;
}

function kernelsOf(exports: Record<string, unknown>, fma: boolean): WasmKernels {
  return {
    memory: exports["memory"] as WasmMemory,
    fma,
    heapBase: exports["heapBase"] as WasmKernels["heapBase"],
    workspaceBytes: exports["workspaceBytes"] as WasmKernels["workspaceBytes"],
    sgemm: exports["sgemm"] as WasmKernels["sgemm"],
    packBPanels: exports["packBPanels"] as WasmKernels["packBPanels"],
    sigmoidArray: exports["sigmoidArray"] as WasmKernels["sigmoidArray"],
    tanhArray: exports["tanhArray"] as WasmKernels["tanhArray"],
    lstmCell: exports["lstmCell"] as WasmKernels["lstmCell"],
    gruCell: exports["gruCell"] as WasmKernels["gruCell"],
    lstmCellBackward: exports["lstmCellBackward"] as WasmKernels["lstmCellBackward"],
    gruCellBackward: exports["gruCellBackward"] as WasmKernels["gruCellBackward"],
    rnnCell: exports["rnnCell"] as WasmKernels["rnnCell"],
    rnnCellBackward: exports["rnnCellBackward"] as WasmKernels["rnnCellBackward"],
    colSum: exports["colSum"] as WasmKernels["colSum"],
    crossEntropyRows: exports["crossEntropyRows"] as WasmKernels["crossEntropyRows"],
    lstmSequence: exports["lstmSequence"] as WasmKernels["lstmSequence"],
    gruSequence: exports["gruSequence"] as WasmKernels["gruSequence"],
    rnnSequence: exports["rnnSequence"] as WasmKernels["rnnSequence"],
    sgemmShare: (exports["sgemmShare"] ?? noSharing) as WasmKernels["sgemmShare"],
  };
}

function noSharing(): number {
  return 0;
}

/** Decodes base64 with Node's Buffer when present, else with atob (browsers). */
function decodeBase64(text: string): Uint8Array {
  if (typeof Buffer !== "undefined") return new Uint8Array(Buffer.from(text, "base64"));
  const raw = atob(text);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

import {
  WASM_MODULE_BASE64,
  WASM_MODULE_FMA_BASE64,
  WASM_SHARED_MODULE_BASE64,
  WASM_SHARED_MODULE_FMA_BASE64,
} from "./generated/module";
import { WasmExports, WasmSharedExports, bindExports, bindSharedExports } from "./generated/exports";
import { relaxedSimdAllowed } from "./relaxed";

/** The part of a WebAssembly.Memory the backend uses (lib "dom" is not in this project's types). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  /** Grows by `pages` of 64 KiB; returns the previous size in pages. */
  grow(pages: number): number;
}

/**
 * The compiled kernels module: its memory, which variant it is, and its functions, typed by
 * `WasmExports`, which the build generates from the AssemblyScript signatures (see
 * scripts/build-wasm.mjs; each function's documentation is in its assembly/*.as source).
 */
export interface WasmKernels extends WasmExports, WasmSharedExports {
  readonly memory: WasmMemory;
  /** True for the relaxed-SIMD variant (fused multiply-add in the GEMM micro-kernel). */
  readonly fma: boolean;
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
  // the plain variant has no work sharing: helper threads exist only with the shared one
  const shared = bindSharedExports(exports) ?? { share: noSharing };
  return { memory: exports["memory"] as WasmMemory, fma, ...bindExports(exports), ...shared };
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

import type { Backend } from "../backend";
import { createWasmGemm } from "./gemm";
import { instantiateKernels } from "./module";

/**
 * The WebAssembly SIMD backend: the hot kernels compiled from assembly/*.as at build time, the
 * plain-JS backend for everything they do not cover (float64, int32). Returns null when the
 * engine lacks WebAssembly SIMD128.
 */
export function createWasmBackend(js: Backend): Backend | null {
  const kernels = instantiateKernels();
  if (kernels === null) return null;
  return { name: "wasm", gemm: createWasmGemm(kernels, js.gemm) };
}

import { envVar, nodeBuiltin } from "../../runtime/node-builtin";
import type { Backend } from "../backend";
import { createWasmAdam } from "./adam";
import { Arena } from "./arena";
import { WasmHeap } from "./heap";
import { DEFAULT_STORAGE_LIMIT, TensorStorage } from "./storage";
import { Transfers } from "./transfers";
import { createWasmCells } from "./cells";
import { createWasmColSum } from "./col-sum";
import { createWasmCrossEntropy } from "./cross-entropy";
import { createArenaGemm, createWasmGemm, createWasmLinear } from "./gemm";
import { WasmKernels, instantiateKernels, instantiateSharedKernels } from "./module";
import { PinnedCopies } from "./pins";
import { Staging } from "./staging";
import { createWasmSteps } from "./steps";
import { CONTROL_BYTES, GemmThreads, loadWorkerThreads } from "./threads";

/** Options of the WebAssembly backend. */
export interface WasmBackendOptions {
  /** Threads for large GEMMs, the caller's included (default: env SEQGRAD_THREADS, else min(2, cores)). */
  threads?: number;
  /** Use the relaxed-SIMD (fused multiply-add) kernels where possible (default true; see relaxed.ts). */
  fma?: boolean;
}

/**
 * The WebAssembly SIMD backend: the hot kernels compiled from assembly/*.as at build time, the
 * plain-JS backend for everything they do not cover (float64, int32). Returns null when the
 * engine lacks WebAssembly SIMD128.
 *
 * Where SharedArrayBuffer exists (Node; a cross-origin-isolated page or worker) the kernels run
 * on a shared memory: tensor storage can live in it (`storage`, see storage.ts), and with more
 * than one thread (Node) large GEMMs are split over worker threads. Elsewhere the memory is
 * private and every operand is staged (copied in and out, see Staging).
 */
export function createWasmBackend(js: Backend, options: WasmBackendOptions = {}): WasmBackend | null {
  const threads = options.threads ?? defaultThreads();
  const fma = options.fma ?? true;
  const shared = instantiateSharedKernels(fma);
  if (shared !== null) {
    // the control block of the helper threads sits at the start of the heap, the blocks after it
    const ctl = (shared.kernels.heapBase() + 63) & ~63;
    const pool = threads > 1 && loadWorkerThreads() !== null ? new GemmThreads(shared, threads - 1, ctl) : null;
    return assemble(shared.kernels, js, pool, ctl + CONTROL_BYTES);
  }
  const kernels = instantiateKernels(fma);
  return kernels === null ? null : assemble(kernels, js, null, kernels.heapBase());
}

/** The wasm backend, with what only it has: its tensor storage (null on an unshared memory). */
export interface WasmBackend extends Backend {
  readonly storage: TensorStorage | null;
}

function assemble(kernels: WasmKernels, js: Backend, pool: GemmThreads | null, base: number): WasmBackend {
  const heap = new WasmHeap(kernels.memory, base);
  const transfers = new Transfers();
  const arena = new Arena(heap);
  const pins = new PinnedCopies(kernels, heap, transfers);
  const staging = new Staging(arena, pins, transfers);
  const core = createArenaGemm(kernels, arena, pool);
  const simd = kernels.fma ? "SIMD128 + relaxed-SIMD FMA" : "SIMD128";
  const threads = pool === null ? "1 thread" : `${pool.helpers + 1} threads for large GEMMs`;
  return {
    name: "wasm",
    detail: `WebAssembly ${simd}, ${threads}`,
    storage: heap.shared ? new TensorStorage(heap, storageLimit()) : null,
    transfers: () => transfers.snapshot(),
    gemm: createWasmGemm(staging, core, js.gemm),
    linear: createWasmLinear(staging, core, js.linear),
    pin: (data) => pins.pin(data),
    unpin: (pinned) => pins.unpin(pinned),
    colSum: createWasmColSum(kernels, staging, js.colSum),
    adamStep: createWasmAdam(kernels, staging, js.adamStep),
    crossEntropyRows: createWasmCrossEntropy(kernels, staging, js.crossEntropyRows),
    ...createWasmCells(kernels, staging, js),
    ...createWasmSteps(kernels, staging, core, js),
  };
}

/** SEQGRAD_WASM_STORAGE_MB in bytes if set (0 keeps every tensor on the JavaScript heap), else the default. */
function storageLimit(): number {
  const env = envVar("SEQGRAD_WASM_STORAGE_MB");
  const mb = env === undefined ? NaN : Number(env);
  return Number.isFinite(mb) && mb >= 0 ? mb * 2 ** 20 : DEFAULT_STORAGE_LIMIT;
}

/** SEQGRAD_THREADS if set (1 disables the helper threads), else min(2, available cores). */
function defaultThreads(): number {
  const env = envVar("SEQGRAD_THREADS");
  const fromEnv = env === undefined ? NaN : Number.parseInt(env, 10);
  if (Number.isInteger(fromEnv) && fromEnv >= 1) return fromEnv;
  const os = loadOs();
  const cores = os === null ? 1 : os.availableParallelism();
  return Math.max(1, Math.min(2, cores));
}

function loadOs(): { availableParallelism(): number } | null {
  return nodeBuiltin<{ availableParallelism(): number }>("node:os") ?? null;
}

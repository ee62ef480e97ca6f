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
import { helperFactory } from "./helpers";
import { CONTROL_BYTES, KernelThreads } from "./threads";

/** Options of the WebAssembly backend. */
export interface WasmBackendOptions {
  /** Threads for large kernels, the caller's included (default: env SEQGRAD_THREADS, else min(2, cores)). */
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
 * than one thread large kernels (GEMMs, recurrent sequences, Adam, cells, column sums,
 * cross-entropy rows) are split over helper threads: Node worker_threads, or Web Workers in a
 * cross-origin-isolated page (see threads.ts). Elsewhere the memory is private, every operand is
 * staged (copied in and out, see Staging) and everything runs on the calling thread.
 */
export function createWasmBackend(js: Backend, options: WasmBackendOptions = {}): WasmBackend | null {
  const threads = options.threads ?? defaultThreads();
  const fma = options.fma ?? true;
  const shared = instantiateSharedKernels(fma);
  if (shared !== null) {
    // the control block of the helper threads sits at the start of the heap, the blocks after it
    const ctl = (shared.kernels.heapBase() + 63) & ~63;
    const spawn = threads > 1 ? helperFactory() : null;
    const pool = spawn === null ? null : new KernelThreads(shared, threads - 1, ctl, spawn);
    return assemble(shared.kernels, js, pool, ctl + CONTROL_BYTES);
  }
  const kernels = instantiateKernels(fma);
  return kernels === null ? null : assemble(kernels, js, null, kernels.heapBase());
}

/** The wasm backend, with what only it has: its tensor storage (null on an unshared memory) and its threads. */
export interface WasmBackend extends Backend {
  readonly storage: TensorStorage | null;
  /** Threads that run large kernels (the caller's included), the jobs split over them so far, and the chunks the helpers ran. */
  threadStats(): ThreadStats;
}

/** See WasmBackend.threadStats. */
export interface ThreadStats {
  threads: number;
  jobs: number;
  helperChunks: number;
}

function assemble(kernels: WasmKernels, js: Backend, pool: KernelThreads | null, base: number): WasmBackend {
  const heap = new WasmHeap(kernels.memory, base);
  const transfers = new Transfers();
  const arena = new Arena(heap);
  const pins = new PinnedCopies(kernels, heap, transfers);
  const staging = new Staging(arena, pins, transfers);
  const core = createArenaGemm(kernels, arena, pool);
  const simd = kernels.fma ? "SIMD128 + relaxed-SIMD FMA" : "SIMD128";
  const threads = pool === null ? "1 thread" : `${pool.count} threads for large kernels`;
  return {
    name: "wasm",
    detail: `WebAssembly ${simd}, ${threads}`,
    storage: heap.shared ? new TensorStorage(heap, storageLimit()) : null,
    threadStats: () => ({ threads: pool === null ? 1 : pool.count, jobs: pool?.jobs ?? 0, helperChunks: pool?.helperChunks ?? 0 }),
    transfers: () => transfers.snapshot(),
    gemm: createWasmGemm(staging, core, js.gemm),
    linear: createWasmLinear(staging, core, js.linear),
    pin: (data) => pins.pin(data),
    unpin: (pinned) => pins.unpin(pinned),
    colSum: createWasmColSum(kernels, staging, pool, js.colSum),
    adamStep: createWasmAdam(kernels, staging, pool, js.adamStep),
    crossEntropyRows: createWasmCrossEntropy(kernels, staging, pool, js.crossEntropyRows),
    ...createWasmCells(kernels, staging, pool, js),
    ...createWasmSteps(kernels, staging, core, pool, js),
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
  const cores = os === null ? browserCores() : os.availableParallelism();
  return Math.max(1, Math.min(2, cores));
}

/** navigator.hardwareConcurrency in a browser (page or worker), else 1. */
function browserCores(): number {
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: unknown } }).navigator;
  const n = nav?.hardwareConcurrency;
  return typeof n === "number" && n >= 1 ? n : 1;
}

function loadOs(): { availableParallelism(): number } | null {
  return nodeBuiltin<{ availableParallelism(): number }>("node:os") ?? null;
}

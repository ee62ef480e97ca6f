import type { KernelThreads } from "./threads";

/**
 * Sizes (units of work: elements, or rows x columns) from which a kernel is split over the helper
 * threads; below them one thread is as fast, the hand-over costing what the half saves.
 * bench/split-kernels.mjs times each kernel on one and two threads; on 2 cores under a load of
 * 12 (other processes on both cores) the column sums gained from 2^16 values (0.72x), the LSTM
 * cell at 2^17 (0.79x), and Adam, sigmoid and cross-entropy not at all: there, helper threads
 * rarely run beside the caller. The bounds are set where a quiet machine's second core pays for
 * the hand-over (a few microseconds) many times over.
 */
export const SPLIT_MIN = {
  /** Adam: parameter elements. */
  adam: 1 << 16,
  /** sigmoid, tanh: elements. */
  elementwise: 1 << 16,
  /** LSTM / GRU cells and their backwards: B H. */
  cell: 1 << 15,
  /** Column sums: rows x columns. */
  colSum: 1 << 16,
  /** Cross-entropy rows: N C scores. */
  crossEntropy: 1 << 16,
};

/** Chunks per thread of a split kernel: a late helper leaves the caller a short tail. */
const CHUNKS_PER_THREAD = 2;

/** Units per chunk when `units` are split over `pool`'s threads: a multiple of `quantum`. */
export function chunkOf(units: number, pool: KernelThreads, quantum: number): number {
  return Math.max(quantum, Math.ceil(units / (CHUNKS_PER_THREAD * pool.count) / quantum) * quantum);
}

/** The pool when `size` reaches `min` and there are at least 2 chunks' worth of `units`, else null (run on one thread). */
export function splitPool(pool: KernelThreads | null, size: number, min: number, units: number, quantum: number): KernelThreads | null {
  return pool !== null && size >= min && units >= 2 * quantum ? pool : null;
}

import { SeqgradError } from "../../errors";
import type { SharedKernels, WasmMemory } from "./module";

/** The arguments of one `sgemm` call (pointers in bytes into the shared memory). */
export interface SgemmArgs {
  transA: number;
  transB: number;
  m: number;
  n: number;
  k: number;
  alpha: number;
  a: number;
  lda: number;
  b: number;
  ldb: number;
  beta: number;
  c: number;
  ldc: number;
  work: number;
}

/** Int32 slots per helper in the control block (128 bytes, so helpers never share a cache line). */
const SLOT = 32;
/** How long a helper spins for the next job before sleeping, and the caller for a helper's result. */
const HELPER_SPIN_MS = 0.5;
const CALLER_SPIN_MS = 5;

// The helper's loop: wait for a job number in its slot, run sgemm on the shared memory, publish done.
// Runs as an eval'd CommonJS worker so the same code serves dist/ and the TypeScript sources.
const HELPER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { module, memory, control, slot, spinMs } = workerData;
const ex = new WebAssembly.Instance(module, { env: { memory } }).exports;
const i32 = new Int32Array(control);
const f64 = new Float64Array(control);
const b = slot * ${SLOT};
const fb = slot * ${SLOT / 2} + 8;
let seen = 0;
for (;;) {
  let job = Atomics.load(i32, b);
  if (job === seen) {
    const until = performance.now() + spinMs;
    while ((job = Atomics.load(i32, b)) === seen && performance.now() < until);
    while ((job = Atomics.load(i32, b)) === seen) Atomics.wait(i32, b, seen);
  }
  if (job < 0) break;
  seen = job;
  try {
    ex.sgemm(i32[b + 4], i32[b + 5], i32[b + 6], i32[b + 7], i32[b + 8], f64[fb], i32[b + 9], i32[b + 10],
      i32[b + 11], i32[b + 12], f64[fb + 1], i32[b + 13], i32[b + 14], i32[b + 15]);
    i32[b + 2] = 0;
  } catch (err) {
    i32[b + 2] = 1;
  }
  Atomics.store(i32, b + 1, job);
  Atomics.notify(i32, b + 1);
}
`;

interface WorkerLike {
  unref(): void;
}

interface WorkerThreadsModule {
  Worker: new (source: string, options: { eval: true; workerData: unknown }) => WorkerLike;
}

/**
 * Helper threads that run parts of a GEMM on the kernels' shared memory. A job is published by
 * writing its arguments into the helper's slot of a SharedArrayBuffer and bumping the job number
 * (Atomics.notify); the helper spins briefly, then sleeps in Atomics.wait, so back-to-back GEMMs
 * of a recurrent loop do not pay a thread wake-up each. Helpers start on first use and never
 * keep the process alive.
 */
export class GemmThreads {
  readonly helpers: number;
  private readonly shared: SharedKernels;
  private readonly i32: Int32Array;
  private readonly f64: Float64Array;
  private started = false;
  private job = 0;

  constructor(shared: SharedKernels, helpers: number) {
    this.shared = shared;
    this.helpers = helpers;
    const control = new SharedArrayBuffer(helpers * SLOT * 4);
    this.i32 = new Int32Array(control);
    this.f64 = new Float64Array(control);
  }

  /** Starts job `args` on helper `h` (0-based); finish every started job with `wait`. */
  post(h: number, args: SgemmArgs): void {
    if (!this.started) this.start();
    const b = h * SLOT;
    const fb = h * (SLOT / 2) + 8;
    const i32 = this.i32;
    i32[b + 4] = args.transA;
    i32[b + 5] = args.transB;
    i32[b + 6] = args.m;
    i32[b + 7] = args.n;
    i32[b + 8] = args.k;
    this.f64[fb] = args.alpha;
    i32[b + 9] = args.a;
    i32[b + 10] = args.lda;
    i32[b + 11] = args.b;
    i32[b + 12] = args.ldb;
    this.f64[fb + 1] = args.beta;
    i32[b + 13] = args.c;
    i32[b + 14] = args.ldc;
    i32[b + 15] = args.work;
    Atomics.store(i32, b, this.job + 1);
    Atomics.notify(i32, b);
  }

  /** Blocks until helper `h` has finished the job posted last. */
  wait(h: number): void {
    const b = h * SLOT;
    const job = this.job + 1;
    const i32 = this.i32;
    const until = performance.now() + CALLER_SPIN_MS;
    while (Atomics.load(i32, b + 1) !== job && performance.now() < until);
    for (let done = Atomics.load(i32, b + 1); done !== job; done = Atomics.load(i32, b + 1)) {
      Atomics.wait(i32, b + 1, done, 1000);
    }
    if (i32[b + 2] !== 0) throw new SeqgradError("gemm: a worker thread failed; expected status 0, got 1");
  }

  /** Marks the end of one parallel GEMM (all its helpers waited for). */
  finish(): void {
    this.job += 1;
  }

  private start(): void {
    const threads = loadWorkerThreads();
    if (threads === null) throw new SeqgradError("gemm: worker threads are unavailable; expected node:worker_threads, got none");
    for (let h = 0; h < this.helpers; h++) {
      const workerData = { module: this.shared.module, memory: memoryOf(this.shared), control: this.i32.buffer, slot: h, spinMs: HELPER_SPIN_MS };
      new threads.Worker(HELPER_SOURCE, { eval: true, workerData }).unref();
    }
    this.started = true;
  }
}

function memoryOf(shared: SharedKernels): WasmMemory {
  return shared.kernels.memory;
}

/** node:worker_threads where this is Node, else null (browsers). */
export function loadWorkerThreads(): WorkerThreadsModule | null {
  if (typeof process === "undefined" || process.versions?.node === undefined) return null;
  try {
    return require("node:worker_threads") as WorkerThreadsModule;
  } catch {
    return null;
  }
}

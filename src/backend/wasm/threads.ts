import { SeqgradError } from "../../errors";
import type { SharedKernels, WasmKernels } from "./module";
import { HelperFactory, threadCanBlock } from "./helpers";

/** One GEMM job for the helper threads (pointers in bytes into the shared memory). */
export interface ShareJob {
  transA: number;
  /** 0 op(B) = B, 1 B^T, 2 prepacked panels (see WasmKernels.sgemm). */
  bMode: number;
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
  /** 1: chunks are columns of C, 0: rows. */
  alongN: number;
  /** Columns (or rows) per chunk, a multiple of the micro-tile. */
  chunk: number;
  /** Number of chunks. */
  count: number;
  /** Workspace of participant p at work + p * workStride. */
  work: number;
  workStride: number;
}

/** What a chunk of a job runs (the KIND_* of assembly/parallel.as, share-kernels.as, sequence-share.as and sequence-backward.as). */
export const KIND = {
  gemm: 0,
  adam: 1,
  sigmoid: 2,
  tanh: 3,
  colSum: 4,
  crossEntropy: 5,
  lstmCell: 6,
  gruCell: 7,
  lstmCellBackward: 8,
  gruCellBackward: 9,
  lstmSequence: 16,
  gruSequence: 17,
  rnnSequence: 18,
  lstmSequenceBackward: 19,
  gruSequenceBackward: 20,
  rnnSequenceBackward: 21,
} as const;

/** A job of any kind: `steps` steps of `units` units each, cut into chunks of `chunk` units. */
export interface KernelJob {
  kind: number;
  units: number;
  chunk: number;
  /** Steps run in order, each once the one before is done (default 1). */
  steps?: number;
  /** i32 arguments (slots 16.. of the control block). */
  ints: readonly number[];
  /** f64 arguments (from byte 192). */
  floats?: readonly number[];
}

/** Bytes of the control block (see assembly/parallel.as for its layout). */
export const CONTROL_BYTES = 256;
const JOB = 0;
const NEXT = 1;
const DONE = 2;
const FAILED = 3;
const PAGES = 4;
const KIND_SLOT = 5;
const TOTAL = 6;
const PER_STEP = 7;
const CHUNK = 8;
const UNITS = 9;
const ARGS = 16;
const F64_ARGS = 192 / 8;
/** Chunk indices are 24 bits of the claim word; the job tag takes the 7 above. */
const MAX_CHUNKS = 0xffffff;
/** How long a helper spins for the next job before sleeping, and the caller for the last chunks. */
const HELPER_SPIN_MS = 0.5;
const CALLER_SPIN_MS = 2;

/**
 * Helper threads that share the chunks of large kernels with the calling thread, on the
 * kernels' shared memory: GEMMs, Adam, elementwise and cell kernels, column sums, cross-entropy
 * rows, and whole recurrent sequences (one job per direction, the threads meeting once per step
 * inside wasm). The caller publishes a job in a control block inside that memory and bumps the
 * job counter (Atomics.notify); helpers spin briefly after each job, then sleep in Atomics.wait,
 * so back-to-back jobs rarely pay a thread wake-up. Chunks are claimed atomically by whoever is
 * free, so a slow or descheduled helper never stalls the caller for more than the chunk it
 * holds. Helpers start on first use (Node worker_threads, or Web Workers in a cross-origin-
 * isolated page, see helpers.ts) and never keep the process alive. On a page's main thread,
 * which may not block, the caller spins while a helper finishes its last chunk.
 */
export class KernelThreads {
  readonly helpers: number;
  private readonly shared: SharedKernels;
  private readonly kernels: WasmKernels;
  private readonly spawn: HelperFactory;
  private readonly ctl: number;
  private readonly i32: Int32Array;
  private readonly f32: Float32Array;
  private readonly f64: Float64Array;
  private readonly canBlock = threadCanBlock();
  private started = false;
  private job = 0;
  /** The GEMM job's reused descriptor: i32 arguments (alpha and beta, slots 5 and 10, are f32), and its scalars. */
  private readonly gemmInts: number[] = new Array<number>(16).fill(0);
  private readonly gemmJob: { kind: number; units: number; chunk: number; ints: number[] } = { kind: KIND.gemm, units: 0, chunk: 0, ints: this.gemmInts };
  private alpha = 0;
  private beta = 0;
  private readonly writeScalars = (): void => {
    this.f32[ARGS + 5] = this.alpha;
    this.f32[ARGS + 10] = this.beta;
  };
  /** Jobs run, and chunks of them the helpers ran (the rest the caller ran). */
  jobs = 0;
  helperChunks = 0;

  /** `ctl`: byte offset of CONTROL_BYTES (64-byte aligned) reserved in the shared memory for the control block. */
  constructor(shared: SharedKernels, helpers: number, ctl: number, spawn: HelperFactory) {
    this.shared = shared;
    this.kernels = shared.kernels;
    this.helpers = helpers;
    this.spawn = spawn;
    this.ctl = ctl;
    // shared memory is never detached by growth, so views made now stay valid
    this.i32 = new Int32Array(shared.kernels.memory.buffer, ctl, CONTROL_BYTES / 4);
    this.f32 = new Float32Array(shared.kernels.memory.buffer, ctl, CONTROL_BYTES / 4);
    this.f64 = new Float64Array(shared.kernels.memory.buffer, ctl, CONTROL_BYTES / 8);
  }

  /** Threads that run a job: the helpers and the caller. */
  get count(): number {
    return this.helpers + 1;
  }

  /** Runs the GEMM `job` on the caller and the helpers; returns when every chunk is done. */
  run(job: ShareJob): void {
    // the job's descriptor and arguments are reused: no allocation per GEMM
    const ints = this.gemmInts;
    ints[0] = job.transA;
    ints[1] = job.bMode;
    ints[2] = job.m;
    ints[3] = job.n;
    ints[4] = job.k;
    ints[6] = job.a;
    ints[7] = job.lda;
    ints[8] = job.b;
    ints[9] = job.ldb;
    ints[11] = job.c;
    ints[12] = job.ldc;
    ints[13] = job.alongN;
    ints[14] = job.work;
    ints[15] = job.workStride;
    const gemm = this.gemmJob;
    gemm.units = job.alongN ? job.n : job.m;
    gemm.chunk = job.chunk;
    this.alpha = job.alpha;
    this.beta = job.beta;
    this.split(gemm, this.writeScalars);
  }

  /** Runs `job` on the caller and the helpers; returns when every chunk of every step is done. */
  split(job: KernelJob, more?: () => void): void {
    if (!this.started) this.start();
    const i32 = this.i32;
    const per = Math.ceil(job.units / job.chunk);
    const total = per * (job.steps ?? 1);
    if (total > MAX_CHUNKS) throw new SeqgradError(`threads: a job has too many chunks; expected at most ${MAX_CHUNKS}, got ${total}`);
    this.job = (this.job + 1) & 0x3fffffff;
    const tag = (this.job & 0x7f) << 24;
    // closed first: a helper still holding the last job's claim word cannot claim in this one
    Atomics.store(i32, NEXT, tag | MAX_CHUNKS);
    const { ints, floats } = job;
    for (let i = 0; i < ints.length; i++) i32[ARGS + i] = ints[i] as number;
    if (floats !== undefined) for (let i = 0; i < floats.length; i++) this.f64[F64_ARGS + i] = floats[i] as number;
    more?.();
    Atomics.store(i32, KIND_SLOT, job.kind);
    Atomics.store(i32, CHUNK, job.chunk);
    Atomics.store(i32, UNITS, job.units);
    Atomics.store(i32, PER_STEP, per);
    Atomics.store(i32, PAGES, this.kernels.memory.buffer.byteLength / 65536);
    Atomics.store(i32, DONE, 0);
    // a helper that crashed in an earlier job (which then threw) is gone: the others carry on
    Atomics.store(i32, FAILED, 0);
    Atomics.store(i32, TOTAL, total);
    Atomics.store(i32, NEXT, tag);
    Atomics.store(i32, JOB, this.job);
    Atomics.notify(i32, JOB);
    const mine = this.kernels.share(this.ctl, 0, this.canBlock);
    this.finish(total);
    this.jobs++;
    this.helperChunks += total - mine;
  }

  /** Waits until `total` chunks are done: spins a while (reading the clock every 256 polls), then sleeps in 1 ms waits where it may. */
  private finish(total: number): void {
    const i32 = this.i32;
    const until = performance.now() + CALLER_SPIN_MS;
    for (let polls = 1; Atomics.load(i32, DONE) !== total; polls++) {
      if ((polls & 255) === 0 && (this.failed() || (this.canBlock && performance.now() > until))) break;
    }
    for (let done = Atomics.load(i32, DONE); done !== total; done = Atomics.load(i32, DONE)) {
      this.failed();
      if (this.canBlock) Atomics.wait(i32, DONE, done, 1);
    }
  }

  /** Throws when a helper crashed (its chunk will never be done); false otherwise. */
  private failed(): boolean {
    if (Atomics.load(this.i32, FAILED) === 0) return false;
    throw new SeqgradError("threads: a helper thread failed; expected every chunk of the job done, got a crashed worker (set SEQGRAD_THREADS=1)");
  }

  private start(): void {
    this.started = true;
    const memory = this.kernels.memory;
    for (let h = 0; h < this.helpers; h++) {
      try {
        this.spawn({ module: this.shared.module, memory, ctl: this.ctl, participant: h + 1, spinMs: HELPER_SPIN_MS });
      } catch {
        // a helper that cannot start claims nothing: the caller runs its chunks
      }
    }
  }
}

import { SeqgradError } from "../../errors";
import { nodeBuiltin } from "../../runtime/node-builtin";
import type { SharedKernels, WasmKernels } from "./module";

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
  /** Number of chunks (at most 4095). */
  count: number;
  /** Workspace of participant p at work + p * workStride. */
  work: number;
  workStride: number;
}

/** Bytes of the control block (see assembly/parallel.as for its layout). */
export const CONTROL_BYTES = 256;
const JOB = 0;
const NEXT = 1;
const DONE = 2;
const FAILED = 3;
const PAGES = 4;
const ARGS = 16;
/** How long a helper spins for the next job before sleeping, and the caller for the last chunks. */
const HELPER_SPIN_MS = 0.5;
const CALLER_SPIN_MS = 2;

// A helper's loop: wait for the job counter to move, then claim and run chunks with the module's
// own work sharing. A wake-up it misses costs nothing: the caller runs the chunks nobody claimed.
// The memory may have grown (on the caller's thread) since the helper's instance last ran: V8
// then still bounds-checks with the old size, so the helper instantiates the module again, which
// reads the current size. A failure is flagged for the caller rather than left to hang it.
// Runs as an eval'd CommonJS worker, so the same code serves dist/ and the TypeScript sources.
const HELPER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { module, memory, ctl, participant, spinMs } = workerData;
// reading memory.buffer first refreshes this thread's view of the size, which the instance takes
let pages = memory.buffer.byteLength / 65536;
const instantiate = () => new WebAssembly.Instance(module, { env: { memory } }).exports;
let ex = instantiate();
const i32 = new Int32Array(memory.buffer, ctl, ${CONTROL_BYTES / 4});
let seen = Atomics.load(i32, ${JOB});
for (;;) {
  const until = performance.now() + spinMs;
  for (let polls = 1; Atomics.load(i32, ${JOB}) === seen; polls++) {
    if ((polls & 255) === 0 && performance.now() > until) break;
  }
  while (Atomics.load(i32, ${JOB}) === seen) Atomics.wait(i32, ${JOB}, seen);
  seen = Atomics.load(i32, ${JOB});
  try {
    if (Atomics.load(i32, ${PAGES}) > pages) {
      pages = memory.buffer.byteLength / 65536;
      ex = instantiate();
    }
    ex.sgemmShare(ctl, participant);
  } catch (err) {
    Atomics.store(i32, ${FAILED}, 1);
    Atomics.notify(i32, ${DONE});
    throw err;
  }
}
`;

interface WorkerThreadsModule {
  Worker: new (source: string, options: { eval: true; workerData: unknown }) => { unref(): void };
}

/**
 * Helper threads that share the chunks of large GEMMs with the calling thread, on the kernels'
 * shared memory. The caller publishes a job in a control block inside that memory and bumps the
 * job counter (Atomics.notify); helpers spin briefly after each job, then sleep in Atomics.wait,
 * so the back-to-back GEMMs of a recurrent loop rarely pay a thread wake-up. Chunks are claimed
 * atomically by whoever is free, so a slow or descheduled helper never stalls the caller for
 * more than the chunk it holds. Helpers start on first use and never keep the process alive.
 */
export class GemmThreads {
  readonly helpers: number;
  private readonly shared: SharedKernels;
  private readonly kernels: WasmKernels;
  private readonly ctl: number;
  private readonly i32: Int32Array;
  private readonly f32: Float32Array;
  private started = false;
  private job = 0;

  /** `ctl`: byte offset of CONTROL_BYTES reserved in the shared memory for the control block. */
  constructor(shared: SharedKernels, helpers: number, ctl: number) {
    this.shared = shared;
    this.kernels = shared.kernels;
    this.helpers = helpers;
    this.ctl = ctl;
    // shared memory is never detached by growth, so views made now stay valid
    this.i32 = new Int32Array(shared.kernels.memory.buffer, ctl, CONTROL_BYTES / 4);
    this.f32 = new Float32Array(shared.kernels.memory.buffer, ctl, CONTROL_BYTES / 4);
  }

  /** Runs `job` on the caller and the helpers; returns when every chunk is done. */
  run(job: ShareJob): void {
    if (!this.started) this.start();
    const i32 = this.i32;
    const args = [job.transA, job.bMode, job.m, job.n, job.k, 0, job.a, job.lda, job.b, job.ldb, 0, job.c, job.ldc];
    args.push(job.alongN, job.chunk, job.work, job.workStride);
    // the block holds slots 0..63; the arguments take 16..32 (see assembly/parallel.as)
    args.forEach((v, i) => (i32[ARGS + i] = v));
    this.f32[ARGS + 5] = job.alpha;
    this.f32[ARGS + 10] = job.beta;
    this.job = (this.job + 1) & 0x3fffffff;
    Atomics.store(i32, PAGES, this.kernels.memory.buffer.byteLength / 65536);
    Atomics.store(i32, DONE, 0);
    Atomics.store(i32, NEXT, ((this.job & 0x7f) << 24) | (job.count << 12));
    Atomics.store(i32, JOB, this.job);
    Atomics.notify(i32, JOB);
    this.kernels.sgemmShare(this.ctl, 0);
    // spin on the counter, reading the clock only every 256 polls
    const until = performance.now() + CALLER_SPIN_MS;
    for (let polls = 1; Atomics.load(i32, DONE) !== job.count; polls++) {
      if ((polls & 255) === 0 && performance.now() > until) break;
    }
    for (let done = Atomics.load(i32, DONE); done !== job.count; done = Atomics.load(i32, DONE)) {
      if (Atomics.load(i32, FAILED) !== 0) {
        throw new SeqgradError("gemm: a helper thread failed; expected every chunk done, got a crashed worker (set SEQGRAD_THREADS=1)");
      }
      Atomics.wait(i32, DONE, done, 1);
    }
  }

  private start(): void {
    this.started = true;
    const threads = loadWorkerThreads();
    if (threads === null) return; // the caller then runs every chunk itself
    for (let h = 0; h < this.helpers; h++) {
      const memory = this.kernels.memory;
      const workerData = { module: this.shared.module, memory, ctl: this.ctl, participant: h + 1, spinMs: HELPER_SPIN_MS };
      new threads.Worker(HELPER_SOURCE, { eval: true, workerData }).unref();
    }
  }
}

/** node:worker_threads where this is Node, else null (browsers). */
export function loadWorkerThreads(): WorkerThreadsModule | null {
  return nodeBuiltin<WorkerThreadsModule>("node:worker_threads") ?? null;
}

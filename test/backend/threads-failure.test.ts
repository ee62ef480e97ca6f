import { describe, expect, it } from "vitest";
import { Worker } from "node:worker_threads";
import { SeqgradError } from "../../src/errors";
import { WasmHeap } from "../../src/backend/wasm/heap";
import { instantiateSharedKernels } from "../../src/backend/wasm/module";
import { CONTROL_BYTES, KIND, KernelThreads } from "../../src/backend/wasm/threads";

// A helper that dies holding a chunk: it waits for a job, claims one chunk of it (slot 1, the
// claim word; slot 6, the job's chunk count) and flags a failure (slot 3) without running it.
const DYING_HELPER = `
const { workerData } = require("node:worker_threads");
const i32 = new Int32Array(workerData.memory.buffer, workerData.ctl, 64);
const seen = Atomics.load(i32, 0);
while (Atomics.load(i32, 0) === seen) Atomics.wait(i32, 0, seen);
for (;;) {
  const v = Atomics.load(i32, 1);
  if ((v & 0xffffff) >= Atomics.load(i32, 6) || Atomics.compareExchange(i32, 1, v, v + 1) === v) break;
}
Atomics.store(i32, 3, 1);
Atomics.notify(i32, 2);
`;

const shared = instantiateSharedKernels();

describe.skipIf(shared === null)("kernel threads when a helper fails", () => {
  it("report the job a crashed helper held as failed, naming the way out, and run later jobs on the threads left", () => {
    const kernels = shared?.kernels;
    if (shared === null || kernels === undefined) return;
    const ctl = (kernels.heapBase() + 63) & ~63;
    const heap = new WasmHeap(kernels.memory, ctl + CONTROL_BYTES);
    const pool = new KernelThreads(shared, 1, ctl, (data) => {
      new Worker(DYING_HELPER, { eval: true, workerData: data }).unref();
    });
    const n = 1 << 16;
    const arrays = [0, 1, 2, 3].map(() => heap.alloc(n * 4));
    const f32 = (): Float32Array => new Float32Array(kernels.memory.buffer);
    const [p, g, m, v] = arrays as [number, number, number, number];
    // four Adam updates as the four steps of one job: a step's chunks wait for the step before,
    // so a chunk lost in step 0 would hold the caller in wasm forever unless the failure stops it
    const adam = (): void =>
      pool.split({ kind: KIND.adam, units: n, chunk: 256, steps: 4, ints: [p, g, m, v], floats: [0.9, 0.999, 1e-3, 1, 1e-8] });
    let failure: unknown = null;
    // the helper starts at the first job and fails in whichever job it wakes up to
    for (let i = 0; i < 5000 && failure === null; i++) {
      try {
        adam();
      } catch (err) {
        failure = err;
      }
    }
    expect(failure).toBeInstanceOf(SeqgradError);
    expect(String(failure)).toMatch(/helper thread failed.*SEQGRAD_THREADS=1/);
    // the next job runs on the caller alone, with the bits of the one-thread kernel
    const view = f32();
    for (const [i, at] of arrays.entries()) for (let j = 0; j < n; j++) view[(at >>> 2) + j] = i === 3 ? 0.01 : Math.sin(j + i);
    const copy = arrays.map(() => heap.alloc(n * 4));
    for (const [i, at] of arrays.entries()) f32().copyWithin(copy[i] as number >>> 2, at >>> 2, (at >>> 2) + n);
    const [cp, cg, cm, cv] = copy as [number, number, number, number];
    adam();
    for (let step = 0; step < 4; step++) kernels.adamStep(n, cp, cg, cm, cv, 0.9, 0.999, 1e-3, 1, 1e-8);
    const after = f32();
    expect(Array.from(after.subarray(p >>> 2, (p >>> 2) + n))).toEqual(Array.from(after.subarray(cp >>> 2, (cp >>> 2) + n)));
  }, 60_000);
});

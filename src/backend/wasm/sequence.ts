import type { TypedArray } from "../../tensor/dtype";
import { StepMethods, sequencesOfSteps } from "../js/sequence";
import type { RecurrentSequenceBackwards } from "../recurrent-backwards";
import type { RecurrentSequences } from "../recurrent-steps";
import { PARALLEL_MIN_MACS } from "./gemm";
import type { WasmKernels } from "./module";
import { B_PACKED } from "./staging";
import type { Staging } from "./staging";
import { KIND } from "./threads";
import type { KernelThreads } from "./threads";

/** Below this many elements per [B, H] block the plain-JS step beats staging into wasm memory. */
const MIN_ELEMENTS = 16;
/** Columns per panel of packed B (NR of assembly/kernel.as). */
const NR = 8;
/**
 * Multiply-adds of one step (B G H H) from which a direction whose H is a multiple of NR runs
 * split over the helper threads by hidden units, for the whole sequence in one job.
 */
export const SEQUENCE_SPLIT_MIN_MACS = 1 << 20;
/** Chunks of hidden units per thread and step. */
const SEQUENCE_CHUNKS_PER_THREAD = 1;

/** How a direction runs: step by step (`steps`), as one loop on this thread, or as one job split over the threads. */
export type Plan = "steps" | "one" | "split";

/**
 * How a direction (forward or backward) of B rows, H units and G gates runs: step by step when
 * not all float32, a tiny block, or a large step that cannot be split; else one job over `pool`'s
 * threads, or one loop on this thread.
 */
export function sequencePlan(pool: KernelThreads | null, B: number, H: number, G: number, arrays: Array<TypedArray | null>): Plan {
  if (B * H < MIN_ELEMENTS || arrays.some((x) => x !== null && !(x instanceof Float32Array))) return "steps";
  const macs = B * G * H * H;
  if (pool === null) return "one";
  if (H % NR === 0 && macs >= SEQUENCE_SPLIT_MIN_MACS) return "split";
  return macs >= PARALLEL_MIN_MACS ? "steps" : "one";
}

/** Units per chunk of a sequence job over `threads`: a multiple of NR. */
export function sequenceChunk(H: number, threads: KernelThreads): number {
  return Math.max(NR, Math.ceil(H / (SEQUENCE_CHUNKS_PER_THREAD * threads.count) / NR) * NR);
}

/**
 * The whole-direction forwards (see RecurrentSequences) on the WebAssembly SIMD kernels, one
 * call per direction instead of one per step: the gate buffer [T, B, G*H], the states and b_hh
 * are used in place when they live in the module's memory (tensor storage), else copied in once
 * (staged, see Staging), W_hh^T is packed into the GEMM's panels once (a pinned W_hh's
 * resident panels are used as they are), the T steps run inside WebAssembly (assembly/
 * sequence.as: per step one sgemm on the panels and the cell kernel, the kernels and order of
 * the per-step methods, so the results are the same bits), and the gates, states and tanh(c_t) /
 * hw_n are copied out once.
 *
 * With helper threads (`pool`), a direction whose step reaches SEQUENCE_SPLIT_MIN_MACS and whose
 * H is a multiple of NR is one job for the whole sequence (assembly/sequence-share.as): each
 * step's hidden units are cut into chunks that the threads claim, every chunk computing its
 * units' gate columns and cell, the threads meeting once per step inside wasm; the same kernels
 * on the same elements, so the same bits again. A large step with another H runs step by step
 * through `steps` (its GEMM split over the threads per step), as do other dtypes and tiny
 * blocks (`steps` hands those to the plain-JS steps).
 */
export function createWasmSequences(
  kernels: WasmKernels,
  staging: Staging,
  pool: KernelThreads | null,
  steps: StepMethods,
): Omit<RecurrentSequences, keyof RecurrentSequenceBackwards> {
  const { arena } = staging;
  const stepwise = sequencesOfSteps(steps);
  const scratch = (n: number): number => arena.alloc(n * 4);

  const plan = (B: number, H: number, G: number, arrays: Array<TypedArray | null>): Plan => sequencePlan(pool, B, H, G, arrays);

  /**
   * Runs the sequence kind on the threads: the i32 arguments after T, B, H, reverse, w and the
   * workspaces (which this allocates, one per thread) are `rest` (see assembly/sequence-share.as).
   */
  function split(threads: KernelThreads, kind: number, T: number, B: number, H: number, reverse: boolean, w: number, rest: number[]): void {
    const chunk = sequenceChunk(H, threads);
    const stride = (kernels.workspaceBytes(chunk) + 63) & ~63;
    const work = arena.alloc(stride * threads.count);
    threads.split({ kind, units: H, chunk, steps: T, ints: [T, B, H, reverse ? 1 : 0, w, work, stride, ...rest] });
  }

  /** W_hh^T [H, G*H] in sgemm's panels: a pinned W_hh's resident ones, else packed now into scratch. */
  function panels(wHh: TypedArray, H: number, GH: number): number {
    const w = staging.opB(wHh, true, 0, H, H, GH);
    if (w.mode === B_PACKED) return w.at;
    const at = arena.alloc(H * Math.ceil(GH / NR) * NR * 4);
    kernels.packBPanels(true, w.at, w.ld, H, GH, at);
    return at;
  }

  /** [T+1, B, H] states: `src` itself when resident, else scratch with the initial slot (slot 0, reverse slot T) copied in. */
  function states(src: TypedArray, T: number, n: number, reverse: boolean): number {
    if (staging.resident(src)) return src.byteOffset;
    const at = scratch((T + 1) * n);
    const init = reverse ? T * n : 0;
    arena.f32.set(src.subarray(init, init + n), (at >>> 2) + init);
    staging.transfers.count(n * 4);
    return at;
  }

  /** The T slots written by the steps (1..T, reverse 0..T-1) made the values of `dst` (copied out unless in place). */
  function written(at: number, T: number, n: number, reverse: boolean, dst: TypedArray): void {
    const first = reverse ? 0 : n;
    staging.done(at + first * 4, T * n, dst, first);
  }

  return {
    lstmSequence({ T, B, H, reverse, wHh, acts, c, h, tanhC }): void {
      if (T === 0) return;
      const how = plan(B, H, 4, [wHh, acts, c, h, tanhC]);
      if (how === "steps") return stepwise.lstmSequence({ T, B, H, reverse, wHh, acts, c, h, tanhC });
      const n = B * H;
      arena.reset();
      const w = panels(wHh, H, 4 * H);
      const pa = staging.inout(acts, 0, T * 4 * n);
      const ph = states(h, T, n, reverse);
      const pc = states(c, T, n, reverse);
      const pt = staging.output(tanhC, 0, T * n);
      if (how === "split" && pool !== null) split(pool, KIND.lstmSequence, T, B, H, reverse, w, [pa, pc, ph, pt]);
      else kernels.lstmSequence(T, B, H, reverse, w, pa, pc, ph, pt, arena.alloc(kernels.workspaceBytes(4 * H)));
      staging.done(pa, T * 4 * n, acts, 0);
      written(ph, T, n, reverse, h);
      written(pc, T, n, reverse, c);
      staging.done(pt, T * n, tanhC, 0);
    },

    gruSequence({ T, B, H, reverse, wHh, bHh, acts, h, hn }): void {
      if (T === 0) return;
      const how = plan(B, H, 3, [wHh, bHh, acts, h, hn]);
      if (how === "steps") return stepwise.gruSequence({ T, B, H, reverse, wHh, bHh, acts, h, hn });
      const n = B * H;
      arena.reset();
      const w = panels(wHh, H, 3 * H);
      const pb = bHh === null ? 0 : staging.input(bHh, 0, 3 * H);
      const pa = staging.inout(acts, 0, T * 3 * n);
      const ph = states(h, T, n, reverse);
      const pn = staging.output(hn, 0, T * n);
      const hw = scratch(3 * n);
      if (how === "split" && pool !== null) split(pool, KIND.gruSequence, T, B, H, reverse, w, [pb, pa, ph, pn, hw]);
      else kernels.gruSequence(T, B, H, reverse, w, pb, pa, ph, pn, hw, arena.alloc(kernels.workspaceBytes(3 * H)));
      staging.done(pa, T * 3 * n, acts, 0);
      written(ph, T, n, reverse, h);
      staging.done(pn, T * n, hn, 0);
    },

    rnnSequence({ T, B, H, nonlinearity, reverse, wHh, acts, h }): void {
      if (T === 0) return;
      const how = plan(B, H, 1, [wHh, acts, h]);
      if (how === "steps") return stepwise.rnnSequence({ T, B, H, nonlinearity, reverse, wHh, acts, h });
      const n = B * H;
      arena.reset();
      const w = panels(wHh, H, H);
      const pa = staging.inout(acts, 0, T * n);
      const ph = states(h, T, n, reverse);
      const relu = nonlinearity === "relu";
      if (how === "split" && pool !== null) split(pool, KIND.rnnSequence, T, B, H, reverse, w, [pa, ph, relu ? 1 : 0]);
      else kernels.rnnSequence(T, B, H, relu, reverse, w, pa, ph, arena.alloc(kernels.workspaceBytes(H)));
      staging.done(pa, T * n, acts, 0);
      written(ph, T, n, reverse, h);
    },
  };
}

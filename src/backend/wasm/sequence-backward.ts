import type { TypedArray } from "../../tensor/dtype";
import { StepBackwardMethods, sequenceBackwardsOfSteps } from "../js/sequence-backward";
import type { RecurrentSequenceBackwards, SequenceBackwardOperands } from "../recurrent-backwards";
import type { WasmKernels } from "./module";
import { sequenceChunk, sequencePlan } from "./sequence";
import { B_PACKED } from "./staging";
import type { Staging } from "./staging";
import { KIND } from "./threads";
import type { KernelThreads } from "./threads";

/** Columns per panel of packed B (NR of assembly/kernel.as). */
const NR = 8;
/** i32 arguments of a backward job (see assembly/sequence-backward.as). */
const ARG_COUNT = 16;

/**
 * The whole-direction backwards (see RecurrentSequenceBackwards) on the WebAssembly SIMD kernels,
 * one call per direction instead of one per step (assembly/sequence-backward.as). The operands
 * are used in place when they live in the module's memory (tensor storage), else copied in or
 * out once (Staging); W_hh is read from its panels (a pinned W_hh's resident ones, else packed
 * once here). With helper threads (`pool`), a direction that `sequencePlan` splits is one job of
 * T + 1 steps: each step's hidden units are cut into chunks, a chunk computing its columns of
 * dL/dh_{t'-1} = dG_{t'} W_hh for the step t' before and then its units of the cell backward of
 * step t, the threads meeting once per step inside wasm. One thread runs the same chunks whole,
 * so the results are the same bits on any number of threads (T steps when `initialGrad` is false:
 * the last one only makes dL/dh of the initial state). Other dtypes, tiny blocks and large
 * steps that cannot be split run step by step (`steps`).
 */
export function createWasmSequenceBackwards(
  kernels: WasmKernels,
  staging: Staging,
  pool: KernelThreads | null,
  steps: StepBackwardMethods,
): RecurrentSequenceBackwards {
  const { arena } = staging;
  const stepwise = sequenceBackwardsOfSteps(steps);

  /** W_hh [G H, H] as op(B) in sgemm's panels (k = G H, n = H): a pinned W_hh's, else packed now. */
  function panels(wHh: TypedArray, GH: number, H: number): number {
    const w = staging.opB(wHh, false, 0, H, GH, H);
    if (w.mode === B_PACKED) return w.at;
    const at = arena.alloc(GH * Math.ceil(H / NR) * NR * 4);
    kernels.packBPanels(false, w.at, w.ld, GH, H, at);
    return at;
  }

  /**
   * Stages the operands every kind shares, runs the job (`rest`: arguments 13..15) on one thread
   * or split over `pool`, and copies the results out; returns false when the plan is step by step.
   */
  function run(kind: number, G: number, o: SequenceBackwardOperands, extra: Array<TypedArray | null>, rest: () => number[], after: () => void): boolean {
    const { T, B, H, reverse, wHh, acts, dhLast, dY, dG, dhPrev } = o;
    // the last job step only makes dL/dh of the initial state
    const steps = o.initialGrad === false ? T : T + 1;
    const how = sequencePlan(pool, B, H, G, [wHh, acts, dhLast, dY, dG, dhPrev, ...extra]);
    if (how === "steps") return false;
    const n = B * H;
    const GH = G * H;
    arena.reset();
    const w = panels(wHh, GH, H);
    const threads = how === "split" ? pool : null;
    const chunk = threads === null ? H : sequenceChunk(H, threads);
    const count = threads === null ? 1 : threads.count;
    const stride = (kernels.workspaceBytes(chunk) + 63) & ~63;
    const work = arena.alloc(stride * count);
    const pa = staging.input(acts, 0, T * B * GH);
    const pLast = staging.input(dhLast, 0, n);
    const pY = dY === null ? 0 : staging.input(dY, 0, T * n);
    const pG = staging.output(dG, 0, T * B * GH);
    const pPrev = staging.output(dhPrev, 0, T * n);
    const scratch = arena.alloc(n * 4);
    const ints = [T, B, H, reverse ? 1 : 0, w, work, stride, pa, pLast, pY, pG, pPrev, scratch, ...rest()];
    if (threads !== null) threads.split({ kind, units: H, chunk, steps, ints });
    else {
      const p = arena.alloc(ARG_COUNT * 4);
      new Int32Array(arena.f32.buffer, p, ARG_COUNT).set(ints);
      kernels.sequenceBackward(kind, p, steps);
    }
    staging.done(pG, T * B * GH, dG, 0);
    staging.done(pPrev, T * n, dhPrev, 0);
    after();
    return true;
  }

  return {
    lstmSequenceBackward(o): void {
      if (o.T === 0) return;
      const { T, B, H, c, tanhC, dc } = o;
      const n = B * H;
      let pc = 0;
      const rest = (): number[] => {
        pc = staging.inout(dc, 0, n);
        return [staging.input(c, 0, (T + 1) * n), staging.input(tanhC, 0, T * n), pc];
      };
      if (!run(KIND.lstmSequenceBackward, 4, o, [c, tanhC, dc], rest, () => staging.done(pc, n, dc, 0))) stepwise.lstmSequenceBackward(o);
    },

    gruSequenceBackward(o): void {
      if (o.T === 0) return;
      const { T, B, H, h, hn, dGh } = o;
      const n = B * H;
      let pw = 0;
      const rest = (): number[] => {
        pw = staging.output(dGh, 0, T * 3 * n);
        return [staging.input(hn, 0, T * n), staging.input(h, 0, (T + 1) * n), pw];
      };
      if (!run(KIND.gruSequenceBackward, 3, o, [h, hn, dGh], rest, () => staging.done(pw, T * 3 * n, dGh, 0))) stepwise.gruSequenceBackward(o);
    },

    rnnSequenceBackward(o): void {
      if (o.T === 0) return;
      const relu = o.nonlinearity === "relu" ? 1 : 0;
      if (!run(KIND.rnnSequenceBackward, 1, o, [], () => [relu, 0, 0], () => undefined)) stepwise.rnnSequenceBackward(o);
    },
  };
}

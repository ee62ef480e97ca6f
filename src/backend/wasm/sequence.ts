import type { TypedArray } from "../../tensor/dtype";
import { StepMethods, sequencesOfSteps } from "../js/sequence";
import type { RecurrentSequences } from "../recurrent-steps";
import { PARALLEL_MIN_MACS } from "./gemm";
import type { WasmKernels } from "./module";
import { B_PACKED } from "./staging";
import type { Staging } from "./staging";

/** Below this many elements per [B, H] block the plain-JS step beats staging into wasm memory. */
const MIN_ELEMENTS = 16;
/** Columns per panel of packed B (NR of assembly/kernel.as). */
const NR = 8;

/**
 * The whole-direction forwards (see RecurrentSequences) on the WebAssembly SIMD kernels, one
 * call per direction instead of one per step: the gate buffer [T, B, G*H], the states and b_hh
 * are used in place when they live in the module's memory (tensor storage), else copied in once
 * (staged, see Staging), W_hh^T is packed into the GEMM's panels once (a pinned W_hh's
 * resident panels are used as they are), the T steps run inside WebAssembly (assembly/
 * sequence.as: per step one sgemm on the panels and the cell kernel, the kernels and order of
 * the per-step methods, so the results are the same bits), and the gates, states and tanh(c_t) /
 * hw_n are copied out once. The loop is single-threaded, so a direction whose step product
 * B * G*H * H reaches PARALLEL_MIN_MACS (the threshold of the threaded GEMM) runs step by step
 * through `steps` instead, as do other dtypes and tiny blocks (`steps` hands those to the
 * plain-JS steps).
 */
export function createWasmSequences(kernels: WasmKernels, staging: Staging, steps: StepMethods): RecurrentSequences {
  const { arena } = staging;
  const stepwise = sequencesOfSteps(steps);
  const scratch = (n: number): number => arena.alloc(n * 4);

  /** True when the direction should run step by step: not all float32, a tiny block, or a large product. */
  function perStep(B: number, H: number, G: number, arrays: Array<TypedArray | null>): boolean {
    if (B * H < MIN_ELEMENTS || B * G * H * H >= PARALLEL_MIN_MACS) return true;
    return arrays.some((x) => x !== null && !(x instanceof Float32Array));
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
      if (perStep(B, H, 4, [wHh, acts, c, h, tanhC])) return stepwise.lstmSequence({ T, B, H, reverse, wHh, acts, c, h, tanhC });
      const n = B * H;
      arena.reset();
      const w = panels(wHh, H, 4 * H);
      const pa = staging.inout(acts, 0, T * 4 * n);
      const ph = states(h, T, n, reverse);
      const pc = states(c, T, n, reverse);
      const pt = staging.output(tanhC, 0, T * n);
      const work = arena.alloc(kernels.workspaceBytes(4 * H));
      kernels.lstmSequence(T, B, H, reverse, w, pa, pc, ph, pt, work);
      staging.done(pa, T * 4 * n, acts, 0);
      written(ph, T, n, reverse, h);
      written(pc, T, n, reverse, c);
      staging.done(pt, T * n, tanhC, 0);
    },

    gruSequence({ T, B, H, reverse, wHh, bHh, acts, h, hn }): void {
      if (T === 0) return;
      if (perStep(B, H, 3, [wHh, bHh, acts, h, hn])) return stepwise.gruSequence({ T, B, H, reverse, wHh, bHh, acts, h, hn });
      const n = B * H;
      arena.reset();
      const w = panels(wHh, H, 3 * H);
      const pb = bHh === null ? 0 : staging.input(bHh, 0, 3 * H);
      const pa = staging.inout(acts, 0, T * 3 * n);
      const ph = states(h, T, n, reverse);
      const pn = staging.output(hn, 0, T * n);
      const hw = scratch(3 * n);
      const work = arena.alloc(kernels.workspaceBytes(3 * H));
      kernels.gruSequence(T, B, H, reverse, w, pb, pa, ph, pn, hw, work);
      staging.done(pa, T * 3 * n, acts, 0);
      written(ph, T, n, reverse, h);
      staging.done(pn, T * n, hn, 0);
    },

    rnnSequence({ T, B, H, nonlinearity, reverse, wHh, acts, h }): void {
      if (T === 0) return;
      if (perStep(B, H, 1, [wHh, acts, h])) return stepwise.rnnSequence({ T, B, H, nonlinearity, reverse, wHh, acts, h });
      const n = B * H;
      arena.reset();
      const w = panels(wHh, H, H);
      const pa = staging.inout(acts, 0, T * n);
      const ph = states(h, T, n, reverse);
      const work = arena.alloc(kernels.workspaceBytes(H));
      kernels.rnnSequence(T, B, H, nonlinearity === "relu", reverse, w, pa, ph, work);
      staging.done(pa, T * n, acts, 0);
      written(ph, T, n, reverse, h);
    },
  };
}
